using System.Text.RegularExpressions;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Tokens;

namespace Facturo.Documents.Tests;

/// <summary>Reads a rendered PDF back with PdfPig, as a person copying text out of it would.</summary>
internal static partial class PdfReading
{
    /// <summary>The page's words, with every run of spaces (including U+00A0 and U+202F) made one plain space.</summary>
    public static string TextOf(Page page) => Spaces(string.Join(" ", page.GetWords().Select(w => w.Text)));

    /// <summary>Every page's words, in order.</summary>
    public static string TextOf(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Join(" ", document.GetPages().Select(TextOf));
    }

    /// <summary>fr-CA separates thousands and the $ sign with a no-break space; tests write a plain one.</summary>
    public static string Spaces(string text) => WhiteSpace().Replace(text, " ");

    public static IReadOnlyList<DictionaryToken> FontDescriptors(PdfDocument document, Page page)
    {
        var resources = Resolve<DictionaryToken>(document, page.Dictionary.Data[NameToken.Resources.Data]);
        var fonts = Resolve<DictionaryToken>(document, resources.Data[NameToken.Font.Data]);
        return fonts.Data.Values
            .Select(reference => Resolve<DictionaryToken>(document, reference))
            .Select(font => font.TryGet(NameToken.DescendantFonts, out IToken? descendants)
                ? Resolve<DictionaryToken>(document, Resolve<ArrayToken>(document, descendants).Data[0])
                : font)
            .Select(font => Resolve<DictionaryToken>(document, font.Data[NameToken.FontDescriptor.Data]))
            .ToList();
    }

    private static T Resolve<T>(PdfDocument document, IToken token) where T : class, IToken =>
        token switch
        {
            T direct => direct,
            IndirectReferenceToken reference => (T)document.Structure.GetObject(reference.Data).Data,
            _ => throw new InvalidOperationException($"Expected {typeof(T).Name}, found {token.GetType().Name}."),
        };

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
