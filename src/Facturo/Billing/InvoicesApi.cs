using Facturo.Api;
using Facturo.Data;
using Facturo.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Billing;

/// <summary>
/// A line and how it was taxed: <paramref name="PlaceOfSupply"/> "CA-ON" or a country ("US"); <paramref name="Taxes"/> the
/// taxes it bore ("GST", "PST-BC"); <paramref name="OutsideCanada"/> why it bore none when supplied outside Canada
/// ("ExportedFreight", "ServiceToNonResident", "PropertyOutsideCanada"); the exemption
/// certificates that relieved it of a tax.
/// </summary>
public sealed record InvoiceLineView(int Line, string Category, string Description, decimal Quantity, decimal UnitPrice, decimal Amount,
    string PlaceOfSupply, IReadOnlyList<string> Taxes, string? OutsideCanada, IReadOnlyList<string> ExemptionCertificates);

/// <summary>One tax of one jurisdiction: <paramref name="Tax"/> GST, HST, QST or PST; <paramref name="Code"/> with its province ("HST-NS"); the rate, the sum of the lines that bore it, the tax.</summary>
public sealed record InvoiceTaxView(string Tax, string Code, string? Province, decimal Rate, decimal Base, decimal Amount);
public sealed record InvoiceView(
    string Number, string CustomerNumber, string CustomerName, string Period, DateOnly IssueDate, DateOnly DueDate, string Currency,
    decimal Subtotal, decimal Tax, decimal Total, string BillerName, string BillerGstHstNumber, string? BillerQstNumber,
    IReadOnlyList<InvoiceLineView> Lines, IReadOnlyList<InvoiceTaxView> Taxes);

public static class InvoicesApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/invoices/{number}", async Task<Results<Ok<InvoiceView>, ProblemHttpResult>> (string number, FacturoDbContext db, HttpContext http, CancellationToken cancellationToken) =>
        {
            var invoice = TryParseNumber(number) is { } id
                ? await db.Invoices.AsNoTracking().Include(i => i.Lines).Include(i => i.Taxes).SingleOrDefaultAsync(i => i.Id == id, cancellationToken)
                : null;
            return invoice is null || !ApiCaller.Of(http).MayReach(invoice.CustomerNumber) ? ApiProblems.From(UserError.NotFound("invoice.not-found", number), http) : TypedResults.Ok(ToView(invoice));
        }).WithName("GetInvoice").RequireScope(ApiScope.Read);

        api.MapPost("/invoices/{number}/credit-notes", async Task<Results<Created<IssuedCreditNote>, ProblemHttpResult>> (string number, IssueCreditNoteRequest request, IssueCreditNote handler, FacturoDbContext db, HttpContext http, CancellationToken cancellationToken) =>
        {
            var customerNumber = TryParseNumber(number) is { } invoiceId
                ? await db.Invoices.Where(i => i.Id == invoiceId).Select(i => i.CustomerNumber).SingleOrDefaultAsync(cancellationToken)
                : null;
            if (customerNumber is null || !ApiCaller.Of(http).MayReach(customerNumber))
            {
                return ApiProblems.From(UserError.NotFound("invoice.not-found", number), http);
            }
            var id = TryParseNumber(number)!.Value;
            var outcome = await handler.HandleAsync(id, request, cancellationToken);
            return outcome.Succeeded ? TypedResults.Created($"/api/v1/credit-notes/{outcome.Value!.Number}", outcome.Value) : ApiProblems.From(outcome.Error!, http);
        }).WithName("IssueCreditNote").RequireScope(ApiScope.Billing);
    }

    /// <summary>Accepts the printed number (F000000042) or the bare number (42).</summary>
    public static long? TryParseNumber(string number)
    {
        var digits = number.StartsWith('F') || number.StartsWith('f') ? number[1..] : number;
        return long.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;
    }

    public static InvoiceView ToView(Invoice i) => new(
        i.Number, i.CustomerNumber, i.CustomerLegalName, i.Period, i.IssueDate, i.DueDate, i.CurrencyCode,
        i.SubtotalCents / 100m, i.TaxCents / 100m, i.TotalCents / 100m, i.BillerLegalName, i.BillerGstHstNumber, i.BillerQstNumber,
        i.Lines.OrderBy(l => l.LineNumber).Select(l => new InvoiceLineView(l.LineNumber, l.Category.ToString(), l.Description, l.Quantity, l.UnitPriceCents / 100m, l.AmountCents / 100m,
            l.PlaceOfSupply, l.Taxes.Select(t => t.Code).ToList(), l.OutsideCanada?.ToString(), l.ExemptionCertificates?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [])).ToList(),
        i.Taxes.OrderBy(t => t.Kind).ThenBy(t => t.Key.Province).Select(t => new InvoiceTaxView(t.Kind.ToString().ToUpperInvariant(), t.Code, t.Key.Province?.ToString(), t.Rate, t.BaseCents / 100m, t.AmountCents / 100m)).ToList());
}
