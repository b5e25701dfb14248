using Facturo.Documents;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;

namespace Facturo.Bench;

/// <summary>The engine not chosen (docs/performance.md): the same layout painted with PdfPig's PdfDocumentBuilder, kept to re-run the comparison.</summary>
internal static class PdfPigInvoicePdf
{
    private const string SystemFonts = "/usr/share/fonts/truetype/dejavu/";
    private static readonly Lazy<(byte[] Regular, byte[] Bold)> FullFonts = new(() =>
        (File.ReadAllBytes(SystemFonts + "DejaVuSans.ttf"), File.ReadAllBytes(SystemFonts + "DejaVuSans-Bold.ttf")));

    /// <summary>With our subset font, as shipped: PdfPig 0.1.16's own subsetter throws on À É Ô and other composite capitals.</summary>
    public static byte[] Render(InvoicePdfModel invoice, DocumentLanguage language) =>
        Render(invoice, language, InvoiceFonts.RegularFile, InvoiceFonts.BoldFile);

    /// <summary>With the full DejaVu Sans from fonts-dejavu-core (760 KB), which PdfPig subsets without error.</summary>
    public static byte[] RenderWithFullFont(InvoicePdfModel invoice, DocumentLanguage language) =>
        Render(invoice, language, FullFonts.Value.Regular, FullFonts.Value.Bold);

    private static byte[] Render(InvoicePdfModel invoice, DocumentLanguage language, byte[] regularFont, byte[] boldFont)
    {
        var pages = InvoiceLayout.Compose(invoice, language);
        using var builder = new PdfDocumentBuilder();
        var regular = builder.AddTrueTypeFont(regularFont);
        var bold = builder.AddTrueTypeFont(boldFont);
        foreach (var items in pages)
        {
            var page = builder.AddPage(InvoiceLayout.PageWidth, InvoiceLayout.PageHeight);
            foreach (var item in items)
            {
                switch (item)
                {
                    case TextItem text:
                        if (text.Style.Ink == Ink.Muted)
                        {
                            page.SetTextAndFillColor(0x5F, 0x66, 0x6D);
                        }
                        else
                        {
                            page.SetTextAndFillColor(0x1F, 0x23, 0x28);
                        }
                        page.AddText(text.Text, text.Style.Size, new PdfPoint(text.X, InvoiceLayout.PageHeight - text.Y), text.Style.Bold ? bold : regular);
                        break;
                    case RuleItem rule:
                        page.SetStrokeColor(0xB8, 0xBE, 0xC4);
                        page.DrawLine(new PdfPoint(rule.Left, InvoiceLayout.PageHeight - rule.Y), new PdfPoint(rule.Right, InvoiceLayout.PageHeight - rule.Y), rule.Width);
                        break;
                    case BandItem band:
                        page.SetTextAndFillColor(0xEC, 0xEF, 0xF2);
                        page.SetStrokeColor(0xEC, 0xEF, 0xF2);
                        page.DrawRectangle(new PdfPoint(band.Left, InvoiceLayout.PageHeight - band.Top - band.Height), band.Width, band.Height, 0.1, fill: true);
                        break;
                }
            }
        }
        return builder.Build();
    }
}
