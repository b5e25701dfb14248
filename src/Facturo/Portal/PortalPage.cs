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

    /// <summary>An amount typed on this page, read in the page's language (see <see cref="Money.TryParse"/>).</summary>
    public Outcome<Money> ReadAmount(string? text, Currency currency) => TypedAmounts.Read(text, currency, Language);
}
