using Facturo.Ledger;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Infrastructure;

public static class LedgerAssertions
{
    /// <summary>Every posting sums to zero, and receivables equal what the documents say is owed, less what was paid and not returned and what receipts were applied to.</summary>
    public static async Task AssertBalancedAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        var unbalanced = await db.LedgerEntries.GroupBy(e => e.PostingId).Where(g => g.Sum(e => e.AmountCents) != 0).CountAsync();
        Assert.Equal(0, unbalanced);
        var receivable = await db.LedgerEntries.Where(e => e.Account == LedgerAccount.AccountsReceivable).SumAsync(e => e.AmountCents);
        var documents = await db.Invoices.SumAsync(i => i.TotalCents) - await db.CreditNotes.SumAsync(n => n.TotalCents)
            - await db.Payments.Where(p => p.Status != Payments.PaymentStatus.Returned).SumAsync(p => p.AmountCents)
            - await db.ReceiptAllocations.SumAsync(a => a.AmountCents);
        Assert.Equal(documents, receivable);
    }
}
