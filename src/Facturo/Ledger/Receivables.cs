using Facturo.Data;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Ledger;

public sealed record OpenInvoice(long InvoiceId, DateOnly DueDate, Money Balance);

public sealed record ReceivableSummary(Money Balance, AgingReport Aging, IReadOnlyList<OpenInvoice> OpenInvoices);

/// <summary>An account's receivable as the ledger says it is: nothing here is stored, all is summed from entries.</summary>
public static class Receivables
{
    public static async Task<ReceivableSummary> ForAccountAsync(FacturoDbContext db, long accountId, Currency currency, DateOnly asOf, CancellationToken cancellationToken)
    {
        var byDocument = await db.LedgerEntries.AsNoTracking()
            .Where(e => e.CustomerAccountId == accountId && e.Account == LedgerAccount.AccountsReceivable)
            .GroupBy(e => new { e.DocumentKind, e.DocumentId })
            .Select(g => new { g.Key.DocumentKind, g.Key.DocumentId, Cents = g.Sum(e => e.AmountCents) })
            .ToListAsync(cancellationToken);
        var openInvoiceIds = byDocument.Where(d => d.DocumentKind == ReceivableKind.Invoice && d.Cents != 0).Select(d => d.DocumentId!.Value).ToList();
        var dueDates = await db.Invoices.AsNoTracking()
            .Where(i => i.AccountId == accountId && openInvoiceIds.Contains(i.Id))
            .Select(i => new { i.Id, i.DueDate })
            .ToDictionaryAsync(i => i.Id, i => i.DueDate, cancellationToken);
        var open = byDocument
            .Where(d => d.DocumentKind == ReceivableKind.Invoice && d.Cents != 0)
            .Select(d => new OpenInvoice(d.DocumentId!.Value, dueDates[d.DocumentId!.Value], new Money(d.Cents, currency)))
            .OrderBy(o => o.DueDate).ThenBy(o => o.InvoiceId)
            .ToList();
        var balance = new Money(byDocument.Sum(d => d.Cents), currency);
        var aging = AgingReport.Of(open.Select(o => new OpenItem(ReceivableDocument.Invoice(o.InvoiceId), o.DueDate, o.Balance)), asOf, currency);
        return new ReceivableSummary(balance, aging, open);
    }
}
