using System.Buffers;
using System.Globalization;

namespace Facturo;

/// <summary>Why an amount a person typed was not read. Stable: each has a message in French and English.</summary>
public enum AmountRefusal
{
    Empty,
    NotANumber,
    Negative,
    Zero,
    TooManyDecimals,
    Exponent,
    /// <summary>One separator followed by three digits: thousands to some, decimals to others.</summary>
    Ambiguous,
    MisplacedSeparator,
    WrongCurrency,
    TooLarge,
}

/// <summary>An amount read from what a person typed, or why it was not (then <see cref="Value"/> is zero: check <see cref="Succeeded"/>).</summary>
public readonly record struct ParsedMoney(Money Value, AmountRefusal? Refusal)
{
    public bool Succeeded => Refusal is null;
}

/// <summary>
/// Amounts as people type them, read one way everywhere (portal, back office, command line).
/// <list type="bullet">
/// <item>The culture's own writing: fr-CA <c>1 234,56 $</c> (space, no-break space or narrow no-break space between
/// thousands), en-CA <c>$1,234.56</c>; spaces between thousands are also read in English (Canadian SI style).</item>
/// <item>A lone <c>.</c> or <c>,</c> followed by one or two digits is the decimal separator in either language: <c>12.5</c>
/// and <c>12,5</c> are both $12.50.</item>
/// <item>A lone separator followed by exactly three digits (<c>1,234</c>, <c>1.234</c>) is refused as ambiguous in both
/// languages: thousands to one reader, decimals to another.</item>
/// <item><c>$</c> means the dollars of the form's currency; <c>CA$</c>/<c>CAD</c> and <c>US$</c>/<c>USD</c>/<c>$ US</c> must match it.</item>
/// <item>Thousands come in groups of three; the amount is more than zero, at most two decimals and at most
/// <see cref="MaximumTypedCents"/>.</item>
/// </list>
/// </summary>
public readonly partial record struct Money
{
    /// <summary>$99,999,999.99: CPA-005 and NACHA hold ten digits of cents, so nothing larger can be debited or sent.</summary>
    public const long MaximumTypedCents = 99_999_999_99;

    public static ParsedMoney TryParse(string? text, Currency currency, CultureInfo culture)
    {
        var refusal = Read((text ?? "").Trim(), currency, culture, out var cents);
        return new ParsedMoney(refusal is null ? new Money(cents, currency) : Zero(currency), refusal);
    }

    private static AmountRefusal? Read(string text, Currency currency, CultureInfo culture, out long cents)
    {
        cents = 0;
        if (text.Length == 0)
        {
            return AmountRefusal.Empty;
        }
        if (!text.Any(char.IsAsciiDigit))
        {
            return AmountRefusal.NotANumber;
        }
        if (HasExponent(text))
        {
            return AmountRefusal.Exponent;
        }
        if (text.Any(c => c is '-' or '\u2212' or '\u2012' or '\u2013' or '(' or ')'))
        {
            return AmountRefusal.Negative;
        }
        var first = text.AsSpan().IndexOfAny(NumberCharacters);
        var last = text.AsSpan().LastIndexOfAny(NumberCharacters);
        var (prefix, suffix) = (text[..first].Trim(), text[(last + 1)..].Trim());
        if (prefix.Length > 0 && suffix.Length > 0)
        {
            return AmountRefusal.NotANumber;
        }
        if (CheckSymbol(prefix.Length > 0 ? prefix : suffix, currency) is { } symbolRefusal)
        {
            return symbolRefusal;
        }
        var number = string.Concat(text[first..(last + 1)].Select(c => char.IsWhiteSpace(c) ? ' ' : c));
        if (!number.All(c => char.IsAsciiDigit(c) || c is ' ' or ',' or '.'))
        {
            return AmountRefusal.NotANumber;
        }
        var split = SplitDecimals(number, DecimalSeparatorOf(culture));
        if (split.Refusal is { } separatorRefusal)
        {
            return separatorRefusal;
        }
        var (whole, fraction) = (split.Whole, split.Fraction);
        if (!IsGroupedInThrees(whole) || (whole.Length == 0 && fraction.Length == 0))
        {
            return AmountRefusal.MisplacedSeparator;
        }
        var digits = new string(whole.Where(char.IsAsciiDigit).ToArray()).TrimStart('0');
        // Past eight digits of dollars the amount is over the maximum whatever the cents; this also keeps the long from overflowing.
        if (digits.Length > 8)
        {
            return AmountRefusal.TooLarge;
        }
        cents = (digits.Length == 0 ? 0 : long.Parse(digits, CultureInfo.InvariantCulture)) * 100
            + (fraction.Length == 0 ? 0 : int.Parse(fraction.PadRight(2, '0'), CultureInfo.InvariantCulture));
        return cents switch
        {
            0 => AmountRefusal.Zero,
            > MaximumTypedCents => AmountRefusal.TooLarge,
            _ => null,
        };
    }

    private static readonly SearchValues<char> NumberCharacters = SearchValues.Create("0123456789,.");

    private static char DecimalSeparatorOf(CultureInfo culture) => culture.NumberFormat.NumberDecimalSeparator == "," ? ',' : '.';

    /// <summary>"1e3", "2E-5", "1.5e+3": a power of ten, never an amount someone means to pay.</summary>
    private static bool HasExponent(string text)
    {
        for (var i = 1; i < text.Length - 1; i++)
        {
            if (text[i] is 'e' or 'E' && (char.IsAsciiDigit(text[i - 1]) || text[i - 1] == '.')
                && (char.IsAsciiDigit(text[i + 1]) || (text[i + 1] is '+' or '-' or '\u2212' && i + 2 < text.Length && char.IsAsciiDigit(text[i + 2]))))
            {
                return true;
            }
        }
        return false;
    }

    private static AmountRefusal? CheckSymbol(string symbol, Currency currency)
    {
        var compact = string.Concat(symbol.Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();
        var named = compact switch
        {
            "" or "$" => currency,
            "CA$" or "$CA" or "CAD" or "$CAD" => Currency.Cad,
            "US$" or "$US" or "USD" or "$USD" => Currency.Usd,
            _ => (Currency?)null,
        };
        if (named is { } known)
        {
            return known == currency ? null : AmountRefusal.WrongCurrency;
        }
        var looksLikeCurrency = compact.Any(c => char.GetUnicodeCategory(c) == UnicodeCategory.CurrencySymbol)
            || (compact.Length == 3 && symbol.Trim().All(char.IsAsciiLetterUpper));
        return looksLikeCurrency ? AmountRefusal.WrongCurrency : AmountRefusal.NotANumber;
    }

    private readonly record struct Split(string Whole, string Fraction, AmountRefusal? Refusal);

    /// <summary>Finds the decimal separator, if any; what is before it keeps its thousands separators for <see cref="IsGroupedInThrees"/>.</summary>
    private static Split SplitDecimals(string number, char decimalSeparator)
    {
        var marks = number.Count(c => c is ',' or '.');
        if (marks == 0)
        {
            return new Split(number, "", null);
        }
        var at = number.LastIndexOfAny([',', '.']);
        var (before, after) = (number[..at], number[(at + 1)..]);
        if (marks == 1)
        {
            return after.Length switch
            {
                0 => new Split("", "", AmountRefusal.MisplacedSeparator),
                _ when after.Contains(' ', StringComparison.Ordinal) => new Split("", "", AmountRefusal.MisplacedSeparator),
                1 or 2 => new Split(before, after, null),
                3 when !before.Contains(' ', StringComparison.Ordinal) => new Split("", "", AmountRefusal.Ambiguous),
                _ => new Split("", "", AmountRefusal.TooManyDecimals),
            };
        }
        // Several marks: only English writing has them, commas between thousands and at most one point, last.
        if (decimalSeparator != '.' || number.Count(c => c == '.') > 1)
        {
            return new Split("", "", AmountRefusal.MisplacedSeparator);
        }
        if (number[at] == ',')
        {
            return new Split(number, "", null);
        }
        return after.Length switch
        {
            1 or 2 when !after.Contains(' ', StringComparison.Ordinal) => new Split(before, after, null),
            > 2 when after.All(char.IsAsciiDigit) => new Split("", "", AmountRefusal.TooManyDecimals),
            _ => new Split("", "", AmountRefusal.MisplacedSeparator),
        };
    }

    /// <summary>"1234", "1 234", "1,234,567" are; "12,34", "1 234,567" (two kinds), "1  234" are not.</summary>
    private static bool IsGroupedInThrees(string whole)
    {
        var separators = whole.Where(c => !char.IsAsciiDigit(c)).Distinct().Count();
        if (separators == 0)
        {
            return true;
        }
        if (separators > 1)
        {
            return false;
        }
        var groups = whole.Split(whole.First(c => !char.IsAsciiDigit(c)));
        return groups[0].Length is >= 1 and <= 3 && groups.Skip(1).All(g => g.Length == 3);
    }
}
