using Facturo.Data;
using Facturo.Infrastructure;

namespace Facturo.Cli;

public sealed class CommandLineTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    [Theory]
    [InlineData("serve")]
    [InlineData("migrate")]
    [InlineData("setup")]
    [InlineData("demo-data")]
    [InlineData("sizing-data")]
    [InlineData("bill-run")]
    [InlineData("invite")]
    [InlineData("debit-batch")]
    [InlineData("import-returns")]
    [InlineData("disable-staff")]
    [InlineData("enable-staff")]
    [InlineData("add-staff")]
    [InlineData("set-staff-password")]
    [InlineData("reset-staff-two-step")]
    public async Task Every_command_explains_itself(string command)
    {
        var (exitCode, output, _) = await FacturoProcess.RunAsync(_database.Options, command, "--help");

        Assert.Equal(0, exitCode);
        Assert.Contains("Usage:", output, StringComparison.Ordinal);
        Assert.Contains("--connection-string", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-13", "use the form YYYY-MM")]
    [InlineData("2099-01", "Period 2099-01 has not ended")]
    public async Task A_period_that_cannot_be_billed_is_refused_with_the_reason(string period, string reason)
    {
        await FacturoProcess.RunAsync(_database.Options, "migrate");

        var (exitCode, _, errors) = await FacturoProcess.RunAsync(_database.Options, "bill-run", "--period", period);

        Assert.Equal(FacturoCli.Refused, exitCode);
        Assert.Contains(reason, errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inviting_an_ineligible_customer_number_is_refused_and_queues_nothing()
    {
        await FacturoProcess.RunAsync(_database.Options, "demo-data");

        var emailSettings = new Dictionary<string, string?>
        {
            ["Email__SmtpHost"] = "smtp.biller.ca", ["Email__From"] = "facturation@biller.ca", ["Email__PublicBaseUrl"] = "https://portal.biller.ca",
        };
        var (exitCode, _, errors) = await FacturoProcess.RunAsync(_database.Options, emailSettings, AppContext.BaseDirectory, "invite", "--customer", "9000011", "--email", "ap@client.example", "--language", "en");

        Assert.Equal(FacturoCli.Refused, exitCode);
        Assert.Contains("Account 9000011 is not eligible for e-billing", errors, StringComparison.Ordinal);
        await using var db = _database.NewContext();
        Assert.False(await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.OutboxEmails, e => e.ToAddress == "ap@client.example"));
    }

    [Fact]
    public async Task A_batch_size_out_of_range_is_a_command_line_error()
    {
        var (exitCode, _, errors) = await FacturoProcess.RunAsync(_database.Options, "bill-run", "--period", "2026-10", "--batch-size", "0");

        Assert.Equal(FacturoCli.CommandLineError, exitCode);
        Assert.Contains("--batch-size must be between 1 and 10000", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invitation_in_production_without_the_portal_address_is_refused_before_anything_is_queued()
    {
        await FacturoProcess.RunAsync(_database.Options, "demo-data");

        var (exitCode, _, errors) = await FacturoProcess.RunAsync(_database.Options, "invite", "--customer", "1000001", "--email", "ap@client.example", "--language", "en");

        Assert.Equal(FacturoCli.Refused, exitCode);
        Assert.Contains("Email:PublicBaseUrl", errors, StringComparison.Ordinal);
        await using var db = _database.NewContext();
        Assert.False(await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.OutboxEmails, e => e.ToAddress == "ap@client.example"));
    }

    [Fact]
    public async Task A_database_that_cannot_be_reached_has_its_own_exit_code()
    {
        var (exitCode, _, errors) = await FacturoProcess.RunAsync(new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = "Host=127.0.0.1;Port=1;Username=nobody;Timeout=2" }, "migrate");

        Assert.Equal(FacturoCli.DatabaseUnavailable, exitCode);
        Assert.Contains("The database could not be reached", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_creates_the_schema_then_reports_it_up_to_date()
    {
        var first = await FacturoProcess.RunAsync(_database.Options, "migrate");
        var second = await FacturoProcess.RunAsync(_database.Options, "migrate");

        Assert.Equal((0, 0), (first.ExitCode, second.ExitCode));
        Assert.Contains("_InitialCreate", first.Output, StringComparison.Ordinal);
        Assert.Contains("The database is up to date.", second.Output, StringComparison.Ordinal);
    }
}
