namespace Facturo.Platform;

/// <summary>Dates in the biller's time zone. Billing periods and due dates are local dates; timestamps stay UTC.</summary>
public sealed class BillerClock(TimeProvider time)
{
    private static readonly TimeZoneInfo BillerZone = TimeZoneInfo.FindSystemTimeZoneById("America/Toronto");

    public DateTimeOffset UtcNow => time.GetUtcNow();

    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), BillerZone).DateTime);
}
