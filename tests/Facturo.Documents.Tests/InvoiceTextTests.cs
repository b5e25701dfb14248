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
    [InlineData(TaxKind.Gst, "0.05", "TPS (5 %)", "GST (5%)")]
    [InlineData(TaxKind.Hst, "0.13", "TVH (13 %)", "HST (13%)")]
    [InlineData(TaxKind.Qst, "0.09975", "TVQ (9,975 %)", "QST (9.975%)")]
    [InlineData(TaxKind.Pst, "0.07", "TVP (7 %)", "PST (7%)")]
    public void Taxes_are_named_and_rated_in_each_language(TaxKind kind, string rate, string french, string english)
    {
        var tax = new TaxAmount(kind, null, decimal.Parse(rate, System.Globalization.CultureInfo.InvariantCulture), Money.Cad(2_000), Money.Cad(100));

        Assert.Equal(french, PdfReading.Spaces(InvoiceText.French.FormatTax(tax)));
        Assert.Equal(english, InvoiceText.English.FormatTax(tax));
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
