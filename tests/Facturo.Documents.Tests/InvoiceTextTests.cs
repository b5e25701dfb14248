using Facturo.Accounts;
using Facturo.Taxes;

namespace Facturo.Documents.Tests;

public class InvoiceTextTests
{
    [Theory]
    [InlineData(2026, 11, 15, "15 novembre 2026", "November 15, 2026")]
    [InlineData(2026, 11, 1, "1er novembre 2026", "November 1, 2026")]
    [InlineData(2027, 2, 28, "28 février 2027", "February 28, 2027")]
    public void Dates_are_written_the_way_each_language_writes_them(int year, int month, int day, string french, string english)
    {
        var date = new DateOnly(year, month, day);

        Assert.Equal(french, InvoiceText.French.FormatDate(date));
        Assert.Equal(english, InvoiceText.English.FormatDate(date));
    }

    [Theory]
    [InlineData(TaxKind.Gst, null, "0.05", "TPS 5 %", "GST 5%")]
    [InlineData(TaxKind.Hst, Province.NS, "0.14", "TVH 14 % (N.-É.)", "HST 14% (NS)")]
    [InlineData(TaxKind.Qst, Province.QC, "0.09975", "TVQ 9,975 %", "QST 9.975%")]
    [InlineData(TaxKind.Pst, Province.BC, "0.07", "TVP 7 % (C.-B.)", "PST 7% (BC)")]
    public void Taxes_are_named_and_rated_in_each_language_with_the_province_of_an_HST_or_a_PST(TaxKind kind, Province? province, string rate, string french, string english)
    {
        var tax = new TaxAmount(kind, province, decimal.Parse(rate, System.Globalization.CultureInfo.InvariantCulture), Money.Cad(2_000), Money.Cad(100));

        Assert.Equal(french, PdfReading.Spaces(InvoiceText.French.FormatTax(tax)));
        Assert.Equal(english, InvoiceText.English.FormatTax(tax));
    }

    [Theory]
    [InlineData(Province.AB, "TVP 5 % (Alb.)", "PST 5% (AB)")]
    [InlineData(Province.BC, "TVP 5 % (C.-B.)", "PST 5% (BC)")]
    [InlineData(Province.MB, "TVP 5 % (Man.)", "PST 5% (MB)")]
    [InlineData(Province.NB, "TVP 5 % (N.-B.)", "PST 5% (NB)")]
    [InlineData(Province.NL, "TVP 5 % (T.-N.-L.)", "PST 5% (NL)")]
    [InlineData(Province.NS, "TVP 5 % (N.-É.)", "PST 5% (NS)")]
    [InlineData(Province.NT, "TVP 5 % (T.N.-O.)", "PST 5% (NT)")]
    [InlineData(Province.NU, "TVP 5 % (Nt)", "PST 5% (NU)")]
    [InlineData(Province.ON, "TVP 5 % (Ont.)", "PST 5% (ON)")]
    [InlineData(Province.PE, "TVP 5 % (Î.-P.-É.)", "PST 5% (PE)")]
    [InlineData(Province.QC, "TVP 5 % (Qc)", "PST 5% (QC)")]
    [InlineData(Province.SK, "TVP 5 % (Sask.)", "PST 5% (SK)")]
    [InlineData(Province.YT, "TVP 5 % (Yn)", "PST 5% (YT)")]
    public void A_provincial_tax_names_its_province_as_the_Translation_Bureau_abbreviates_it_in_French_and_by_its_postal_code_in_English(Province province, string french, string english)
    {
        var tax = new TaxAmount(TaxKind.Pst, province, 0.05m, Money.Cad(2_000), Money.Cad(100));

        Assert.Equal(french, PdfReading.Spaces(InvoiceText.French.FormatTax(tax)));
        Assert.Equal(english, InvoiceText.English.FormatTax(tax));
    }

    [Theory]
    [InlineData(0, "payable sur réception", "Due on receipt")]
    [InlineData(30, "net 30 jours", "Net 30 days")]
    public void Terms_of_payment_are_written_from_the_days_between_the_invoice_and_its_due_date(int days, string french, string english)
    {
        var issued = new DateOnly(2026, 11, 1);

        Assert.Equal(french, InvoiceText.French.FormatTerms(issued, issued.AddDays(days)));
        Assert.Equal(english, InvoiceText.English.FormatTerms(issued, issued.AddDays(days)));
    }

    [Theory]
    [InlineData("Café Olé", "Café Olé")]
    [InlineData("Łódź Ćwiczenia", "?ódz Cwiczenia")]
    [InlineData("Straße № 5", "Straße ? 5")]
    [InlineData("Nguyễn", "Nguyen")]
    public void Characters_outside_the_embedded_font_lose_their_accent_or_become_a_question_mark(string text, string printed)
    {
        Assert.Equal(printed, InvoiceFonts.Printable(text));
    }
}
