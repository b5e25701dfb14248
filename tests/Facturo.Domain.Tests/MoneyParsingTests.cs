using System.Globalization;
using CsCheck;

namespace Facturo;

/// <summary>Amounts as people type them in the portal, the back office and the command line.</summary>
public class MoneyParsingTests
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-CA");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-CA");

    private static ParsedMoney Parse(string text, string culture, Currency? currency = null) =>
        Money.TryParse(text, currency ?? Currency.Cad, CultureInfo.GetCultureInfo(culture));

    [Theory]
    [InlineData("12.5", "en-CA", 1250)]
    [InlineData("12,5", "fr-CA", 1250)]
    [InlineData("1,5", "en-CA", 150)]
    [InlineData("150.5", "en-CA", 15050)]
    [InlineData("150.5", "fr-CA", 15050)]
    [InlineData("1234,5", "en-CA", 123450)]
    [InlineData("1234.56", "fr-CA", 123456)]
    [InlineData("$1,234.56", "en-CA", 123456)]
    [InlineData("1,234,567.8", "en-CA", 123456780)]
    [InlineData("1 234,56 $", "fr-CA", 123456)]
    [InlineData("1\u00A0234,56\u00A0$", "fr-CA", 123456)]
    [InlineData("1\u202F234,56\u00A0$", "fr-CA", 123456)]
    [InlineData("  113  ", "en-CA", 11300)]
    [InlineData("0.05", "en-CA", 5)]
    [InlineData(".5", "en-CA", 50)]
    [InlineData("$ 12", "en-CA", 1200)]
    [InlineData("12 $", "fr-CA", 1200)]
    [InlineData("1 234.56", "en-CA", 123456)]
    [InlineData("CAD 99,999,999.99", "en-CA", 9_999_999_999)]
    public void Reads_amounts_as_people_type_them_in_either_language(string text, string culture, long expectedCents)
    {
        var parsed = Parse(text, culture);

        Assert.Null(parsed.Refusal);
        Assert.Equal(Money.Cad(expectedCents), parsed.Value);
    }

    [Theory]
    [InlineData("US$1,234.56", "en-CA")]
    [InlineData("1 234,56 US$", "fr-CA")]
    [InlineData("1 234,56 $ US", "fr-CA")]
    [InlineData("1234.56 USD", "en-CA")]
    [InlineData("$1,234.56", "en-CA")]
    public void Reads_us_dollars_written_with_us_dollar_or_plain_dollar(string text, string culture)
    {
        var parsed = Parse(text, culture, Currency.Usd);

        Assert.Equal(new Money(123456, Currency.Usd), parsed.Value);
    }

    [Theory]
    [InlineData("-100", "en-CA", AmountRefusal.Negative)]
    [InlineData("-$5.00", "en-CA", AmountRefusal.Negative)]
    [InlineData("\u2212100", "fr-CA", AmountRefusal.Negative)]
    [InlineData("(100.00)", "en-CA", AmountRefusal.Negative)]
    [InlineData("1e3", "en-CA", AmountRefusal.Exponent)]
    [InlineData("1E-3", "en-CA", AmountRefusal.Exponent)]
    [InlineData("12.345", "en-CA", AmountRefusal.Ambiguous)]
    [InlineData("1,234", "en-CA", AmountRefusal.Ambiguous)]
    [InlineData("1,234", "fr-CA", AmountRefusal.Ambiguous)]
    [InlineData("1.234", "fr-CA", AmountRefusal.Ambiguous)]
    [InlineData("12.3456", "en-CA", AmountRefusal.TooManyDecimals)]
    [InlineData("1,234.567", "en-CA", AmountRefusal.TooManyDecimals)]
    [InlineData("1 234,567", "fr-CA", AmountRefusal.TooManyDecimals)]
    [InlineData("0", "en-CA", AmountRefusal.Zero)]
    [InlineData("0,00 $", "fr-CA", AmountRefusal.Zero)]
    [InlineData("", "en-CA", AmountRefusal.Empty)]
    [InlineData("   ", "fr-CA", AmountRefusal.Empty)]
    [InlineData("abc", "en-CA", AmountRefusal.NotANumber)]
    [InlineData("12abc", "en-CA", AmountRefusal.NotANumber)]
    [InlineData("1O0", "en-CA", AmountRefusal.NotANumber)]
    [InlineData("+12", "en-CA", AmountRefusal.NotANumber)]
    [InlineData("1,2,3", "en-CA", AmountRefusal.MisplacedSeparator)]
    [InlineData("12,34,567.00", "en-CA", AmountRefusal.MisplacedSeparator)]
    [InlineData("1.234,56", "en-CA", AmountRefusal.MisplacedSeparator)]
    [InlineData("1,234.56", "fr-CA", AmountRefusal.MisplacedSeparator)]
    [InlineData("1.234.567", "en-CA", AmountRefusal.MisplacedSeparator)]
    [InlineData("12 34,5", "fr-CA", AmountRefusal.MisplacedSeparator)]
    [InlineData("12.", "en-CA", AmountRefusal.MisplacedSeparator)]
    [InlineData("1 234,567.00", "en-CA", AmountRefusal.MisplacedSeparator)]
    [InlineData("US$12.50", "en-CA", AmountRefusal.WrongCurrency)]
    [InlineData("12,50 €", "fr-CA", AmountRefusal.WrongCurrency)]
    [InlineData("EUR 12.50", "en-CA", AmountRefusal.WrongCurrency)]
    [InlineData("100,000,000.00", "en-CA", AmountRefusal.TooLarge)]
    [InlineData("99999999999999999999999999", "en-CA", AmountRefusal.TooLarge)]
    public void Refuses_what_is_not_a_clear_positive_amount_and_says_why(string text, string culture, AmountRefusal expected)
    {
        Assert.Equal(expected, Parse(text, culture).Refusal);
    }

    [Fact]
    public void Refuses_canadian_dollars_on_a_us_dollar_form()
    {
        Assert.Equal(AmountRefusal.WrongCurrency, Parse("CA$12.50", "en-CA", Currency.Usd).Refusal);
    }

    /// <summary>Small amounts are what people pay most; a uniform draw up to the maximum would almost never try them.</summary>
    private static readonly Gen<long> AnyAmountInCents = Gen.OneOf(Gen.Long[1, 100_000], Gen.Long[1, Money.MaximumTypedCents]);

    [Fact]
    public void Every_amount_formatted_in_either_language_and_currency_reads_back_the_same()
    {
        Gen.Select(AnyAmountInCents, Gen.OneOf(French, English), Gen.OneOf(Currency.Cad, Currency.Usd))
            .Sample((cents, culture, currency) =>
            {
                var money = new Money(cents, currency);
                return Money.TryParse(money.Format(culture), currency, culture).Value == money;
            }, iter: 50_000);
    }

    /// <summary>ICU (through .NET) is an independent writer of both cultures' numbers: what it writes with grouping reads back.</summary>
    [Fact]
    public void Numbers_grouped_by_icu_with_one_or_two_decimals_read_back_in_their_culture()
    {
        Gen.Select(AnyAmountInCents, Gen.OneOf(French, English), Gen.OneOf("N2", "C2"))
            .Sample((cents, culture, format) => Money.TryParse((cents / 100m).ToString(format, culture), Currency.Cad, culture).Value == Money.Cad(cents), iter: 20_000);
        Gen.Select(Gen.Long[1, Money.MaximumTypedCents / 10], Gen.OneOf(French, English))
            .Sample((dimes, culture) => Money.TryParse((dimes / 10m).ToString("N1", culture), Currency.Cad, culture).Value == Money.Cad(dimes * 10), iter: 20_000);
    }

    [Fact]
    public void Every_amount_typed_plainly_with_a_point_or_a_comma_reads_the_same_in_either_language()
    {
        Gen.Select(AnyAmountInCents, Gen.OneOf(French, English), Gen.OneOf('.', ','))
            .Sample((cents, culture, separator) =>
                Money.TryParse($"{cents / 100}{separator}{cents % 100:00}", Currency.Cad, culture).Value == Money.Cad(cents));
    }

    [Fact]
    public void Text_with_letters_never_reads_as_an_amount()
    {
        var letters = Gen.Char["abcdfghijklmnopqrtvwxyzABFGHIJKLMNOPQRTVWXYZé"];
        Gen.Select(Gen.Char["0123456789 ,.$"].Array[0, 8].Select(c => new string(c)), letters, Gen.Char["0123456789 ,.$"].Array[0, 8].Select(c => new string(c)))
            .Sample((before, letter, after) => !Money.TryParse(before + letter + after, Currency.Cad, English).Succeeded
                && !Money.TryParse(before + letter + after, Currency.Cad, French).Succeeded, iter: 50_000);
    }

    [Fact]
    public void Exponents_negative_signs_and_three_decimals_never_read_as_an_amount()
    {
        var amounts = AnyAmountInCents.Select(c => $"{c / 100}.{c % 100:00}");
        var junk = Gen.OneOf(
            Gen.Select(Gen.Int[1, 99_999], Gen.Int[-12, 12], (m, e) => $"{m}e{e}"),
            Gen.Select(Gen.Int[1, 99_999], Gen.Int[0, 12], (m, e) => $"{m}E+{e}"),
            amounts.Select(a => "-" + a),
            amounts.Select(a => "-$" + a),
            amounts.Select(a => "$-" + a),
            Gen.Select(Gen.Long[0, 99_999_999], Gen.Int[0, 999], Gen.OneOf('.', ','), (d, f, s) => $"{d}{s}{f:000}0"),
            Gen.Select(Gen.Long[0, 99_999_999], Gen.Int[0, 999], (d, f) => d.ToString("#,0", CultureInfo.InvariantCulture) + $".{f:000}"));
        junk.Sample(text => !Money.TryParse(text, Currency.Cad, English).Succeeded && !Money.TryParse(text, Currency.Cad, French).Succeeded, iter: 50_000);
    }

    [Fact]
    public void Three_digits_after_a_lone_separator_are_never_read_either_way()
    {
        Gen.Select(Gen.Int[0, 999], Gen.Int[0, 999], Gen.OneOf('.', ','), Gen.OneOf(French, English))
            .Sample((whole, part, separator, culture) =>
                Money.TryParse($"{whole}{separator}{part:000}", Currency.Cad, culture).Refusal is AmountRefusal.Ambiguous);
    }
}
