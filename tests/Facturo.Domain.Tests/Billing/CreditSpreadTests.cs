using CsCheck;

namespace Facturo.Billing;

public class CreditSpreadTests
{
    [Fact]
    public void A_credit_is_spread_in_proportion_to_what_each_line_has_left()
    {
        var shares = CreditSpread.Spread(Money.Cad(40_00), [Money.Cad(75_00), Money.Cad(25_00)]);

        Assert.Equal([Money.Cad(30_00), Money.Cad(10_00)], shares);
    }

    [Fact]
    public void Cents_that_do_not_divide_go_to_the_largest_remainders()
    {
        // 1.00 over three equal lines: 33 + 33 + 33 = 99, the last cent to the first line.
        Assert.Equal([Money.Cad(34), Money.Cad(33), Money.Cad(33)], CreditSpread.Spread(Money.Cad(1_00), [Money.Cad(10_00), Money.Cad(10_00), Money.Cad(10_00)]));
    }

    [Fact]
    public void More_than_the_lines_have_left_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CreditSpread.Spread(Money.Cad(10_01), [Money.Cad(10_00)]));
    }

    [Fact]
    public void The_shares_always_add_up_to_the_credit_and_never_exceed_a_line()
    {
        Gen.Long[0, 5_000_000].List[1, 40].SelectMany(lines => Gen.Long[0, lines.Sum()].Select(credit => (lines, credit)))
            .Sample(t =>
            {
                var left = t.lines.Select(Money.Cad).ToList();
                var shares = CreditSpread.Spread(Money.Cad(t.credit), left);

                Assert.Equal(t.credit, shares.Sum(s => s.Cents));
                Assert.All(shares.Zip(left), pair => Assert.InRange(pair.First.Cents, 0, pair.Second.Cents));
            });
    }
}
