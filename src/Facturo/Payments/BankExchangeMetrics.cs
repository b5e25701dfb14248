using System.Diagnostics.Metrics;

namespace Facturo.Payments;

/// <summary>
/// The SFTP exchange with the bank as metrics (meter "Facturo.Bank"): files sent and fetched, failed connections as
/// counters; files waiting to be sent as a gauge, from the count the last exchange read. Alert on any failure counted
/// twice in a row or a waiting gauge above zero at the end of the day.
/// </summary>
public sealed class BankExchangeMetrics
{
    public const string MeterName = "Facturo.Bank";

    private readonly Counter<long> _uploaded;
    private readonly Counter<long> _fetched;
    private readonly Counter<long> _failures;
    private long _waiting;

    public BankExchangeMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _uploaded = meter.CreateCounter<long>("facturo.bank.files_uploaded", "{file}", "Debit files put in the bank's SFTP folder.");
        _fetched = meter.CreateCounter<long>("facturo.bank.files_fetched", "{file}", "Files taken from the bank's SFTP folders; imported=false when the import refused them.");
        _failures = meter.CreateCounter<long>("facturo.bank.exchange_failures", "{exchange}", "Connections to the bank that failed (unreachable, refused host key, authentication, folder).");
        meter.CreateObservableGauge("facturo.bank.files_waiting", () => Interlocked.Read(ref _waiting), "{file}", "Debit files waiting to be sent to the bank.");
    }

    public void Uploaded() => _uploaded.Add(1);

    public void Fetched(bool imported) => _fetched.Add(1, new KeyValuePair<string, object?>("imported", imported));

    public void Failed(string code) => _failures.Add(1, new KeyValuePair<string, object?>("reason", code));

    public void Waiting(long count) => Interlocked.Exchange(ref _waiting, count);
}
