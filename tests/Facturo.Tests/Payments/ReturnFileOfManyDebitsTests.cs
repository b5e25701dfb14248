using Facturo.Data;
using Facturo.DemoData;
using Facturo.Infrastructure;
using Facturo.Ledger;
using Facturo.Platform;
using Facturo.Portal;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Payments;

/// <summary>A return file of hundreds of debits, whose rows the import writes set-based: each one checked, on both databases.</summary>
public abstract class ReturnFileOfManyDebitsTests(DatabaseProvider provider) : PortalTest(provider)
{
    [Fact]
    public async Task Every_debit_of_a_file_of_hundreds_of_returns_is_reversed_queued_and_emailed_once()
    {
        const int Debits = 320, Returned = 300;
        var loaded = await InScopeAsync<SizingDataLoader, Outcome<SizingDataProgress>>(l => l.LoadAsync(Debits, 1, October, Currency.Cad, demoBiller: false, null, CancellationToken.None));
        Assert.True(loaded.Succeeded, loaded.Error?.Code);
        MoveClockTo(2026, 11, 2);
        await BillAsync(October);
        var submitted = await InScopeAsync<SizingDebitsLoader, Outcome<int>>(l => l.LoadAsync(Currency.Cad, null, CancellationToken.None));
        Assert.Equal(Debits, submitted.Value);
        var sent = Assert.Single(await InScopeAsync<DebitBatches, IReadOnlyList<DebitBatch>>(async b => (await b.RunAsync(null, CancellationToken.None)).Value!));
        MoveClockTo(2026, 11, 4);

        var returns = ReturnFiles.Cpa005ReturnsOfMany(await FileOfAsync(sent), "901", Returned);

        var imported = await InScopeAsync<PaymentReturns, Outcome<BankFileImport>>(r => r.ImportAsync("returns-many.txt", returns, CancellationToken.None));

        Assert.True(imported.Succeeded, imported.Error?.Code);
        Assert.Equal(Returned, imported.Value!.Items);
        await using var db = Database.NewContext();
        var returned = await db.Payments.AsNoTracking().Where(p => p.Status == PaymentStatus.Returned).OrderBy(p => p.Id).ToListAsync();
        Assert.Equal(Returned, returned.Count);
        Assert.All(returned, p => Assert.Equal(("901", new DateTimeOffset(2026, 11, 4, 15, 0, 0, TimeSpan.Zero)), (p.ReturnCode, p.ReturnedAt)));
        var reversals = await db.LedgerPostings.AsNoTracking().Include(p => p.Entries).Where(p => p.Kind == PostingKind.PaymentReturn).ToListAsync();
        Assert.Equal(returned.Select(p => p.Reference), reversals.Select(p => p.Reference).Order(StringComparer.Ordinal));
        Assert.All(reversals, p => Assert.Equal((true, 0L), (p.Entries.Count >= 2, p.Entries.Sum(e => e.AmountCents))));
        Assert.Equal(returned.Sum(p => p.AmountCents),
            reversals.SelectMany(p => p.Entries).Where(e => e.Account == LedgerAccount.AccountsReceivable).Sum(e => e.AmountCents));
        var failed = await db.FailedPayments.AsNoTracking().OrderBy(f => f.PaymentId).ToListAsync();
        Assert.Equal(returned.Select(p => (p.Id, "901", FailedPaymentStatus.Open)), failed.Select(f => (f.PaymentId, f.ReasonCode, f.Status)));
        var emails = (await db.OutboxEmails.AsNoTracking().Where(e => e.Kind == "payment-returned").ToListAsync()).ToDictionary(e => e.DedupKey!);
        Assert.Equal(Returned, emails.Count);
        Assert.All(returned, p => Assert.Contains(p.Reference, emails[$"payment-returned:{p.Id}"].Subject, StringComparison.Ordinal));
        await LedgerAssertions.AssertBalancedAsync(Database);
    }
}

public sealed class ReturnFileOfManyDebitsTestsOnSqlite() : ReturnFileOfManyDebitsTests(DatabaseProvider.Sqlite);
public sealed class ReturnFileOfManyDebitsTestsOnPostgres() : ReturnFileOfManyDebitsTests(DatabaseProvider.Postgres);
