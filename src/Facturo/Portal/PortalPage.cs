using System.Globalization;
using Facturo.Accounts;
using Facturo.Platform;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Facturo.Portal;

/// <summary>What every portal page shares: the request's language and formatting in fr-CA or en-CA.</summary>
public abstract class PortalPage : PageModel
{
    public Language Language => PortalLanguage.Of(HttpContext);
    public CultureInfo Culture => Cultures.For(Language);

    public string T(string fr, string en) => Language == Language.Fr ? fr : en;

    public string Amount(long cents, string currencyCode) => new Money(cents, Currency.Parse(currencyCode)).Format(Culture);

    public string Amount(Money money) => money.Format(Culture);

    public string Date(DateOnly date) => Cultures.LongDate(date, Language);

    public string Message(UserError error) => error.Message(Language);

    /// <summary>"1 234,56", "1234.56" and "$1,234.56" all mean the same total; the last separator with two digits after it is the decimal one.</summary>
    public static bool TryParseAmount(string text, out decimal amount)
    {
        var digits = new string(text.Where(c => char.IsDigit(c) || c is ',' or '.').ToArray());
        var separator = digits.Length > 3 && digits[^3] is ',' or '.' ? digits[^3] : (char?)null;
        var normalised = separator is null
            ? digits.Replace(",", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal)
            : digits[..^3].Replace(",", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal) + "." + digits[^2..];
        return decimal.TryParse(normalised, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out amount) && amount > 0;
    }
}
