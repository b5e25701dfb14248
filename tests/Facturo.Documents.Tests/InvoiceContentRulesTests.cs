using Facturo.Billing;
using UglyToad.PdfPig;
using static Facturo.Documents.Tests.PdfReading;

namespace Facturo.Documents.Tests;

/// <summary>Invoices made by the invoice generator from random inputs, rendered to PDF and read back, meet the CRA's and Revenu Québec's content rules (<see cref="InvoiceContentRules"/>).</summary>
public class InvoiceContentRulesTests
{
    private const int InvoicesPerTier = 40;

    [Theory]
    [InlineData(AmountTier.Under30)]
    [InlineData(AmountTier.From30To99)]
    [InlineData(AmountTier.From100To499)]
    [InlineData(AmountTier.From500)]
    internal void Generated_invoices_in_each_tier_show_what_the_CRA_and_Revenu_Quebec_require_in_both_languages(AmountTier tier)
    {
        var generated = new GeneratedInvoices(seed: 20261130 + (int)tier);
        var invoices = Enumerable.Range(0, InvoicesPerTier).Select(_ => generated.InTier(tier)).ToList();

        var missing = new List<string>();
        foreach (var (invoice, _) in invoices)
        {
            foreach (var language in new[] { DocumentLanguage.French, DocumentLanguage.English })
            {
                using var pdf = PdfDocument.Open(InvoicePdf.Render(invoice, language));
                missing.AddRange(InvoiceContentRules.Missing(invoice, string.Join(" ", pdf.GetPages().Select(TextOf)), language));
            }
        }

        Assert.True(missing.Count == 0, string.Join("\n", missing.Take(40)));
        Assert.All(invoices, i => Assert.Equal(tier, GeneratedInvoices.TierOf(i.Invoice.Total)));
        var lines = invoices.SelectMany(i => i.Invoice.Lines.Select(l => (i.Invoice, Line: l))).ToList();
        Assert.Contains(lines, l => l.Line.Taxation.OutsideCanada is not null);
        Assert.Contains(lines, l => l.Line.Taxation.ExemptionCertificates.Count > 0);
        Assert.Contains(lines, l => l.Line.Taxation.PlaceOfSupply != l.Invoice.CustomerPlace && l.Line.Taxation.PlaceOfSupply.InCanada);
        Assert.Contains(lines, l => l.Line.Category == ChargeCategory.PaperFee);
        Assert.Contains(invoices, i => i.Invoice.Lines.Select(l => InvoiceContentRules.Status(l.Taxation)).Distinct().Count() > 1);
    }
}
