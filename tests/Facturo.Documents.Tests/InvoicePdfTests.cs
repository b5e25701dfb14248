using System.Globalization;
using Facturo.Accounts;
using Facturo.Billing;
using Facturo.Taxes;
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
            "Date d’échéance : 15 décembre 2026", "Période de facturation : novembre 2026", "Conditions de paiement : net 30 jours",
            "N° d’inscription TPS/TVH : 123456789 RT0001", "N° d’inscription TVQ : 1234567890 TQ0001",
            "FACTURÉ À", "École de musique Saint-Éloi", "Montréal (Québec) H2L 2H5", "N° de client : 1000042",
            "Qté", "Prix unitaire", "Montant", "1 Livraison prioritaire Montréal – Québec, colis n° 001 1 100,00 $ 100,00 $",
            "Sous-total 100,00 $", "TPS 5 % 5,00 $", "TVQ 9,975 % 9,98 $", "Total 114,98 $",
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
            "Billing period: November 2026", "Terms: Net 30 days", "GST/HST No.: 123456789 RT0001", "QST No.: 1234567890 TQ0001",
            "BILL TO", "École de musique Saint-Éloi", "Customer No.: 1000042",
            "Qty", "Unit price", "Amount", "Subtotal $100.00", "GST 5% $5.00", "QST 9.975% $9.98", "Total $114.98",
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

    [Fact]
    public void An_Ontario_invoice_with_a_parcel_to_Nova_Scotia_shows_each_HST_at_its_rate_and_province_on_what_it_was_charged()
    {
        // HST: Ontario 13 % (Excise Tax Act, Schedule VIII), Nova Scotia 14 % from 2025-04-01 (Nova Scotia Budget 2025–26).
        // A parcel with a bill of lading is supplied where it goes (Excise Tax Act, Schedule IX, Part V; GST/HST Memorandum 3.3.1).
        var invoice = Invoices.Taxed(Province.ON, new DateOnly(2025, 4, 1),
            (ChargeCategory.Shipping, "Colis accéléré Toronto – Ottawa", Money.Cad(10_000), null),
            (ChargeCategory.Shipping, "Xpresspost Toronto – Halifax", Money.Cad(5_000), PlaceOfSupply.In(Province.NS)));

        var french = TextOf(InvoicePdf.Render(invoice, DocumentLanguage.French));
        var english = TextOf(InvoicePdf.Render(invoice, DocumentLanguage.English));

        Assert.Contains(Spaces("TVH 13 % (Ont.) sur 100,00 $ 13,00 $"), french);
        Assert.Contains(Spaces("TVH 14 % (N.-É.) sur 50,00 $ 7,00 $"), french);
        Assert.Contains(Spaces("Total 170,00 $"), french);
        Assert.Contains(Spaces("2 Xpresspost Toronto – Halifax 1 50,00 $ 50,00 $ H Destination : N.-É."), french);
        Assert.Contains("HST 13% (ON) on $100.00 $13.00", english);
        Assert.Contains("HST 14% (NS) on $50.00 $7.00", english);
        Assert.Contains("2 Xpresspost Toronto – Halifax 1 $50.00 $50.00 H Destination: NS", english);
    }

    [Fact]
    public void The_day_before_Nova_Scotia_lowered_its_HST_the_parcel_to_Halifax_bears_15_percent()
    {
        var invoice = Invoices.Taxed(Province.ON, new DateOnly(2025, 3, 31),
            (ChargeCategory.Shipping, "Xpresspost Toronto – Halifax", Money.Cad(5_000), PlaceOfSupply.In(Province.NS)));

        Assert.Contains("HST 15% (NS) $7.50", TextOf(InvoicePdf.Render(invoice, DocumentLanguage.English)));
    }

    [Fact]
    public void A_US_customer_sees_its_supplies_zero_rated_with_the_reason_and_no_Canadian_tax()
    {
        // Excise Tax Act, Schedule VI, Part VII (freight to a place outside Canada — parcels and mail alike, docs/taxes.md),
        // s. 142(2) (property made available outside Canada is supplied outside Canada).
        var invoice = Invoices.Taxed(PlaceOfSupply.Outside("US"), new DateOnly(2026, 11, 1),
            (ChargeCategory.Shipping, "International parcel to Buffalo", Money.Cad(25_000), null),
            (ChargeCategory.LetterMail, "Lettermail to U.S.A.", Money.Cad(4_000), null),
            (ChargeCategory.Lease, "Postage meter lease", Money.Cad(8_000), null));

        var french = TextOf(InvoicePdf.Render(invoice, DocumentLanguage.French));
        var english = TextOf(InvoicePdf.Render(invoice, DocumentLanguage.English));

        Assert.Contains(Spaces("Détaxé : fret exporté, sur 290,00 $ 0,00 $"), french);
        Assert.Contains(Spaces("Fourni hors du Canada, sur 80,00 $ 0,00 $"), french);
        Assert.Contains("Zero-rated: exported freight, on $290.00 $0.00", english);
        Assert.Contains("Supplied outside Canada, on $80.00 $0.00", english);
        Assert.Contains("Subtotal $370.00 Zero-rated", english);
        Assert.Contains("Total $370.00", english);
        Assert.DoesNotContain("GST 5%", english);
        Assert.Contains("Z = zero-rated", english);
        Assert.Contains("X = supplied outside Canada", english);
    }

    [Fact]
    public void A_line_relieved_by_an_exemption_certificate_shows_the_certificate_and_the_legend_explains_each_code()
    {
        var resale = new TaxExemption("PST-1234-5678", ExemptionKind.PstResale, new HashSet<TaxKind> { TaxKind.Pst }, new HashSet<Province> { Province.BC }, new DateOnly(2025, 1, 1), null);
        var invoice = Invoices.Taxed(new TaxCustomer(PlaceOfSupply.In(Province.BC), [resale]), new DateOnly(2026, 11, 1),
            (ChargeCategory.Lease, "Postage meter lease", Money.Cad(20_000), null),
            (ChargeCategory.Shipping, "Expedited Parcel", Money.Cad(10_000), null));

        var english = TextOf(InvoicePdf.Render(invoice, DocumentLanguage.English));
        var french = TextOf(InvoicePdf.Render(invoice, DocumentLanguage.French));

        Assert.Contains("1 Postage meter lease 1 $200.00 $200.00 GE Exemption certificate No. PST-1234-5678", english);
        Assert.Contains("2 Expedited Parcel 1 $100.00 $100.00 G", english);
        Assert.Contains("GST 5% $15.00", english);
        Assert.DoesNotContain("PST 7%", english);
        Assert.Contains("Taxes by line: G = GST 5% · E = exemption certificate", english);
        Assert.Contains(Spaces("Taxes par ligne : G = TPS 5 % · E = certificat d’exemption"), french);
        Assert.Contains(Spaces("Certificat d’exemption n° PST-1234-5678"), french);
    }

    [Fact]
    public void When_every_line_bears_the_same_taxes_there_is_no_tax_code_column()
    {
        var english = TextOf(InvoicePdf.Render(Invoices.InQuebec(lineCount: 3), DocumentLanguage.English));

        Assert.DoesNotContain("Taxes by line", english);
        Assert.Contains("Description Qty Unit price Amount 1 Livraison", english);
    }

    [Fact]
    public void The_paper_invoice_fee_is_described_although_the_bill_run_gives_it_no_description()
    {
        var invoice = Invoices.Taxed(Province.QC, new DateOnly(2026, 11, 1), (ChargeCategory.PaperFee, "", Money.Cad(500), null));

        Assert.Contains(Spaces("1 Frais de facture papier 1 5,00 $ 5,00 $"), TextOf(InvoicePdf.Render(invoice, DocumentLanguage.French)));
        Assert.Contains("1 Paper invoice fee 1 $5.00 $5.00", TextOf(InvoicePdf.Render(invoice, DocumentLanguage.English)));
    }

    [Fact]
    public void A_long_invoice_of_parcels_to_several_provinces_repeats_the_status_column_on_every_page_and_ends_with_the_legend()
    {
        var provinces = new[] { Province.ON, Province.NS, Province.QC, Province.BC };
        var invoice = Invoices.Taxed(Province.ON, new DateOnly(2026, 11, 1), Enumerable.Range(1, 80)
            .Select(n => (ChargeCategory.Shipping, $"Colis n° {n:000}", Money.Cad(1_000), (PlaceOfSupply?)PlaceOfSupply.In(provinces[n % 4])))
            .ToArray());

        using var pdf = PdfDocument.Open(InvoicePdf.Render(invoice, DocumentLanguage.English));

        var pages = pdf.GetPages().Select(TextOf).ToList();
        Assert.True(pages.Count >= 3, $"{pages.Count} pages");
        Assert.All(pages, page => Assert.Contains("Description Qty Unit price Amount Tax", page));
        var text = string.Join(" ", pages);
        var codes = new Dictionary<Province, string> { [Province.ON] = "H", [Province.NS] = "H Destination: NS", [Province.QC] = "G Destination: QC", [Province.BC] = "G Destination: BC" };
        Assert.All(Enumerable.Range(1, 80), n => Assert.Contains($"Colis n° {n:000} 1 $10.00 $10.00 {codes[provinces[n % 4]]} ", text));
        // A parcel from Ontario into Québec bears no QST (Revenu Québec, "Freight Transportation Services"; docs/taxes.md).
        Assert.Contains("Taxes by line: G = GST 5% · H = HST 14% (NS), HST 13% (ON)", pages[^1]);
        Assert.DoesNotContain("QST", pages[^1]);
        Assert.Contains("HST 14% (NS) on $200.00 $28.00", pages[^1]);
        Assert.Contains("Amount due by", pages[^1]);
    }
}
