using System.Globalization;
using Facturo.Accounts;
using Facturo.Taxes;

namespace Facturo.Portal;

public static class TaxNames
{
    public static string Of(TaxKind kind, Language language) => (kind, language) switch
    {
        (TaxKind.Gst, Language.Fr) => "TPS",
        (TaxKind.Hst, Language.Fr) => "TVH",
        (TaxKind.Qst, Language.Fr) => "TVQ",
        (TaxKind.Pst, Language.Fr) => "TVP",
        _ => kind.ToString().ToUpperInvariant(),
    };

    /// <summary>"9,975 %" in French (a space before the sign), "9.975%" in English.</summary>
    public static string Rate(decimal rate, CultureInfo culture) =>
        culture.TwoLetterISOLanguageName == "fr" ? $"{(rate * 100).ToString("0.###", culture)} %" : $"{(rate * 100).ToString("0.###", culture)}%";
}
