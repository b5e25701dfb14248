using System.Globalization;
using System.Text;
using SkiaSharp;

namespace Facturo.Documents;

/// <summary>
/// The DejaVu Sans subset shipped as embedded resources (see Fonts/README.md), so rendering needs no system font,
/// with its advance widths read once so layout measures text without touching Skia.
/// </summary>
internal static class InvoiceFonts
{
    public static readonly byte[] RegularFile = ReadResource("DejaVuSans-Latin.ttf");
    public static readonly byte[] BoldFile = ReadResource("DejaVuSans-Bold-Latin.ttf");
    public static readonly SKTypeface Regular = SKTypeface.FromData(SKData.CreateCopy(RegularFile));
    public static readonly SKTypeface Bold = SKTypeface.FromData(SKData.CreateCopy(BoldFile));

    // The subset covers Latin-1, French punctuation and €, all below U+2100.
    private const int CoverageEnd = 0x2100;
    private static readonly float[] RegularAdvances = Advances(Regular);
    private static readonly float[] BoldAdvances = Advances(Bold);

    /// <summary>The width of <paramref name="text"/> in points; the text must already be <see cref="Printable"/>.</summary>
    public static float Measure(string text, TextStyle style)
    {
        var advances = style.Bold ? BoldAdvances : RegularAdvances;
        var width = 0f;
        foreach (var c in text)
        {
            width += advances[c];
        }
        return width * style.Size;
    }

    /// <summary>
    /// Replaces what the subset cannot draw: an accented letter outside Latin-1 loses its accent (ł stays ?, ő becomes o),
    /// anything else becomes "?", so a customer's name never prints as empty boxes.
    /// </summary>
    public static string Printable(string text)
    {
        if (IsPrintable(text))
        {
            return text;
        }
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormC))
        {
            builder.Append(c switch
            {
                _ when Covered(c) => c,
                '\t' or '\r' or '\n' => ' ',
                _ when c.ToString().Normalize(NormalizationForm.FormD) is var decomposed && Covered(decomposed[0]) => decomposed[0],
                _ => '?',
            });
        }
        return builder.ToString();
    }

    private static bool IsPrintable(string text)
    {
        foreach (var c in text)
        {
            if (!Covered(c))
            {
                return false;
            }
        }
        return true;
    }

    private static bool Covered(char c) => c < CoverageEnd && RegularAdvances[c] > 0 && c >= ' ';

    private static float[] Advances(SKTypeface typeface)
    {
        using var font = new SKFont(typeface, 1000f) { LinearMetrics = true, Subpixel = true, Hinting = SKFontHinting.None };
        var advances = new float[CoverageEnd];
        for (var c = 0x20; c < CoverageEnd; c++)
        {
            if (typeface.GetGlyph(c) != 0)
            {
                advances[c] = font.MeasureText(((char)c).ToString(CultureInfo.InvariantCulture)) / 1000f;
            }
        }
        return advances;
    }

    private static byte[] ReadResource(string file)
    {
        using var stream = typeof(InvoiceFonts).Assembly.GetManifestResourceStream("Facturo.Documents.Fonts." + file)
            ?? throw new InvalidOperationException($"Font resource {file} is missing from Facturo.Documents.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
