using Facturo.Data;
using Facturo.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Facturo.Cli;

/// <summary><c>facturo migrate</c> run twice at once, or against a database that does not exist.</summary>
public abstract class MigrateCommandTests(DatabaseProvider provider) : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync(provider);

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    [Fact]
    public async Task Two_migrates_at_once_on_an_empty_database_both_succeed_and_each_migration_is_applied_once()
    {
        var runs = await Task.WhenAll(FacturoProcess.RunAsync(_database.Options, "migrate"), FacturoProcess.RunAsync(_database.Options, "migrate"));

        await using var db = _database.NewContext();
        var migrations = db.Database.GetMigrations().Count();
        Assert.All(runs, run => Assert.True(run.ExitCode == 0, run.Errors));
        Assert.Single(runs, run => run.Output.Contains($"Applied {migrations} migration(s)", StringComparison.Ordinal));
        Assert.Single(runs, run => run.Output.Contains("The database is up to date.", StringComparison.Ordinal));
        Assert.Equal(migrations, (await db.Database.GetAppliedMigrationsAsync()).Count());
    }
}

public sealed class MigrateCommandTestsOnSqlite() : MigrateCommandTests(DatabaseProvider.Sqlite);

public sealed class MigrateCommandTestsOnPostgres() : MigrateCommandTests(DatabaseProvider.Postgres)
{
    [Fact]
    public async Task Migrate_with_a_database_name_that_does_not_exist_says_so_in_one_line_and_creates_nothing()
    {
        var name = $"facturo_typo_{Guid.NewGuid():N}";
        var wrong = new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = new NpgsqlConnectionStringBuilder(TestDatabase.PostgresAdmin) { Database = name }.ConnectionString };

        var (exitCode, _, errors) = await FacturoProcess.RunAsync(wrong, "migrate");

        Assert.Equal(FacturoCli.DatabaseUnavailable, exitCode);
        Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"\"{name}\" does not exist", errors, StringComparison.Ordinal);
        await using var admin = new NpgsqlConnection(TestDatabase.PostgresAdmin);
        await admin.OpenAsync();
        await using var exists = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", admin);
        exists.Parameters.AddWithValue("name", name);
        Assert.Equal(0L, await exists.ExecuteScalarAsync());
    }
}
