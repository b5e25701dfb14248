using System.Diagnostics.Metrics;

namespace Facturo.Emails;

/// <summary>
/// The outbox as metrics (meter "Facturo.Emails", read with dotnet-counters or an OpenTelemetry exporter): emails
/// sent and attempts failed as counters; emails pending and failed now as gauges, from the counts the dispatcher
/// last read. Alert on a growing pending gauge or any failed email.
/// </summary>
public sealed class EmailMetrics
{
    public const string MeterName = "Facturo.Emails";

    private readonly Counter<long> _sent;
    private readonly Counter<long> _failedAttempts;
    private long _pending;
    private long _failed;

    public EmailMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _sent = meter.CreateCounter<long>("facturo.emails.sent", "{email}", "Emails handed to the SMTP server (or the pickup folder).");
        _failedAttempts = meter.CreateCounter<long>("facturo.emails.failed_attempts", "{attempt}", "Delivery attempts that failed; permanent=true when the email failed for good.");
        meter.CreateObservableGauge("facturo.emails.pending", () => Interlocked.Read(ref _pending), "{email}", "Emails waiting to be sent.");
        meter.CreateObservableGauge("facturo.emails.failed", () => Interlocked.Read(ref _failed), "{email}", "Emails that failed for good, waiting for staff to requeue them.");
    }

    public void Sent() => _sent.Add(1);

    public void AttemptFailed(bool permanent) => _failedAttempts.Add(1, new KeyValuePair<string, object?>("permanent", permanent));

    public void Counted(long pending, long failed)
    {
        Interlocked.Exchange(ref _pending, pending);
        Interlocked.Exchange(ref _failed, failed);
    }
}
