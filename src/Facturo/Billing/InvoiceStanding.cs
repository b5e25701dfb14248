using Facturo.Data;
using Facturo.Ledger;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Billing;

/// <summary>An invoice's figures with what the ledger and the debits say of it: what its status is read from.</summary>
public sealed class InvoiceStandingRow
{
    public long Id { get; init; }
    public long TotalCents { get; init; }
    public DateOnly DueDate { get; init; }
    public long BalanceCents { get; init; }
    public bool DebitInProgress { get; init; }

    public InvoiceStatus Status(string currencyCode, DateOnly today)
    {
        var currency = Currency.Parse(currencyCode);
        return InvoiceStatuses.Of(new Money(TotalCents, currency), new Money(BalanceCents, currency), DueDate, today, DebitInProgress);
    }
}

public static class InvoiceStanding
{
    /// <summary>Each invoice with its balance (its receivable in the ledger) and whether a debit for it is on its way to the bank.</summary>
    public static IQueryable<InvoiceStandingRow> WithStanding(this IQueryable<Invoice> invoices, FacturoDbContext db) =>
        invoices.Select(i => new InvoiceStandingRow
        {
            Id = i.Id,
            TotalCents = i.TotalCents,
            DueDate = i.DueDate,
            // The account first, so the ledger's (account, ledger account, document) index finds the entries.
            BalanceCents = db.LedgerEntries
                .Where(e => e.CustomerAccountId == i.AccountId && e.Account == LedgerAccount.AccountsReceivable && e.DocumentKind == ReceivableKind.Invoice && e.DocumentId == i.Id)
                .Sum(e => e.AmountCents),
            DebitInProgress = db.PaymentAllocations.Any(a => a.InvoiceId == i.Id
                && db.Payments.Any(p => p.Id == a.PaymentId && p.SettledAt == null && p.ReturnedAt == null)),
        });

    /// <summary>
    /// <see cref="InvoiceStatuses.Of"/> as a filter the database runs, so a list filtered by status pages like any other;
    /// the API tests check that each status's filter finds exactly the invoices that show it.
    /// </summary>
    public static IQueryable<InvoiceStandingRow> WhereStatus(this IQueryable<InvoiceStandingRow> rows, InvoiceStatus status, DateOnly today) => status switch
    {
        InvoiceStatus.DebitInProgress => rows.Where(r => r.DebitInProgress),
        InvoiceStatus.Paid => rows.Where(r => !r.DebitInProgress && r.BalanceCents <= 0),
        InvoiceStatus.Overdue => rows.Where(r => !r.DebitInProgress && r.BalanceCents > 0 && r.DueDate < today),
        InvoiceStatus.PartlyPaid => rows.Where(r => !r.DebitInProgress && r.BalanceCents > 0 && r.DueDate >= today && r.BalanceCents < r.TotalCents),
        _ => rows.Where(r => !r.DebitInProgress && r.BalanceCents > 0 && r.DueDate >= today && r.BalanceCents >= r.TotalCents),
    };
}
