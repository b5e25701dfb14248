using Facturo.Api;
using Facturo.Accounts;
using Facturo.Data;
using Facturo.DemoData;
using Facturo.Infrastructure;
using Facturo.Platform;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Cli;

/// <summary>Demo data stays a demo: never served in Production with its published secrets, never mixed with a real biller's data.</summary>
public sealed class DemoDataCommandTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    [Fact]
    public async Task Serve_demo_refuses_a_database_holding_data_the_demo_did_not_create()
    {
        await FacturoProcess.RunAsync(_database.Options, "migrate");
        await using (var db = _database.NewContext())
        {
            db.BillerSettings.Add(new BillerSettings { LegalName = "Real Biller Inc.", GstHstNumber = "123456789 RT0001", QstNumber = "1234567890 TQ0001", SupportPhone = "1-800-555-0100", SupportEmail = "billing@real.example" });
            await db.SaveChangesAsync();
        }

        var (exitCode, _, errors) = await FacturoProcess.RunAsync(_database.Options, "serve", "--demo");

        Assert.Equal(FacturoCli.Refused, exitCode);
        Assert.Contains("not created by the demo", errors, StringComparison.Ordinal);
        await using var after = _database.NewContext();
        Assert.False(await after.Accounts.AnyAsync());
    }

    [Fact]
    public async Task Serving_demo_data_in_production_is_refused_with_the_command_that_retires_its_secrets()
    {
        await FacturoProcess.RunAsync(_database.Options, "demo-data");

        var (exitCode, _, errors) = await FacturoProcess.RunAsync(_database.Options, "serve");
        var retired = await FacturoProcess.RunAsync(_database.Options, "retire-demo-secrets");

        Assert.Equal(FacturoCli.Refused, exitCode);
        Assert.Contains("facturo retire-demo-secrets", errors, StringComparison.Ordinal);
        Assert.DoesNotContain(" at Facturo.", errors, StringComparison.Ordinal);
        Assert.Equal(0, retired.ExitCode);
        Assert.Contains("Demo API key revoked", retired.Output, StringComparison.Ordinal);
        await using var db = _database.NewContext();
        Assert.NotNull((await db.Set<ApiKey>().SingleAsync(k => k.KeyHash == ApiKey.Hash(DemoDataSeeder.DemoApiKey))).RevokedAt);
        Assert.NotNull((await db.StaffMembers.SingleAsync(s => s.Email == DemoDataSeeder.DemoStaffEmail)).DisabledAt);
        var portalUser = await db.Users.SingleAsync(u => u.Email == DemoDataSeeder.DemoUserEmail);
        Assert.Null(portalUser.PasswordHash);
    }
}
