using Facturo.Data;
using Facturo.Ledger;
using Facturo.Platform;
using Facturo.Taxes;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Billing;

/// <summary>A credit of part or all of one invoice line, before tax.</summary>
public sealed record CreditNoteLineRequest(int Line, Api.ApiAmount Amount);

/// <summary>Either the lines to credit, or one amount spread over the lines still open in proportion to what each has left.</summary>
public sealed record IssueCreditNoteRequest(Api.ApiAmount? Amount, [property: System.ComponentModel.DataAnnotations.MaxLength(IssueCreditNote.MaximumReasonLength)] string? Reason,
    [property: System.ComponentModel.DataAnnotations.MaxLength(IssueCreditNote.MaximumLines)] IReadOnlyList<CreditNoteLineRequest>? Lines = null);

public sealed record IssuedCreditNoteLine(int Line, decimal Amount);

public sealed record IssuedCreditNoteTax(string Tax, decimal Rate, decimal Base, decimal Amount);

public sealed record IssuedCreditNote(string Number, string InvoiceNumber, DateOnly IssueDate, decimal Subtotal, decimal Tax, decimal Total, string Currency,
    IReadOnlyList<IssuedCreditNoteLine> Lines, IReadOnlyList<IssuedCreditNoteTax> Taxes);

/// <summary>
/// Corrects a finalised invoice by crediting part or all of its lines before tax. Each credited
/// line gives back its share of exactly the taxes it bore, at the invoice's rates; credits in pieces
/// add up to what one credit would, and crediting everything gives back exactly the tax charged.
/// The invoice itself is never touched.
/// </summary>
public sealed class IssueCreditNote(FacturoDbContext db, BillerClock clock, Events.EventLog events)
{
    public const int MaximumReasonLength = 500;
    public const int MaximumLines = 1000;

