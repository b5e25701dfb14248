using Facturo.Accounts;
using Facturo.Billing;

namespace Facturo;

public class MoneyTests
{
    [Theory]
    [InlineData(123456, "fr-CA", "1 234,56 $")]
    [InlineData(123456, "en-CA", "$1,234.56")]
    [InlineData(-500, "en-CA", "-$5.00")]
    [InlineData(5, "fr-CA", "0,05 $")]
    public void Formats_in_the_Canadian_way_of_each_language(long cents, string culture, string expected)
    {
        var text = Money.Cad(cents).Format(System.Globalization.CultureInfo.GetCultureInfo(culture));

        // ICU uses a no-break space (narrow or not) as the French group separator: compare with plain spaces.
        Assert.Equal(expected, text.Replace('\u202F', ' ').Replace('\u00A0', ' '));
    }

    [Fact]
    public void Refuses_to_add_two_currencies()
    {
        Assert.Throws<InvalidOperationException>(() => Money.Cad(1) + new Money(1, Currency.Usd));
    }

    [Theory]
    [InlineData(0.005, 1)]
    [InlineData(0.0049, 0)]
    [InlineData(-0.005, -1)]
    [InlineData(12.345, 1235)]
    public void Rounds_half_a_cent_away_from_zero(decimal amount, long expectedCents)
    {
        Assert.Equal(expectedCents, Money.Round(amount, Currency.Cad).Cents);
    }

    [Theory]
    [InlineData("1000001", true)]
    [InlineData(" 100-0001 ", true)]
    [InlineData("12345", false)]
    [InlineData("10000A1", false)]
    [InlineData("", false)]
    public void Customer_numbers_are_seven_to_ten_digits(string text, bool valid)
    {
        Assert.Equal(valid, CustomerNumber.TryParse(text, out _));
    }

    [Theory]
    [InlineData("2026-11", true)]
    [InlineData("2026-13", false)]
    [InlineData("2026/11", false)]
    [InlineData("november", false)]
    public void Billing_periods_are_written_year_dash_month(string text, bool valid)
    {
        Assert.Equal(valid, BillingPeriod.TryParse(text, out _));
    }

    [Fact]
    public void A_billing_period_knows_its_first_and_last_day()
    {
        var february = BillingPeriod.Parse("2028-02");

        Assert.Equal((new DateOnly(2028, 2, 1), new DateOnly(2028, 2, 29)), (february.FirstDay, february.LastDay));
        Assert.Equal("2028-03", february.Next.ToString());
    }
}
