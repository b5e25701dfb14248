using Facturo.Accounts;
using Facturo.Data;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Portal;

/// <summary>
/// The biller's name and support contact shown on every page. They change a few times a year, so
/// they are read at most every 30 seconds instead of once per page view. Reading them also points the biller's clock
/// at the biller's time zone, so a change made at /admin/settings on one node reaches the others within that time.
/// </summary>
public sealed class PortalChrome(IServiceScopeFactory scopes, TimeProvider time, Platform.BillerClock clock)
{
    private static readonly TimeSpan FreshFor = TimeSpan.FromSeconds(30);

    private sealed record Snapshot(BillerSettings? Biller, DateTimeOffset ReadAt);

    private volatile Snapshot? _snapshot;

    /// <summary>After the biller's details change here, the next page reads them anew.</summary>
    public void Forget() => _snapshot = null;

    public async Task<BillerSettings?> BillerAsync()
    {
        var now = time.GetUtcNow();
        if (_snapshot is { } snapshot && now - snapshot.ReadAt < FreshFor && now >= snapshot.ReadAt)
        {
            return snapshot.Biller;
        }
        await using var scope = scopes.CreateAsyncScope();
        var biller = await scope.ServiceProvider.GetRequiredService<FacturoDbContext>().BillerSettings.AsNoTracking().SingleOrDefaultAsync();
        _snapshot = new Snapshot(biller, now);
        if (biller is not null)
        {
            clock.UseZone(biller.TimeZone);
        }
        return biller;
    }
}
