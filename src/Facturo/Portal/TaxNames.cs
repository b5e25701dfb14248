using System.Globalization;
using Facturo.Accounts;
using Facturo.Documents;
using Facturo.Taxes;

namespace Facturo.Portal;

/// <summary>Tax names and rates for pages, in the words the invoice uses (<see cref="InvoiceText"/>), so a page never names a tax differently from the PDF.</summary>
public static class TaxNames
{
    public static string Of(TaxKind kind, Language language) => InvoiceText.For(PortalDocuments.DocumentLanguageOf(language)).TaxNames[kind];

    /// <summary>"9,975 %" in French (a no-break space before the sign), "9.975%" in English.</summary>
    public static string Rate(decimal rate, CultureInfo culture) =>
        culture.TwoLetterISOLanguageName == "fr" ? $"{(rate * 100).ToString("0.###", culture)}\u00A0%" : $"{(rate * 100).ToString("0.###", culture)}%";

}
