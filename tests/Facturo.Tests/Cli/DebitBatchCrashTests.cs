using Facturo.Billing;
using Facturo.Data;
using Facturo.Infrastructure;
using Facturo.Payments;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Cli;

/// <summary>
/// Kills a real <c>facturo debit-batch</c> process while it writes a bank file, runs it again, and checks
/// that every submitted debit went to the bank in exactly one file: none twice, none lost.
/// </summary>
public abstract class DebitBatchCrashTests(DatabaseProvider provider) : IAsyncLifetime
{
    private const int Debits = 3_000;
    private static readonly string LastMonth = BillingPeriod.Of(new Platform.BillerClock(TimeProvider.System).Today).Previous.ToString();
    private readonly string _outbox = Path.Combine(Path.GetTempPath(), $"facturo-outbox-{Guid.NewGuid():N}");
    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
        foreach (var step in new[] { new[] { "sizing-data", "--demo-biller", "--accounts", $"{Debits}", "--charges-per-account", "1", "--period", LastMonth }, ["bill-run", "--period", LastMonth], ["sizing-debits"] })
        {
            var run = await FacturoProcess.RunAsync(_database.Options, step);
            Assert.True(run.ExitCode == 0, run.Errors);
        }
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        if (Directory.Exists(_outbox))
        {
            Directory.Delete(_outbox, recursive: true);
        }
    }

    [Fact]
    public async Task A_debit_batch_killed_while_writing_and_run_again_sends_every_debit_exactly_once()
    {
        using (var firstRun = FacturoProcess.Start(_database.Options, "debit-batch", "--out", _outbox))
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            Assert.NotNull(await firstRun.WaitForLineAsync("progress: writing a Cpa005 file", timeout.Token));
            await firstRun.KillAsync();
        }
        await AssertAllOrNothingAsync();

        var secondRun = await FacturoProcess.RunAsync(_database.Options, "debit-batch", "--out", _outbox);
        Assert.True(secondRun.ExitCode == 0, secondRun.Errors);

        await using var db = _database.NewContext();
        Assert.Equal(Debits, await db.Payments.CountAsync(p => p.Status == PaymentStatus.SentToBank && p.DebitBatchId != null));
        var batch = Assert.Single(await db.DebitBatches.ToListAsync());
        Assert.NotNull(batch.ExportedAt);
        var file = Assert.Single(Directory.GetFiles(_outbox));
        Assert.Equal(batch.FileName, Path.GetFileName(file));
        var read = Cpa005Reader.Read(await File.ReadAllTextAsync(file));
        Assert.True(read.Succeeded, read.Error?.ToString());
        var sentPayments = read.Value!.Items.Select(i => PaymentReference.TryParse(i.CrossReference.Trim(), out var id) ? id : 0).ToList();
        Assert.Equal(Debits, sentPayments.Distinct().Count());
        Assert.Equal((await db.Payments.Select(p => p.Id).ToListAsync()).Order(), sentPayments.Order());
        Assert.Equal(await db.Payments.SumAsync(p => p.AmountCents), read.Value.Items.Sum(i => i.AmountCents));
        await LedgerAssertions.AssertBalancedAsync(_database);
    }

    /// <summary>The killed run left either no file and every debit still submitted, or one whole file holding every debit.</summary>
    private async Task AssertAllOrNothingAsync()
    {
        await using var db = _database.NewContext();
        var batches = await db.DebitBatches.CountAsync();
        var submitted = await db.Payments.CountAsync(p => p.Status == PaymentStatus.Submitted);
        Assert.True((batches, submitted) is (0, Debits) or (1, 0), $"after the kill: {batches} batches, {submitted} of {Debits} debits still submitted");
    }
}

public sealed class DebitBatchCrashTestsOnSqlite() : DebitBatchCrashTests(DatabaseProvider.Sqlite);
public sealed class DebitBatchCrashTestsOnPostgres() : DebitBatchCrashTests(DatabaseProvider.Postgres);
