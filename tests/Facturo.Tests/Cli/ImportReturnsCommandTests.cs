using Facturo.Billing;
using Facturo.Data;
using Facturo.Infrastructure;
using Facturo.Payments;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Cli;

/// <summary><c>facturo import-returns</c> takes several files, as a bank sends one a day: each is imported on its own, in order.</summary>
public sealed class ImportReturnsCommandTests : IAsyncLifetime
{
    private static readonly string LastMonth = BillingPeriod.Of(new Platform.BillerClock(TimeProvider.System).Today).Previous.ToString();
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"facturo-returns-{Guid.NewGuid():N}");
    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        foreach (var step in new[] { new[] { "sizing-data", "--demo-biller", "--accounts", "12", "--charges-per-account", "1", "--period", LastMonth }, ["bill-run", "--period", LastMonth], ["sizing-debits"], ["debit-batch", "--out", _folder] })
        {
            var run = await FacturoProcess.RunAsync(_database.Options, step);
            Assert.True(run.ExitCode == 0, run.Errors);
        }
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_refused_file_does_not_stop_the_next_one_and_the_command_says_which_was_refused()
    {
        var sent = await File.ReadAllTextAsync(Assert.Single(Directory.GetFiles(_folder)));
        var malformed = Path.Combine(_folder, "returns-monday.txt");
        var returns = Path.Combine(_folder, "returns-tuesday.txt");
        await File.WriteAllTextAsync(malformed, ReturnFiles.Cpa005ReturnsOfMany(sent, "901", 6)[..300]);
        await File.WriteAllTextAsync(returns, ReturnFiles.Cpa005ReturnsOfMany(sent, "901", 6));

        var (exitCode, output, errors) = await FacturoProcess.RunAsync(_database.Options, "import-returns", malformed, returns);

        Assert.Equal(FacturoCli.Refused, exitCode);
        Assert.StartsWith("returns-monday.txt: ", errors, StringComparison.Ordinal);
        Assert.Contains("6 returned debits imported from returns-tuesday.txt.", output, StringComparison.Ordinal);
        await using var db = _database.NewContext();
        Assert.Equal(6, await db.Payments.CountAsync(p => p.Status == PaymentStatus.Returned));
        Assert.Equal(6, await db.FailedPayments.CountAsync());
        await LedgerAssertions.AssertBalancedAsync(_database);
    }

    [Fact]
    public async Task A_later_file_returning_debits_an_earlier_file_of_the_run_returned_is_refused_and_the_earlier_one_stands()
    {
        var sent = await File.ReadAllTextAsync(Assert.Single(Directory.GetFiles(_folder)));
        var first = Path.Combine(_folder, "returns-1.txt");
        var both = Path.Combine(_folder, "returns-2.txt");
        await File.WriteAllTextAsync(first, ReturnFiles.Cpa005ReturnsOfMany(sent, "901", 2));
        await File.WriteAllTextAsync(both, ReturnFiles.Cpa005ReturnsOfMany(sent, "905", 2));

        var (exitCode, output, errors) = await FacturoProcess.RunAsync(_database.Options, "import-returns", first, both);

        // The second names the same two debits, already returned by the first: refused whole, and the first stands.
        Assert.Equal(FacturoCli.Refused, exitCode);
        Assert.Contains("2 returned debits imported from returns-1.txt.", output, StringComparison.Ordinal);
        Assert.StartsWith("returns-2.txt: ", errors, StringComparison.Ordinal);
        await using var db = _database.NewContext();
        Assert.Equal(["901", "901"], await db.Payments.Where(p => p.Status == PaymentStatus.Returned).Select(p => p.ReturnCode!).ToListAsync());
    }
}
