using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Data;

/// <summary>
/// Applies the migrations under a lock, so two <c>facturo migrate</c> started at once (two nodes deploying) apply each
/// migration once: the second waits, then finds nothing to do. It never creates a PostgreSQL database (a misspelt
/// name is reported, not made), and with nothing to apply it changes nothing, so the runtime role may run it.
/// </summary>
public static class Migrator
{
    /// <summary>Any fixed number: the advisory lock every Facturo migrator of a PostgreSQL database takes.</summary>
    private const long PostgresLock = 0x4661637475726F; // "Facturo"

    /// <returns>The migrations applied now.</returns>
    public static async Task<IReadOnlyList<string>> MigrateAsync(FacturoDbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            // Opened here, not by EF Core, which would create a database that does not exist; the lock lives as long as this connection.
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({PostgresLock})", cancellationToken);
                return await ApplyPendingAsync(db, cancellationToken);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }
        await using var migrating = await SqliteMigrationLock.TakeAsync(db.Database.GetConnectionString()!, cancellationToken);
        return await ApplyPendingAsync(db, cancellationToken);
    }

    private static async Task<IReadOnlyList<string>> ApplyPendingAsync(FacturoDbContext db, CancellationToken cancellationToken)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        // Even with nothing to apply, EF Core would create its history table "if not exists": the runtime role may not.
        if (pending.Count > 0)
        {
            await db.Database.MigrateAsync(cancellationToken);
        }
        return pending;
    }

    /// <summary>
    /// EF Core's own lock keeps two SQLite migrators from applying the same migration, but each would still report
    /// what it found pending; a lock file beside the database (flock, never the database file's own locks) orders them.
    /// </summary>
    private sealed class SqliteMigrationLock(FileStream? file) : IAsyncDisposable
    {
        public static async Task<SqliteMigrationLock> TakeAsync(string connectionString, CancellationToken cancellationToken)
        {
            var database = new SqliteConnectionStringBuilder(connectionString);
            if (database.Mode == SqliteOpenMode.Memory || database.DataSource is "" or ":memory:")
            {
                return new SqliteMigrationLock(null);
            }
            var path = Path.GetFullPath(database.DataSource) + ".migrate-lock";
            while (true)
            {
                try
                {
                    return new SqliteMigrationLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
                }
                catch (IOException) when (File.Exists(path))
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
                }
            }
        }

        public ValueTask DisposeAsync() => file?.DisposeAsync() ?? ValueTask.CompletedTask;
    }
}
