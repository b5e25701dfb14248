using SkiaSharp;

namespace Facturo.Documents;

/// <summary>
/// Renders an invoice to a letter-size PDF with Skia's PDF backend (chosen over PdfPig: docs/performance.md).
/// Skia embeds the font files whole, so the fonts in Fonts/ are kept to the characters invoices need. Thread-safe.
/// </summary>
public static class InvoicePdf
{
    private static readonly SKColor TextColor = new(0x1F, 0x23, 0x28);
    private static readonly SKColor MutedColor = new(0x5F, 0x66, 0x6D);
    private static readonly SKColor BandColor = new(0xEC, 0xEF, 0xF2);
    private static readonly SKColor RuleColor = new(0xB8, 0xBE, 0xC4);

    public static byte[] Render(InvoicePdfModel invoice, DocumentLanguage language)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        var pages = InvoiceLayout.Compose(invoice, language);

        using var output = new MemoryStream(16 * 1024);
        var metadata = new SKDocumentPdfMetadata
        {
            Title = InvoiceText.For(language).Title + " " + invoice.InvoiceNumber,
            Author = invoice.BillerLegalName,
            Creator = "Facturo",
            Producer = "Facturo",
            // A new metadata struct holds zeroes, not Skia's defaults; no dates, so the same invoice gives the same bytes.
            RasterDpi = SKDocument.DefaultRasterDpi,
            EncodingQuality = SKDocumentPdfMetadata.DefaultEncodingQuality,
        };
        using (var document = SKDocument.CreatePdf(output, metadata))
        using (var regular = Font(InvoiceFonts.Regular))
        using (var bold = Font(InvoiceFonts.Bold))
        using (var paint = new SKPaint { IsAntialias = true })
        {
            foreach (var page in pages)
            {
                var canvas = document.BeginPage(InvoiceLayout.PageWidth, InvoiceLayout.PageHeight);
                foreach (var item in page)
                {
                    Draw(canvas, item, regular, bold, paint);
                }
                document.EndPage();
            }
            document.Close();
        }
        return output.ToArray();
    }

    private static void Draw(SKCanvas canvas, PageItem item, SKFont regular, SKFont bold, SKPaint paint)
    {
        switch (item)
        {
            case TextItem text:
                var font = text.Style.Bold ? bold : regular;
                font.Size = text.Style.Size;
                paint.Style = SKPaintStyle.Fill;
                paint.Color = text.Style.Ink == Ink.Muted ? MutedColor : TextColor;
                canvas.DrawText(text.Text, text.X, text.Y, font, paint);
                break;
            case RuleItem rule:
                paint.Style = SKPaintStyle.Stroke;
                paint.StrokeWidth = rule.Width;
                paint.Color = RuleColor;
                canvas.DrawLine(rule.Left, rule.Y, rule.Right, rule.Y, paint);
                break;
            case BandItem band:
                paint.Style = SKPaintStyle.Fill;
                paint.Color = BandColor;
                canvas.DrawRect(band.Left, band.Top, band.Width, band.Height, paint);
                break;
            default:
                throw new InvalidOperationException($"Unknown page item {item.GetType().Name}.");
        }
    }

    // Unhinted linear metrics, so glyphs advance exactly as InvoiceFonts.Measure assumed.
    private static SKFont Font(SKTypeface typeface) =>
        new(typeface) { LinearMetrics = true, Subpixel = true, Hinting = SKFontHinting.None };
}
