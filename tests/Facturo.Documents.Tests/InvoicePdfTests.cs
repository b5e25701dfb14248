using System.Globalization;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Tokens;
using static Facturo.Documents.Tests.PdfReading;

namespace Facturo.Documents.Tests;

public class InvoicePdfTests
{
    [Fact]
    public void A_French_Quebec_invoice_shows_French_labels_dates_and_amounts()
    {
        using var pdf = PdfDocument.Open(InvoicePdf.Render(Invoices.InQuebec(), DocumentLanguage.French));

        var text = TextOf(pdf.GetPage(1));
        Assert.Equal(1, pdf.NumberOfPages);
        foreach (var expected in new[]
        {
            "FACTURE", "N° de facture : 2026-11-000123", "Date de la facture : 15 novembre 2026",
            "Date d’échéance : 15 décembre 2026", "Période de facturation : novembre 2026",
            "N° d’inscription TPS/TVH : 123456789 RT0001", "N° d’inscription TVQ : 1234567890 TQ0001",
            "FACTURÉ À", "École de musique Saint-Éloi", "Montréal (Québec) H2L 2H5", "N° de client : 1000042",
            "Qté", "Prix unitaire", "Montant", "1 Livraison prioritaire Montréal – Québec, colis n° 001 1 100,00 $ 100,00 $",
            "Sous-total 100,00 $", "TPS (5 %) 5,00 $", "TVQ (9,975 %) 9,98 $", "Total 114,98 $",
            "Montant dû le 15 décembre 2026 114,98 $", "Page 1 de 1",
        })
        {
            Assert.Contains(Spaces(expected), text);
        }
        Assert.DoesNotContain("$114.98", text);
    }

    [Fact]
    public void An_English_Quebec_invoice_shows_English_labels_dates_and_amounts()
    {
        using var pdf = PdfDocument.Open(InvoicePdf.Render(Invoices.InQuebec(), DocumentLanguage.English));

        var text = TextOf(pdf.GetPage(1));
        Assert.Equal(1, pdf.NumberOfPages);
        foreach (var expected in new[]
        {
            "INVOICE", "Invoice No.: 2026-11-000123", "Invoice date: November 15, 2026", "Due date: December 15, 2026",
            "Billing period: November 2026", "GST/HST No.: 123456789 RT0001", "QST No.: 1234567890 TQ0001",
            "BILL TO", "École de musique Saint-Éloi", "Customer No.: 1000042",
            "Qty", "Unit price", "Amount", "Subtotal $100.00", "GST (5%) $5.00", "QST (9.975%) $9.98", "Total $114.98",
            "Amount due by December 15, 2026 $114.98", "Page 1 of 1",
        })
        {
            Assert.Contains(expected, text);
        }
        Assert.DoesNotContain("114,98", text);
    }

    [Fact]
    public void The_amounts_in_the_pdf_are_the_ones_Money_formats()
    {
        var invoice = Invoices.InQuebec();
        using var french = PdfDocument.Open(InvoicePdf.Render(invoice, DocumentLanguage.French));
        using var english = PdfDocument.Open(InvoicePdf.Render(invoice, DocumentLanguage.English));

        Assert.Contains(Spaces(invoice.Total.Format(CultureInfo.GetCultureInfo("fr-CA"))), TextOf(french.GetPage(1)));
        Assert.Contains(invoice.Total.Format(CultureInfo.GetCultureInfo("en-CA")), TextOf(english.GetPage(1)));
        Assert.Equal("114,98 $", Spaces(invoice.Total.Format(CultureInfo.GetCultureInfo("fr-CA"))));
    }

