using Facturo.Accounts;
using Facturo.Data;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Portal;

/// <summary>The biller's name and support contact shown on every page, read once per request.</summary>
public sealed class PortalChrome(FacturoDbContext db)
{
    private BillerSettings? _biller;

    public async Task<BillerSettings?> BillerAsync() => _biller ??= await db.BillerSettings.AsNoTracking().SingleOrDefaultAsync();
}
