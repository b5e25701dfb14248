using Facturo.Accounts;
using Facturo.Billing;
using Facturo.Data;
using Facturo.Documents;
using Facturo.Taxes;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Portal;

/// <summary>
/// The invoice PDF, rendered on demand from the finalised invoice (which never changes, so neither
/// does its PDF), in the viewer's profile language, for invoices of the viewer's enterprise only.
/// </summary>
public static class PortalDocuments
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/invoices/{number}/pdf", async (string number, HttpContext http, PortalAccess access, FacturoDbContext db, CancellationToken cancellationToken) =>
        {
            var invoice = await access.FindInvoiceAsync(http.User, number, cancellationToken);
            if (invoice is null)
            {
                return Results.NotFound();
            }
            var biller = await db.BillerSettings.AsNoTracking().SingleAsync(cancellationToken);
            var pdf = InvoicePdf.Render(ModelOf(invoice, biller), DocumentLanguageOf(http.User.PreferredLanguage() ?? PortalLanguage.Of(http)));
            // Inline, so "View/print PDF" opens in the browser; the file name serves when it is saved.
            http.Response.Headers.ContentDisposition = $"inline; filename={invoice.Number}.pdf";
            return Results.Bytes(pdf, "application/pdf");
        }).RequireAuthorization();

    public static DocumentLanguage DocumentLanguageOf(Language language) => language == Language.Fr ? DocumentLanguage.French : DocumentLanguage.English;

    /// <summary>The invoice as printed, with each line's taxation as the bill run stored it; the portal page shows the same.</summary>
    public static InvoicePdfModel ModelOf(Invoice invoice, BillerSettings biller)
    {
        var currency = Currency.Parse(invoice.CurrencyCode);
        Money M(long cents) => new(cents, currency);
        return new InvoicePdfModel(
            invoice.Number, invoice.IssueDate, invoice.DueDate, invoice.Period,
            invoice.BillerLegalName, invoice.BillerGstHstNumber, invoice.BillerQstNumber, biller.SupportPhone, biller.SupportEmail,
            invoice.CustomerNumber, invoice.CustomerLegalName, invoice.CustomerAddress,
            invoice.CustomerProvince is { } province ? PlaceOfSupply.In(province) : PlaceOfSupply.Outside(invoice.CustomerCountry),
            invoice.Lines.OrderBy(l => l.LineNumber).Select(l => new InvoicePdfLine(l.LineNumber, l.Category, l.Description, l.Quantity, M(l.UnitPriceCents), M(l.AmountCents), TaxationOf(l))).ToList(),
            invoice.Taxes.Select(t => t.ToAmount(currency)).OrderBy(t => t.Kind).ThenBy(t => t.Province).ToList(),
            M(invoice.SubtotalCents), M(invoice.TotalCents));
    }

    private static LineTaxation TaxationOf(InvoiceLine line) => new(
        line.LineNumber, PlaceOfSupply.FromCode(line.PlaceOfSupply), line.Taxes, line.OutsideCanada,
        line.ExemptionCertificates?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? []);
}
