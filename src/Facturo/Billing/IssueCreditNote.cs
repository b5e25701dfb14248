using Facturo.Data;
using Facturo.Ledger;
using Facturo.Platform;
using Facturo.Taxes;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Billing;

public sealed record IssueCreditNoteRequest(decimal Amount, string? Reason);

public sealed record IssuedCreditNote(string Number, string InvoiceNumber, DateOnly IssueDate, decimal Subtotal, decimal Tax, decimal Total, string Currency);

/// <summary>
/// Corrects a finalised invoice by crediting part or all of its amount before tax; the invoice's own
/// tax rates apply to the credit. The invoice itself is never touched.
/// </summary>
public sealed class IssueCreditNote(FacturoDbContext db, BillerClock clock)
{
    public async Task<Outcome<IssuedCreditNote>> HandleAsync(long invoiceId, IssueCreditNoteRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > 500)
        {
            return UserError.Validation("creditnote.missing-reason");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Taking the number first serialises credit notes, so two at once cannot over-credit an invoice.
        var id = await DocumentNumbers.TakeAsync(db, DocumentSequence.CreditNotes, 1, cancellationToken);
        var invoice = await db.Invoices.AsNoTracking().Include(i => i.Taxes).SingleOrDefaultAsync(i => i.Id == invoiceId, cancellationToken);
        if (invoice is null)
        {
            return UserError.NotFound("invoice.not-found", Invoice.FormatNumber(invoiceId));
        }
        var currency = Currency.Parse(invoice.CurrencyCode);
        var alreadyCredited = await db.CreditNotes.Where(n => n.InvoiceId == invoiceId).SumAsync(n => n.SubtotalCents, cancellationToken);
        var creditable = new Money(invoice.SubtotalCents - alreadyCredited, currency);
        var subtotal = Money.Round(request.Amount, currency);
        if (request.Amount <= 0 || decimal.Round(request.Amount, 2) != request.Amount || subtotal > creditable)
        {
            return UserError.Validation("creditnote.invalid-amount", creditable.Format(Cultures.English));
        }
        var taxes = invoice.Taxes
            .Select(t => new TaxAmount(t.Key.Kind, t.Key.Province, t.Rate, subtotal, Money.Round(subtotal.ToDecimal() * t.Rate, currency)))
            .ToList();
        var note = new CreditNote
        {
            Id = id,
            InvoiceId = invoice.Id,
            AccountId = invoice.AccountId,
            IssueDate = clock.Today,
            Reason = request.Reason.Trim(),
            CurrencyCode = invoice.CurrencyCode,
            SubtotalCents = subtotal.Cents,
            TaxCents = taxes.Sum(t => t.Amount.Cents),
            CreatedAt = clock.UtcNow,
        };
        note.TotalCents = note.SubtotalCents + note.TaxCents;
        db.CreditNotes.Add(note);
        db.LedgerPostings.Add(LedgerPosting.From(BillingPostings.ForCreditNote(invoice.AccountId, invoice.Id, note.Number, note.IssueDate, subtotal, taxes), note.CreatedAt));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new IssuedCreditNote(note.Number, invoice.Number, note.IssueDate, note.SubtotalCents / 100m, note.TaxCents / 100m, note.TotalCents / 100m, note.CurrencyCode);
    }
}
