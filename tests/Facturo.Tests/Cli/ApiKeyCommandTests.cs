using Facturo.Api;
using Facturo.Data;
using Facturo.Infrastructure;
using Facturo.Platform;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Cli;

/// <summary>A biller's integration gets its REST API key from `facturo add-api-key`, printed once and stored only as a hash.</summary>
public abstract class ApiKeyCommandTests(DatabaseProvider provider) : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
        await FacturoProcess.RunAsync(_database.Options, "migrate");
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task A_new_key_is_printed_once_and_only_its_hash_is_stored()
    {
        var (exitCode, output, errors) = await FacturoProcess.RunAsync(_database.Options, "add-api-key", "--name", "Shipping tool");

        Assert.True(exitCode == 0, errors);
        var key = output.Split("API key: ")[1].Trim();
        Assert.True(key.Length >= 40, key);
        await using var db = _database.NewContext();
        var stored = await db.Set<ApiKey>().SingleAsync();
        Assert.Equal(("Shipping tool", ApiKey.Hash(key), (DateTimeOffset?)null), (stored.Name, stored.KeyHash, stored.RevokedAt));
        Assert.DoesNotContain(key, stored.KeyHash, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_without_a_name_is_refused_and_nothing_is_stored()
    {
        var (exitCode, _, errors) = await FacturoProcess.RunAsync(_database.Options, "add-api-key", "--name", " ");

        Assert.Equal(FacturoCli.CommandLineError, exitCode);
        Assert.Contains("--name", errors, StringComparison.Ordinal);
        await using var db = _database.NewContext();
        Assert.False(await db.Set<ApiKey>().AnyAsync());
    }
}

public sealed class ApiKeyCommandTestsOnSqlite() : ApiKeyCommandTests(DatabaseProvider.Sqlite);
public sealed class ApiKeyCommandTestsOnPostgres() : ApiKeyCommandTests(DatabaseProvider.Postgres);
