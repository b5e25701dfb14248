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
    public async Task A_key_gets_the_scopes_and_accounts_named_and_every_scope_without_any()
    {
        await using (var db = _database.NewContext())
        {
            db.Accounts.Add(new Accounts.CustomerAccount
            {
                CustomerNumber = "1000001", LegalName = "Customer 1000001", AddressLine1 = "1 Main Street", City = "Ottawa", Region = "ON", PostalCode = "K1A 0B1",
                Language = Accounts.Language.En, Program = Accounts.BillingProgram.Commercial, CurrencyCode = "CAD", CreditTermsDays = 30,
                Delivery = Accounts.DeliveryPreference.Electronic, Status = Accounts.AccountStatus.Active, BillingEmail = "billing@1000001.example", CreatedAt = DateTimeOffset.UnixEpoch,
            });
            await db.SaveChangesAsync();
        }
        var (limitedExit, limitedOutput, limitedErrors) = await FacturoProcess.RunAsync(_database.Options, "add-api-key", "--name", "Reader", "--scope", "read", "--scope", "orders", "--account", "1000001");
        var (everyExit, everyOutput, _) = await FacturoProcess.RunAsync(_database.Options, "add-api-key", "--name", "Everything");

        Assert.True(limitedExit == 0, limitedErrors);
        Assert.StartsWith(ApiKey.Prefix, limitedOutput.Split("API key: ")[1].Trim(), StringComparison.Ordinal);
        await using var after = _database.NewContext();
        var keys = await after.Set<ApiKey>().OrderBy(k => k.Id).ToListAsync();
        Assert.Equal(("read orders", "1000001"), (keys[0].Scopes, keys[0].CustomerNumbers));
        Assert.Equal(0, everyExit);
        Assert.Equal(("read orders billing payments", (string?)null), (keys[1].Scopes, keys[1].CustomerNumbers));
        Assert.StartsWith("command line", keys[1].IssuedBy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_for_an_unknown_account_or_scope_is_refused_and_nothing_is_stored()
    {
        var (accountExit, _, accountErrors) = await FacturoProcess.RunAsync(_database.Options, "add-api-key", "--name", "Reader", "--account", "1999999");
        var (scopeExit, _, scopeErrors) = await FacturoProcess.RunAsync(_database.Options, "add-api-key", "--name", "Reader", "--scope", "write");

        Assert.Equal((FacturoCli.CommandLineError, FacturoCli.CommandLineError), (accountExit, scopeExit));
        Assert.Contains("1999999", accountErrors, StringComparison.Ordinal);
        Assert.Contains("--scope", scopeErrors, StringComparison.Ordinal);
        await using var db = _database.NewContext();
        Assert.False(await db.Set<ApiKey>().AnyAsync());
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
