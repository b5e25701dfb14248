using Microsoft.EntityFrameworkCore;

namespace Facturo.Data;

public static class Migrator
{
    /// <returns>The migrations applied now.</returns>
    public static async Task<IReadOnlyList<string>> MigrateAsync(FacturoDbContext db, CancellationToken cancellationToken)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await db.Database.MigrateAsync(cancellationToken);
        return pending;
    }
}
