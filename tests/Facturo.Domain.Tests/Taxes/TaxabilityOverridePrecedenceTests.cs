using Facturo.Accounts;
using Facturo.Billing;

namespace Facturo.Taxes;

/// <summary>
/// How the biller's overrides, stored append-only and read latest first, combine with the published defaults over time:
/// each applies from its own effective date, a later one supersedes it from that later date, and of two from the same
/// date the one recorded later wins.
/// </summary>
public class TaxabilityOverridePrecedenceTests
{
    private static readonly DateOnly December = new(2026, 12, 1);
    private static readonly DateOnly February = new(2027, 2, 1);

    private static TaxabilityRule LeasePstBc(bool taxable, DateOnly from, string reason) => new(ChargeCategory.Lease, TaxKind.Pst, Province.BC, taxable, from, reason);

    private static bool LeaseBearsPstInBc(TaxabilityRules rules, DateOnly on) => rules.RuleFor(ChargeCategory.Lease, TaxKind.Pst, Province.BC, on).Taxable;

    [Fact]
    public void An_override_applies_from_its_effective_date_and_not_the_day_before()
    {
        var rules = TaxabilityRules.Defaults.WithOverrides([LeasePstBc(false, December, "advisor")]);

        // BC PST on a lease of goods: Provincial Sales Tax Act, s. 37 (the published default).
        Assert.True(LeaseBearsPstInBc(rules, December.AddDays(-1)));
        Assert.False(LeaseBearsPstInBc(rules, December));
        Assert.False(LeaseBearsPstInBc(rules, February));
    }

    [Fact]
    public void A_later_override_supersedes_an_earlier_one_from_its_own_date_only()
    {
        var rules = TaxabilityRules.Defaults.WithOverrides([LeasePstBc(true, February, "ruling reversed"), LeasePstBc(false, December, "advisor")]);

        Assert.Equal([true, false, false, true], new[] { December.AddDays(-1), December, February.AddDays(-1), February }.Select(d => LeaseBearsPstInBc(rules, d)));
    }

    [Fact]
    public void Of_two_overrides_from_the_same_date_the_first_given_the_latest_recorded_wins()
    {
        var recordedSecond = LeasePstBc(true, December, "the first was a mistake");
        var recordedFirst = LeasePstBc(false, December, "advisor");

        var rules = TaxabilityRules.Defaults.WithOverrides([recordedSecond, recordedFirst]);

        Assert.Same(recordedSecond, rules.RuleFor(ChargeCategory.Lease, TaxKind.Pst, Province.BC, December));
    }

    [Fact]
    public void An_override_for_every_province_changes_the_GST_of_each_province_that_charges_it_and_leaves_the_others_alone()
    {
        var rules = TaxabilityRules.Defaults.WithOverrides([new(ChargeCategory.PaperFee, TaxKind.Gst, null, false, December, "advisor")]);
        var salesTax = new SalesTax(TaxTable.Canada, rules);
        var fee = new TaxableLine(1, ChargeCategory.PaperFee, new Money(200, Currency.Cad));

        // GST 5 % (Excise Tax Act, s. 165) in Alberta the day before; none from the override's date. Ontario's HST is another tax.
        Assert.Equal([("GST", 10L)], salesTax.Compute(TaxCustomer.In(Province.AB), [fee], December.AddDays(-1), Currency.Cad).Taxes.Select(t => (t.Key.Code, t.Amount.Cents)));
        Assert.Empty(salesTax.Compute(TaxCustomer.In(Province.AB), [fee], December, Currency.Cad).Taxes);
        Assert.Equal([("HST-ON", 26L)], salesTax.Compute(TaxCustomer.In(Province.ON), [fee], December, Currency.Cad).Taxes.Select(t => (t.Key.Code, t.Amount.Cents)));
    }
}
