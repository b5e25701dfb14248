using Facturo.Accounts;
using Facturo.Billing;

namespace Facturo.Taxes;

/// <summary>What docs/taxes.md tells the biller to do when a default does not fit its charges.</summary>
public class TaxabilityOverrideTests
{
    private static readonly Money OneTwentyThreeFortyFive = Money.Cad(123_45);

    private static long PstOn(SalesTax salesTax, ChargeCategory category, string date) =>
        salesTax.Compute(TaxCustomer.In(Province.BC), [new TaxableLine(1, category, OneTwentyThreeFortyFive)],
            DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), Currency.Cad).Taxes.Where(t => t.Kind == TaxKind.Pst).Sum(t => t.Amount.Cents);

    [Fact]
    public void A_biller_selling_goods_under_Other_overrides_it_to_bear_PST_from_the_date_it_chooses()
    {
        var overridden = new SalesTax(TaxTable.Canada, TaxabilityRules.Defaults.WithOverrides(
            [new TaxabilityRule(ChargeCategory.Other, TaxKind.Pst, Province.BC, true, new DateOnly(2026, 12, 1), "Biller: Other is packaging supplies (goods)")]));

        // 7 % of 123.45 = 8.6415 → 8.64, from the override's effective date only.
        Assert.Equal((0, 0, 8_64), (PstOn(SalesTax.Canada, ChargeCategory.Other, "2026-12-01"), PstOn(overridden, ChargeCategory.Other, "2026-11-30"), PstOn(overridden, ChargeCategory.Other, "2026-12-01")));
    }

    [Fact]
    public void A_biller_following_Canada_Posts_practice_overrides_QST_off_parcels_within_Quebec()
    {
        var overridden = new SalesTax(TaxTable.Canada, TaxabilityRules.Defaults.WithOverrides(
            [new TaxabilityRule(ChargeCategory.Shipping, TaxKind.Qst, Province.QC, false, TaxTable.CoverageStart, "Biller's tax advisor: GST only on parcels to QC, as Canada Post charges")]));

        var taxes = overridden.Compute(TaxCustomer.In(Province.QC), [new TaxableLine(1, ChargeCategory.Shipping, OneTwentyThreeFortyFive, PlaceOfSupply.In(Province.QC))], new DateOnly(2026, 11, 15), Currency.Cad).Taxes;

        Assert.Equal([(TaxKind.Gst, 6_17L)], taxes.Select(t => (t.Kind, t.Amount.Cents)));
    }
}
