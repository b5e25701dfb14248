using Facturo.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Data;

/// <summary>A bank file's worth of ids in one query: more than either database allows as separate parameters.</summary>
public abstract class LongListQueryTests(DatabaseProvider provider) : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
        await using var db = _database.NewContext();
        await Migrator.MigrateAsync(db, CancellationToken.None);
    }

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    [Fact]
    public async Task A_query_and_an_update_over_100000_ids_run()
    {
        var ids = Enumerable.Range(1, 100_000).Select(n => (long)n).ToList();
        await using var db = _database.NewContext();

        var found = await db.Payments.CountAsync(p => ids.Contains(p.Id));
        var moved = await db.Payments.Where(p => ids.Contains(p.Id)).ExecuteUpdateAsync(s => s.SetProperty(p => p.SentAt, DateTimeOffset.UnixEpoch));

        Assert.Equal((0, 0), (found, moved));
    }
}

public sealed class LongListQueryTestsOnSqlite() : LongListQueryTests(DatabaseProvider.Sqlite);
public sealed class LongListQueryTestsOnPostgres() : LongListQueryTests(DatabaseProvider.Postgres);
