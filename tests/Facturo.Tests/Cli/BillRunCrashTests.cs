using Facturo.Billing;
using Facturo.Data;
using Facturo.Infrastructure;
using Facturo.Ledger;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Cli;

/// <summary>
/// Kills a real <c>facturo bill-run</c> process half-way, runs it again, and checks every account was
/// billed exactly once with gap-free numbers. The child process uses the real clock, so it bills last month.
/// </summary>
public abstract class BillRunCrashTests(DatabaseProvider provider) : IAsyncLifetime
{
    private const int Accounts = 3_000;
    private static readonly string LastMonth = BillingPeriod.Of(new Platform.BillerClock(TimeProvider.System).Today).Previous.ToString();
    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
        var seeded = await FacturoProcess.RunAsync(_database.Options, "sizing-data", "--demo-biller", "--accounts", $"{Accounts}", "--charges-per-account", "3", "--period", LastMonth);
        Assert.True(seeded.ExitCode == 0, seeded.Errors);
    }

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    [Fact]
    public async Task A_bill_run_killed_half_way_and_run_again_bills_every_account_exactly_once()
    {
        using (var firstRun = FacturoProcess.Start(_database.Options, "bill-run", "--period", LastMonth, "--batch-size", "20"))
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            Assert.NotNull(await firstRun.WaitForLineAsync("progress:", timeout.Token));
            await firstRun.KillAsync();
        }
        var billedBeforeCrash = await CountInvoicesAsync();
        var announcedBeforeCrash = await FinalizedEventsAsync();

        var secondRun = await FacturoProcess.RunAsync(_database.Options, "bill-run", "--period", LastMonth, "--batch-size", "20");

        Assert.InRange(billedBeforeCrash, 1, Accounts - 1);
        Assert.True(secondRun.ExitCode == 0, secondRun.Errors);
        Assert.Contains($"{Accounts - billedBeforeCrash} invoices and 0 statements issued now; the period has {Accounts} invoices", secondRun.Output, StringComparison.Ordinal);
        await using var db = _database.NewContext();
        var numbers = await db.Invoices.Select(i => i.Id).OrderBy(id => id).ToListAsync();
        Assert.Equal(Enumerable.Range(1, Accounts).Select(n => (long)n), numbers);
        Assert.Equal(Accounts, await db.Invoices.Select(i => i.AccountId).Distinct().CountAsync());
        Assert.Equal(Accounts, await db.LedgerPostings.CountAsync(p => p.Kind == PostingKind.Invoice));
        Assert.Equal(0, await db.Invoices.CountAsync(i => !i.Lines.Any()));
        // Each invoice's event commits with it: none for the batch the kill lost, one per invoice in the end.
        Assert.Equal(billedBeforeCrash, announcedBeforeCrash.Count);
        Assert.Equal(numbers.Select(Invoice.FormatNumber), (await FinalizedEventsAsync()).Order(StringComparer.Ordinal));
        await LedgerAssertions.AssertBalancedAsync(_database);
        // Every invoice has its route, and each one routed to email is emailed once, whichever run issued it.
        var routes = await db.InvoiceDeliveries.GroupBy(d => d.Channel).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        Assert.Equal(Accounts, routes.Values.Sum());
        Assert.Equal(routes[InvoiceChannel.Email], await db.OutboxEmails.CountAsync(e => e.Kind == InvoicePdfEmails.Kind));
        Assert.Contains($"Delivery: 0 by portal notice, {routes[InvoiceChannel.Email]} by email with the PDF, {routes[InvoiceChannel.Paper]} on paper", secondRun.Output, StringComparison.Ordinal);
    }

    private async Task<List<string>> FinalizedEventsAsync()
    {
        await using var db = _database.NewContext();
        return await db.Events.Where(e => e.Type == Events.EventTypes.InvoiceFinalized).Select(e => e.ObjectId).ToListAsync();
    }

    private async Task<int> CountInvoicesAsync()
    {
        await using var db = _database.NewContext();
        return await db.Invoices.CountAsync();
    }
}

public sealed class BillRunCrashTestsOnSqlite() : BillRunCrashTests(DatabaseProvider.Sqlite);
public sealed class BillRunCrashTestsOnPostgres() : BillRunCrashTests(DatabaseProvider.Postgres);
