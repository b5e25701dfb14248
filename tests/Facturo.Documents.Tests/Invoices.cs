using Facturo.Accounts;
using Facturo.Billing;
using Facturo.Documents;
using Facturo.Taxes;

namespace Facturo.Documents.Tests;

/// <summary>Invoices from a Quebec biller to a Montreal customer: 100.00 $ lines, GST 5 %, QST 9.975 %.</summary>
internal static class Invoices
{
    public static readonly PlaceOfSupply Quebec = PlaceOfSupply.In(Province.QC);

    public static InvoicePdfModel InQuebec(int lineCount = 1)
    {
        var lines = Enumerable.Range(1, lineCount)
            .Select(n => new InvoicePdfLine(n, ChargeCategory.Shipping, $"Livraison prioritaire Montréal – Québec, colis n° {n:000}", 1m, Money.Cad(10_000), Money.Cad(10_000),
                new LineTaxation(n, Quebec, [TaxKey.For(TaxKind.Gst, Province.QC), TaxKey.For(TaxKind.Qst, Province.QC)], null, [])))
            .ToList();
        var subtotal = Money.Cad(10_000L * lineCount);
        var gst = Money.Round(subtotal.ToDecimal() * 0.05m, Currency.Cad);
        var qst = Money.Round(subtotal.ToDecimal() * 0.09975m, Currency.Cad);
        return new InvoicePdfModel(
            InvoiceNumber: "2026-11-000123",
            IssueDate: new DateOnly(2026, 11, 15),
            DueDate: new DateOnly(2026, 12, 15),
            Period: "2026-11",
            BillerLegalName: "Messageries Laurentides inc.",
            BillerGstHstNumber: "123456789 RT0001",
            BillerQstNumber: "1234567890 TQ0001",
            SupportPhone: "1 800 555-0199",
            SupportEmail: "facturation@laurentides.example",
            CustomerNumber: "1000042",
            CustomerLegalName: "École de musique Saint-Éloi",
            CustomerAddress: "1234, rue Sainte-Catherine Est\nMontréal (Québec)  H2L 2H5",
            CustomerPlace: Quebec,
            Lines: lines,
            Taxes: [new TaxAmount(TaxKind.Gst, null, 0.05m, subtotal, gst), new TaxAmount(TaxKind.Qst, Province.QC, 0.09975m, subtotal, qst)],
            Subtotal: subtotal,
            Total: subtotal + gst + qst);
    }
}
