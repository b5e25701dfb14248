namespace Facturo.Platform;

/// <summary>Dates in the biller's time zone. Billing periods and due dates are local dates; timestamps stay UTC.</summary>
public sealed class BillerClock(TimeProvider time)
{
    private static readonly TimeZoneInfo BillerZone = TimeZoneInfo.FindSystemTimeZoneById("America/Toronto");

    public DateTimeOffset UtcNow => time.GetUtcNow();

    public DateOnly Today => DateOnly.FromDateTime(Local(time.GetUtcNow()).DateTime);

    /// <summary>The instant as the biller's wall clock shows it, for what people read (a bank file header's time).</summary>
    public static DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, BillerZone);
}
