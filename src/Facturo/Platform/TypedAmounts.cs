using System.Collections.Frozen;
using Facturo.Accounts;

namespace Facturo.Platform;

/// <summary>An amount a person typed, read in their language, or the reason it was not as a message in that language.</summary>
public static class TypedAmounts
{
    public static Outcome<Money> Read(string? text, Currency currency, Language language)
    {
        var parsed = Money.TryParse(text, currency, Cultures.For(language));
        return parsed.Refusal is { } refusal ? Refused(refusal, text, currency, language) : parsed.Value;
    }

    /// <summary>A document total typed to prove who one is: its currency is not known yet, so $ and US$ are both read.</summary>
    public static Outcome<Money> ReadDollars(string? text, Language language)
    {
        var canadian = Money.TryParse(text, Currency.Cad, Cultures.For(language));
        return canadian.Refusal is AmountRefusal.WrongCurrency ? Read(text, Currency.Usd, language) : Read(text, Currency.Cad, language);
    }

    public static UserError Refused(AmountRefusal refusal, string? text, Currency currency, Language language) =>
        UserError.Validation(Codes[refusal], (text ?? "").Trim(), currency.Code, new Money(Money.MaximumTypedCents, currency).Format(Cultures.For(language)));

    private static readonly FrozenDictionary<AmountRefusal, string> Codes = new Dictionary<AmountRefusal, string>
    {
        [AmountRefusal.Empty] = "amount.empty",
        [AmountRefusal.NotANumber] = "amount.not-a-number",
        [AmountRefusal.Negative] = "amount.negative",
        [AmountRefusal.Zero] = "amount.zero",
        [AmountRefusal.TooManyDecimals] = "amount.too-many-decimals",
        [AmountRefusal.Exponent] = "amount.exponent",
        [AmountRefusal.Ambiguous] = "amount.ambiguous",
        [AmountRefusal.MisplacedSeparator] = "amount.misplaced-separator",
        [AmountRefusal.WrongCurrency] = "amount.wrong-currency",
        [AmountRefusal.TooLarge] = "amount.too-large",
    }.ToFrozenDictionary();
}
