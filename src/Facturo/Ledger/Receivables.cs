using Facturo.Data;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Ledger;

public sealed record ReceivableSummary(Money Balance, AgingReport Aging, IReadOnlyList<OpenInvoice> OpenInvoices);

/// <summary>An account's receivable as the ledger says it is: nothing here is stored, all is summed from entries.</summary>
public static class Receivables
{
    public static async Task<ReceivableSummary> ForAccountAsync(FacturoDbContext db, long accountId, Currency currency, DateOnly asOf, CancellationToken cancellationToken)
    {
        // Settled documents sum to zero, so the balance is the sum of the open ones, and only those leave the database.
        var open = await db.LedgerEntries.AsNoTracking()
            .Where(e => e.CustomerAccountId == accountId && e.Account == LedgerAccount.AccountsReceivable)
            .GroupBy(e => new { e.DocumentKind, e.DocumentId })
            .Where(g => g.Sum(e => e.AmountCents) != 0)
            .Select(g => new { g.Key.DocumentKind, g.Key.DocumentId, Cents = g.Sum(e => e.AmountCents) })
            .ToListAsync(cancellationToken);
        var openInvoiceIds = open.Where(d => d.DocumentKind == ReceivableKind.Invoice).Select(d => d.DocumentId!.Value).ToList();
        var invoices = await db.Invoices.AsNoTracking()
            .Where(i => i.AccountId == accountId && openInvoiceIds.Contains(i.Id))
            .Select(i => new { i.Id, i.IssueDate, i.DueDate, i.TotalCents })
            .ToDictionaryAsync(i => i.Id, cancellationToken);
        var openInvoices = open
            .Where(d => d.DocumentKind == ReceivableKind.Invoice)
            .Select(d =>
            {
                var invoice = invoices[d.DocumentId!.Value];
                return new OpenInvoice(invoice.Id, invoice.IssueDate, invoice.DueDate, new Money(invoice.TotalCents, currency), new Money(d.Cents, currency));
            })
            .OrderBy(o => o.DueDate).ThenBy(o => o.InvoiceId)
            .ToList();
        var balance = new Money(open.Sum(d => d.Cents), currency);
        var aging = AgingReport.Of(openInvoices.Select(o => new OpenItem(ReceivableDocument.Invoice(o.InvoiceId), o.DueDate, o.Balance)), asOf, currency);
        return new ReceivableSummary(balance, aging, openInvoices);
    }
}
