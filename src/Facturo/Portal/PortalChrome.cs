using Facturo.Accounts;
using Facturo.Data;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Portal;

/// <summary>
/// The biller's name and support contact shown on every page. They change a few times a year, so
/// they are read at most every 30 seconds instead of once per page view.
/// </summary>
public sealed class PortalChrome(IServiceScopeFactory scopes, TimeProvider time)
{
    private static readonly TimeSpan FreshFor = TimeSpan.FromSeconds(30);

    private sealed record Snapshot(BillerSettings? Biller, DateTimeOffset ReadAt);

    private volatile Snapshot? _snapshot;

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
        return biller;
    }
}
