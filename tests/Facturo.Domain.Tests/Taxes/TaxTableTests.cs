using Facturo.Accounts;
using Facturo.Taxes;

namespace Facturo.Taxes;

public class TaxTableTests
{
    private static readonly DateOnly November2026 = new(2026, 11, 15);

    /// <summary>A lease of equipment bears every tax of the province (PST too), so it shows the whole rate table.</summary>
    private static IReadOnlyList<TaxAmount> Tax(Province province, DateOnly taxPoint, Money taxable) =>
        SalesTax.Canada.Compute(TaxCustomer.In(province), [new TaxableLine(1, Billing.ChargeCategory.Lease, taxable)], taxPoint, taxable.Currency).Taxes;

    public static TheoryData<Province, string, long, long, long, long> EveryProvinceOnOneHundredDollars => new()
    {
        // province, date, GST, HST, QST, PST (cents on 100.00 $)
        { Province.AB, "2026-11-15", 500, 0, 0, 0 },
        { Province.BC, "2026-11-15", 500, 0, 0, 700 },
        { Province.MB, "2026-11-15", 500, 0, 0, 700 },
        { Province.NB, "2026-11-15", 0, 1500, 0, 0 },
        { Province.NL, "2026-11-15", 0, 1500, 0, 0 },
        { Province.NS, "2026-11-15", 0, 1400, 0, 0 },
        { Province.NT, "2026-11-15", 500, 0, 0, 0 },
        { Province.NU, "2026-11-15", 500, 0, 0, 0 },
        { Province.ON, "2026-11-15", 0, 1300, 0, 0 },
        { Province.PE, "2026-11-15", 0, 1500, 0, 0 },
        { Province.QC, "2026-11-15", 500, 0, 998, 0 },
        { Province.SK, "2026-11-15", 500, 0, 0, 600 },
        { Province.YT, "2026-11-15", 500, 0, 0, 0 },
        // Effective dates: Nova Scotia's HST fell from 15 % to 14 % on 2025-04-01.
        { Province.NS, "2025-03-31", 0, 1500, 0, 0 },
        { Province.NS, "2025-04-01", 0, 1400, 0, 0 },
        // New Brunswick and Newfoundland rose from 13 % to 15 % on 2016-07-01; PEI from 14 % on 2016-10-01.
        { Province.NB, "2016-06-30", 0, 1300, 0, 0 },
        { Province.NB, "2016-07-01", 0, 1500, 0, 0 },
        { Province.NL, "2016-06-30", 0, 1300, 0, 0 },
        { Province.PE, "2016-09-30", 0, 1400, 0, 0 },
        { Province.PE, "2016-10-01", 0, 1500, 0, 0 },
        // Manitoba's RST went from 8 % to 7 % on 2019-07-01; Saskatchewan's PST from 5 % to 6 % on 2017-03-23.
        { Province.MB, "2019-06-30", 500, 0, 0, 800 },
        { Province.MB, "2019-07-01", 500, 0, 0, 700 },
        { Province.SK, "2017-03-22", 500, 0, 0, 500 },
        { Province.SK, "2017-03-23", 500, 0, 0, 600 },
    };

    [Theory]
    [MemberData(nameof(EveryProvinceOnOneHundredDollars))]
    public void Each_province_charges_its_taxes_at_the_rate_in_force_on_the_tax_point(Province province, string date, long gst, long hst, long qst, long pst)
    {
        var taxes = Tax(province, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), Money.Cad(100_00));

        long CentsOf(TaxKind kind) => taxes.Where(t => t.Kind == kind).Sum(t => t.Amount.Cents);
        Assert.Equal((gst, hst, qst, pst), (CentsOf(TaxKind.Gst), CentsOf(TaxKind.Hst), CentsOf(TaxKind.Qst), CentsOf(TaxKind.Pst)));
        Assert.DoesNotContain(taxes, t => t.Amount.IsZero);
    }

    [Fact]
    public void Quebec_example_from_the_issue_gives_GST_5_00_and_QST_9_98_on_100_00()
    {
        var taxes = Tax(Province.QC, November2026, Money.Cad(100_00));

        Assert.Equal([new TaxAmount(TaxKind.Gst, null, 0.05m, Money.Cad(100_00), Money.Cad(500)), new TaxAmount(TaxKind.Qst, Province.QC, 0.09975m, Money.Cad(100_00), Money.Cad(998))], taxes);
    }

    [Theory]
    // Half a cent or more rounds up; less than half is dropped.
    [InlineData(Province.ON, 1_50, 20)]      // 0.195 -> 0.20
    [InlineData(Province.ON, 1_15, 15)]      // 0.1495 -> 0.15
    [InlineData(Province.ON, 35, 5)]         // 0.0455 -> 0.05
    [InlineData(Province.ON, 3, 0)]          // 0.0039 -> 0.00
    [InlineData(Province.AB, 10, 1)]         // 0.005 -> 0.01 (exactly half goes up)
    [InlineData(Province.AB, 9, 0)]          // 0.0045 -> 0.00
    [InlineData(Province.NS, 1_25, 18)]      // 0.175 -> 0.18
    public void Tax_is_rounded_to_the_cent_half_up_as_the_Excise_Tax_Act_says(Province province, long taxableCents, long expectedCents)
    {
        var tax = Tax(province, November2026, Money.Cad(taxableCents)).Single();

        Assert.Equal(expectedCents, tax.Amount.Cents);
    }

    [Theory]
    [InlineData(5, 0)]        // QST 0.0049875 -> 0.00
    [InlineData(6, 1)]        // QST 0.0059850 -> 0.01
    [InlineData(100_05, 998)]  // QST 9.9799875 -> 9.98
    public void QST_rounds_on_its_own_amount_not_on_GST_included(long taxableCents, long expectedQstCents)
    {
        var qst = Tax(Province.QC, November2026, Money.Cad(taxableCents)).Single(t => t.Kind == TaxKind.Qst);

        Assert.Equal(expectedQstCents, qst.Amount.Cents);
    }

    [Fact]
    public void Every_province_has_a_tax_on_every_day_the_table_covers_and_never_GST_beside_HST()
    {
        for (var date = TaxTable.CoverageStart; date <= new DateOnly(2027, 12, 31); date = date.AddDays(7))
        {
            foreach (var province in Enum.GetValues<Province>())
            {
                var kinds = TaxTable.Canada.RatesFor(province, date).Select(r => r.Kind).ToList();
                Assert.NotEmpty(kinds);
                Assert.False(kinds.Contains(TaxKind.Gst) && kinds.Contains(TaxKind.Hst), $"{province} {date}: GST and HST together");
                Assert.Equal(kinds.Count, kinds.Distinct().Count());
            }
        }
    }

    [Fact]
    public void A_date_before_the_table_is_refused_rather_than_guessed()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Tax(Province.ON, new DateOnly(2012, 1, 1), Money.Cad(100)));
    }
}