    public Task<Outcome<IssuedCreditNote>> HandleAsync(long invoiceId, IssueCreditNoteRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > MaximumReasonLength)
        {
            return Task.FromResult<Outcome<IssuedCreditNote>>(UserError.Validation("creditnote.missing-reason"));
        }
        if (request.Lines is null == request.Amount is null || request.Lines is { Count: 0 or > MaximumLines })
        {
            return Task.FromResult<Outcome<IssuedCreditNote>>(UserError.Validation("creditnote.amount-or-lines"));
        }
        return db.InTransactionAsync(() => IssueAsync(invoiceId, request, cancellationToken), cancellationToken);
    }

    private async Task<Outcome<IssuedCreditNote>> IssueAsync(long invoiceId, IssueCreditNoteRequest request, CancellationToken cancellationToken)
    {
        // Taking the number first serialises credit notes, so two at once cannot over-credit an invoice.
        var id = await DocumentNumbers.TakeAsync(db, DocumentSequence.CreditNotes, 1, cancellationToken);
        var invoice = await db.Invoices.AsNoTracking().Include(i => i.Lines).Include(i => i.Taxes).SingleOrDefaultAsync(i => i.Id == invoiceId, cancellationToken);
        if (invoice is null)
        {
            return UserError.NotFound("invoice.not-found", Invoice.FormatNumber(invoiceId));
        }
        var currency = Currency.Parse(invoice.CurrencyCode);
        var earlier = await db.CreditNotes.AsNoTracking().Where(n => n.InvoiceId == invoiceId).Include(n => n.Lines).Include(n => n.Taxes).ToListAsync(cancellationToken);
        var invoiceLeft = new Money(invoice.SubtotalCents - earlier.Sum(n => n.SubtotalCents), currency);
        var lines = invoice.Lines.OrderBy(l => l.LineNumber).ToList();
        var leftPerLine = lines.Select(l => new Money(l.AmountCents - earlier.SelectMany(n => n.Lines).Where(c => c.InvoiceLineNumber == l.LineNumber).Sum(c => c.AmountCents), currency)).ToList();

        var credits = request.Lines is null
            ? SpreadAmount(request.Amount!.Value, currency, invoiceLeft, leftPerLine)
            : CreditLines(request.Lines, currency, lines, leftPerLine);
        if (!credits.Succeeded)
        {
            return credits.Error!;
        }
        var credited = credits.Value!.Where(c => !c.Amount.IsZero).ToList();
        var subtotal = Money.Sum(credited.Select(c => c.Amount), currency);
        if (subtotal.IsZero || subtotal > invoiceLeft)
        {
            return UserError.Validation("creditnote.invalid-amount", invoiceLeft.Format(Cultures.English));
        }
        var taxes = SalesTax.Credit(
            invoice.Taxes.Select(t => t.ToAmount(currency)).ToList(),
            earlier.SelectMany(n => n.Taxes).Select(t => t.ToAmount(currency)).ToList(),
            credited.Select(c => (lines[c.Index].Taxes, c.Amount)).ToList());
        var paperFees = Money.Sum(credited.Where(c => lines[c.Index].Category == ChargeCategory.PaperFee).Select(c => c.Amount), currency);
        var note = new CreditNote
        {
            Id = id,
            InvoiceId = invoice.Id,
            AccountId = invoice.AccountId,
            IssueDate = clock.Today,
            Reason = request.Reason!.Trim(),
            CurrencyCode = invoice.CurrencyCode,
            SubtotalCents = subtotal.Cents,
            TaxCents = taxes.Sum(t => t.Amount.Cents),
            CreatedAt = clock.UtcNow,
            Lines = credited.Select(c => new CreditNoteLine { InvoiceLineNumber = lines[c.Index].LineNumber, AmountCents = c.Amount.Cents }).ToList(),
            Taxes = taxes.Select(CreditNoteTax.From).ToList(),
        };
        note.TotalCents = note.SubtotalCents + note.TaxCents;
        db.CreditNotes.Add(note);
        db.LedgerPostings.Add(LedgerPosting.From(BillingPostings.ForCreditNote(invoice.AccountId, invoice.Id, note.Number, note.IssueDate, subtotal, paperFees, taxes), note.CreatedAt));
        await db.SaveChangesAsync(cancellationToken);
        await events.RecordAsync(Events.EventTypes.CreditNoteCreated, invoice.CustomerNumber, note.Number,
            new Events.CreditNoteCreatedData(note.Number, invoice.Number, invoice.CustomerNumber, note.IssueDate, note.CurrencyCode,
                new Api.ApiAmount(note.SubtotalCents), new Api.ApiAmount(note.TaxCents), new Api.ApiAmount(note.TotalCents), note.Reason), cancellationToken);
        await events.RecordPaidInvoicesAsync([invoice.Id], note.Number, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return new IssuedCreditNote(note.Number, invoice.Number, note.IssueDate, note.SubtotalCents / 100m, note.TaxCents / 100m, note.TotalCents / 100m, note.CurrencyCode,
            note.Lines.Select(l => new IssuedCreditNoteLine(l.InvoiceLineNumber, l.AmountCents / 100m)).ToList(),
            note.Taxes.Select(t => new IssuedCreditNoteTax(t.Code, t.Rate, t.BaseCents / 100m, t.AmountCents / 100m)).ToList());
    }

    private static Outcome<IReadOnlyList<(int Index, Money Amount)>> SpreadAmount(Api.ApiAmount amount, Currency currency, Money invoiceLeft, IReadOnlyList<Money> leftPerLine)
    {
        var credit = amount.In(currency);
        // Lines credited before line-by-line credits existed are not known, so the invoice's own remainder also bounds the credit.
        var open = Money.Sum(leftPerLine, currency);
        if (credit.Cents <= 0 || credit > invoiceLeft || credit > open)
        {
            return UserError.Validation("creditnote.invalid-amount", Min(invoiceLeft, open).Format(Cultures.English));
        }
        return CreditSpread.Spread(credit, leftPerLine).Select((share, index) => (index, share)).ToList();
    }

    private static Outcome<IReadOnlyList<(int Index, Money Amount)>> CreditLines(IReadOnlyList<CreditNoteLineRequest> requested, Currency currency, List<InvoiceLine> lines, List<Money> leftPerLine)
    {
        var credits = new List<(int Index, Money Amount)>();
        foreach (var line in requested)
        {
            var index = lines.FindIndex(l => l.LineNumber == line.Line);
            if (index < 0 || credits.Any(c => c.Index == index))
            {
                return UserError.Validation("creditnote.unknown-line", line.Line);
            }
            var credit = line.Amount.In(currency);
            if (credit.Cents <= 0 || credit > leftPerLine[index])
            {
                return UserError.Validation("creditnote.line-invalid-amount", line.Line, leftPerLine[index].Format(Cultures.English));
            }
            credits.Add((index, credit));
        }
        return credits;
    }

    private static Money Min(Money a, Money b) => a < b ? a : b;
}
