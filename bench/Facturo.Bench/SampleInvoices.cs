using Facturo.Accounts;
using Facturo.Billing;
using Facturo.Documents;
using Facturo.Taxes;

namespace Facturo.Bench;

/// <summary>A typical Quebec invoice: lines at 100.00 $ each, GST 5 % and QST 9.975 %.</summary>
internal static class SampleInvoices
{
    private static readonly PlaceOfSupply InQuebec = PlaceOfSupply.In(Province.QC);

    public static InvoicePdfModel Quebec(int lineCount)
    {
        var lines = Enumerable.Range(1, lineCount)
            .Select(n => new InvoicePdfLine(n, ChargeCategory.Shipping, $"Livraison prioritaire Montréal – Québec, colis n° {n:000}", 1m, Money.Cad(10_000), Money.Cad(10_000),
                new LineTaxation(n, InQuebec, [TaxKey.For(TaxKind.Gst, Province.QC), TaxKey.For(TaxKind.Qst, Province.QC)], null, [])))
            .ToList();
        var subtotal = Money.Cad(10_000L * lineCount);
        var gst = Money.Round(subtotal.ToDecimal() * 0.05m, Currency.Cad);
        var qst = Money.Round(subtotal.ToDecimal() * 0.09975m, Currency.Cad);
        return new InvoicePdfModel(
            "2026-11-000123", new DateOnly(2026, 11, 30), new DateOnly(2026, 12, 30), "2026-11",
            "Messageries Laurentides inc.", "123456789 RT0001", "1234567890 TQ0001", "1 800 555-0199", "facturation@laurentides.example",
            "1000042", "Boulangerie Saint-Éloi ltée", "1234, rue Sainte-Catherine Est\nMontréal (Québec)  H2L 2H5", InQuebec,
            lines,
            [new TaxAmount(TaxKind.Gst, null, 0.05m, subtotal, gst), new TaxAmount(TaxKind.Qst, Province.QC, 0.09975m, subtotal, qst)],
            subtotal, subtotal + gst + qst);
    }
}
