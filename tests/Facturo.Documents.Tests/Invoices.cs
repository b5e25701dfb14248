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

    public static InvoicePdfModel Taxed(Province province, DateOnly issueDate, params (ChargeCategory Category, string Description, Money Amount, PlaceOfSupply? Destination)[] lines) =>
        Taxed(TaxCustomer.In(province), issueDate, lines);

    public static InvoicePdfModel Taxed(PlaceOfSupply address, DateOnly issueDate, params (ChargeCategory Category, string Description, Money Amount, PlaceOfSupply? Destination)[] lines) =>
        Taxed(new TaxCustomer(address, []), issueDate, lines);

    /// <summary>One of each line, taxed by the domain's sales tax for this customer on the issue date, due 30 days later.</summary>
    public static InvoicePdfModel Taxed(TaxCustomer customer, DateOnly issueDate, params (ChargeCategory Category, string Description, Money Amount, PlaceOfSupply? Destination)[] lines)
    {
        var taxation = SalesTax.Canada.Compute(customer, lines.Select((l, i) => new TaxableLine(i + 1, l.Category, l.Amount, l.Destination)).ToList(), issueDate, Currency.Cad);
        var subtotal = Money.Sum(lines.Select(l => l.Amount), Currency.Cad);
        return InQuebec() with
        {
            IssueDate = issueDate,
            DueDate = issueDate.AddDays(30),
            Period = BillingPeriod.Of(issueDate).ToString(),
            CustomerPlace = customer.Address,
            Lines = lines.Select((l, i) => new InvoicePdfLine(i + 1, l.Category, l.Description, 1m, l.Amount, l.Amount, taxation.Lines[i])).ToList(),
            Taxes = taxation.Taxes,
            Subtotal = subtotal,
            Total = subtotal + taxation.Total(Currency.Cad),
        };
    }
}
