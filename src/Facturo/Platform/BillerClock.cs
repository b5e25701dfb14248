namespace Facturo.Platform;

/// <summary>
/// Dates in the biller's time zone (its setting, America/Toronto until read). Billing periods and due dates are local
/// dates; timestamps stay UTC.
/// </summary>
public sealed class BillerClock(TimeProvider time)
{
    private volatile TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(Accounts.BillerSettings.DefaultTimeZone);

    public DateTimeOffset UtcNow => time.GetUtcNow();

    public DateOnly Today => DateOnly.FromDateTime(Local(time.GetUtcNow()).DateTime);

    public TimeZoneInfo Zone => _zone;

    /// <summary>
    /// Counts in the biller's zone from now on. Whatever reads the biller's settings to work with dates (a bill run, a debit
    /// batch, the pages' biller details) passes it here, so a change made at /admin/settings reaches every node.
    /// </summary>
    public void UseZone(string ianaZone)
    {
        if (_zone.Id != ianaZone && TimeZoneInfo.TryFindSystemTimeZoneById(ianaZone, out var zone))
        {
            _zone = zone;
        }
    }

    /// <summary>The instant as the biller's wall clock shows it, for what people read (a bank file header's time).</summary>
    public DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, _zone);
}
