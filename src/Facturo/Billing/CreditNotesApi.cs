using Facturo.Api;
using Facturo.Data;
using Facturo.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Billing;

/// <summary>How much of one invoice line the credit note gives back, before tax.</summary>
public sealed record CreditNoteLineView(int Line, ApiAmount Amount);

/// <summary>One tax given back: the credited lines' share of the invoice's tax of that code (<c>GST</c>, <c>PST-BC</c>), at the invoice's rate.</summary>
public sealed record CreditNoteTaxView(string Tax, decimal Rate, ApiAmount Base, ApiAmount Amount);

public sealed record CreditNoteView(string Number, string InvoiceNumber, string CustomerNumber, DateOnly IssueDate, string Reason, string Currency,
    ApiAmount Subtotal, ApiAmount Tax, ApiAmount Total, IReadOnlyList<CreditNoteLineView> Lines, IReadOnlyList<CreditNoteTaxView> Taxes);

public static class CreditNotesApi
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/credit-notes/{number}", async Task<Results<Ok<CreditNoteView>, ProblemHttpResult>> (string number, FacturoDbContext db, HttpContext http, CancellationToken cancellationToken) =>
        {
            var note = await FindAsync(db, number, http, cancellationToken);
            if (note is null)
            {
                return ApiProblems.From(UserError.NotFound("creditnote.not-found", number), http);
            }
            var customerNumber = await db.Accounts.Where(a => a.Id == note.AccountId).Select(a => a.CustomerNumber).SingleAsync(cancellationToken);
            return TypedResults.Ok(ToView(note, customerNumber));
        }).WithName("GetCreditNote").WithSummary("A credit note: the invoice lines it credits and the taxes it gives back").RequireScope(ApiScope.Read);

    /// <summary>The credit note of that number (NC00000001 or 1) if the key reaches its account; <c>null</c> otherwise, so both answer the same 404.</summary>
    public static async Task<CreditNote?> FindAsync(FacturoDbContext db, string number, HttpContext http, CancellationToken cancellationToken)
    {
        var digits = number.StartsWith("NC", StringComparison.OrdinalIgnoreCase) ? number[2..] : number;
        if (!long.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) || id <= 0)
        {
            return null;
        }
        var reachable = db.Accounts.ReachableBy(ApiCaller.Of(http));
        return await db.CreditNotes.AsNoTracking().Include(n => n.Lines).Include(n => n.Taxes)
            .Where(n => n.Id == id && reachable.Any(a => a.Id == n.AccountId))
            .SingleOrDefaultAsync(cancellationToken);
    }

    public static CreditNoteView ToView(CreditNote note, string customerNumber) => new(
        note.Number, Invoice.FormatNumber(note.InvoiceId), customerNumber, note.IssueDate, note.Reason, note.CurrencyCode,
        new ApiAmount(note.SubtotalCents), new ApiAmount(note.TaxCents), new ApiAmount(note.TotalCents),
        note.Lines.OrderBy(l => l.InvoiceLineNumber).Select(l => new CreditNoteLineView(l.InvoiceLineNumber, new ApiAmount(l.AmountCents))).ToList(),
        note.Taxes.OrderBy(t => t.Code, StringComparer.Ordinal).Select(t => new CreditNoteTaxView(t.Code, t.Rate, new ApiAmount(t.BaseCents), new ApiAmount(t.AmountCents))).ToList());
}