    [Theory]
    [InlineData(DocumentLanguage.French)]
    [InlineData(DocumentLanguage.English)]
    public void Every_font_is_embedded_as_TrueType(DocumentLanguage language)
    {
        using var pdf = PdfDocument.Open(InvoicePdf.Render(Invoices.InQuebec(), language));

        var descriptors = FontDescriptors(pdf, pdf.GetPage(1));
        Assert.Equal(2, descriptors.Count);
        Assert.All(descriptors, d => Assert.True(d.ContainsKey(NameToken.FontFile2), "FontDescriptor without FontFile2"));
        Assert.All(pdf.GetPage(1).Letters, l => Assert.Contains("DejaVuSans", l.FontName, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(DocumentLanguage.French)]
    [InlineData(DocumentLanguage.English)]
    public void A_one_page_invoice_weighs_at_most_40_KB(DocumentLanguage language)
    {
        var pdf = InvoicePdf.Render(Invoices.InQuebec(lineCount: 10), language);

        using var document = PdfDocument.Open(pdf);
        Assert.Equal(1, document.NumberOfPages);
        Assert.InRange(pdf.Length, 1, 40 * 1024);
    }

    [Fact]
    public void A_120_line_invoice_spans_several_pages_with_the_totals_only_on_the_last()
    {
        using var pdf = PdfDocument.Open(InvoicePdf.Render(Invoices.InQuebec(lineCount: 120), DocumentLanguage.French));

        var pages = pdf.GetPages().Select(TextOf).ToList();
        Assert.True(pages.Count >= 3, $"{pages.Count} pages");
        for (var i = 0; i < pages.Count; i++)
        {
            Assert.Contains($"Page {i + 1} de {pages.Count}", pages[i]);
            Assert.Contains("Description Qté Prix unitaire Montant", pages[i]);
            var isLast = i == pages.Count - 1;
            Assert.Equal(isLast, pages[i].Contains("Sous-total", StringComparison.Ordinal));
            Assert.Equal(isLast, pages[i].Contains(Spaces("Total 13 797,00 $"), StringComparison.Ordinal));
            Assert.Equal(isLast, pages[i].Contains("Montant dû le", StringComparison.Ordinal));
        }
        Assert.Contains("Facture 2026-11-000123 (suite)", pages[1]);
        Assert.Contains("colis n° 120", pages[^1]);
        var text = string.Join(" ", pages);
        Assert.All(Enumerable.Range(1, 120), n => Assert.Contains($"colis n° {n:000}", text));
    }

    [Fact]
    public void The_totals_never_stand_alone_on_a_page_without_lines()
    {
        for (var lineCount = 1; lineCount <= 60; lineCount++)
        {
            using var pdf = PdfDocument.Open(InvoicePdf.Render(Invoices.InQuebec(lineCount), DocumentLanguage.English));

            var last = TextOf(pdf.GetPage(pdf.NumberOfPages));
            Assert.Contains($"colis n° {lineCount:000}", last);
            Assert.Contains("Amount due by", last);
        }
    }

    [Fact]
    public void A_long_description_wraps_inside_its_column()
    {
        var invoice = Invoices.InQuebec();
        var description = string.Join(" ", Enumerable.Repeat("Entreposage réfrigéré et manutention spécialisée", 6));
        invoice = invoice with { Lines = [invoice.Lines[0] with { Description = description }] };

        using var pdf = PdfDocument.Open(InvoicePdf.Render(invoice, DocumentLanguage.French));

        var words = pdf.GetPage(1).GetWords().Where(w => w.Text == "réfrigéré").ToList();
        Assert.Equal(6, words.Count);
        Assert.True(words.Select(w => Math.Round(w.BoundingBox.Bottom)).Distinct().Count() > 1, "the description stayed on one line");
        var quantityColumn = pdf.GetPage(1).GetWords().Single(w => w.Text == "Qté").BoundingBox.Left;
        Assert.All(pdf.GetPage(1).GetWords().Where(w => w.Text is "réfrigéré" or "spécialisée"), w => Assert.True(w.BoundingBox.Right < quantityColumn));
    }

    [Fact]
    public void The_same_invoice_renders_to_the_same_bytes_even_on_parallel_threads()
    {
        var invoice = Invoices.InQuebec(lineCount: 30);
        var expected = InvoicePdf.Render(invoice, DocumentLanguage.French);

        var results = new byte[16][];
        Parallel.For(0, results.Length, i => results[i] = InvoicePdf.Render(invoice, DocumentLanguage.French));

        Assert.All(results, pdf => Assert.Equal(expected, pdf));
    }
}
