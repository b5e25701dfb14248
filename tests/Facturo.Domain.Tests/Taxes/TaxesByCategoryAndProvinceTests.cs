using System.Globalization;
using Facturo.Accounts;
using Facturo.Billing;

namespace Facturo.Taxes;

/// <summary>
/// Every province and territory × every tax code × a date on each side of each rate change, on one
/// line of 123.45 $ billed to a customer in that province. Expected amounts are worked out by hand
/// from the published rates and rules, rounded half up to the cent:
///   GST 5 %        6.1725 → 6.17        HST 13 %  16.0485 → 16.05     HST 14 %  17.283 → 17.28
///   HST 15 %      18.5175 → 18.52       QST 9.975 % 12.3141375 → 12.31
///   PST 7 %        8.6415 → 8.64        PST 8 %    9.876 → 9.88       PST 6 %    7.407 → 7.41    PST 5 % → 6.17
/// Rates: GST 5 % (Excise Tax Act s. 165(1)); HST (s. 165(2) and Schedule VIII) 13 % ON, 15 % NB and NL
/// from 2016-07-01 (13 % before), 15 % PE from 2016-10-01 (14 % before), 14 % NS from 2025-04-01 (15 %
/// before: Nova Scotia Finance, "Transitional Rules for the April 1, 2025 Nova Scotia HST Rate
/// Decrease"); QST 9.975 % (Act respecting the Québec sales tax, s. 16); BC PST 7 %; Manitoba RST 7 %
/// from 2019-07-01 (8 % before: Bulletin No. 030, 2013 and 2021 editions); Saskatchewan PST 6 % from
/// 2017-03-23 (5 % before: Information Notice IN 2017-01, "PST Rate Transition Rules").
/// Taxability: postal and parcel services (Shipping, LetterMail, DirectMail, Other) and the paper
/// invoice fee bear GST/HST and QST but no PST (Canada Post, "Taxes on Canada Post products": GST only
/// in BC, MB and SK; BC Bulletins PST 301 and 302; Manitoba Bulletin No. 030; Saskatchewan PST-46);
/// a lease of equipment bears the PST too (BC Bulletin PST 315; Manitoba RST Act s. 2(3);
/// Saskatchewan PST-72).
/// </summary>
public class TaxesByCategoryAndProvinceTests
{
    private static readonly Money OneTwentyThreeFortyFive = Money.Cad(123_45);

    private static readonly ChargeCategory[] PostalServices =
        [ChargeCategory.Shipping, ChargeCategory.LetterMail, ChargeCategory.DirectMail, ChargeCategory.Other, ChargeCategory.PaperFee];

    /// <summary>Province, date, then GST, HST, QST, PST in cents on a postal service and on a lease.</summary>
    private static readonly (Province Province, string Date, (long Gst, long Hst, long Qst, long Pst) Postal, (long Gst, long Hst, long Qst, long Pst) Lease)[] PublishedTaxes =
    [
        (Province.AB, "2026-11-15", (617, 0, 0, 0), (617, 0, 0, 0)),
        (Province.BC, "2026-11-15", (617, 0, 0, 0), (617, 0, 0, 864)),
        (Province.MB, "2026-11-15", (617, 0, 0, 0), (617, 0, 0, 864)),
        (Province.NB, "2026-11-15", (0, 1852, 0, 0), (0, 1852, 0, 0)),
        (Province.NL, "2026-11-15", (0, 1852, 0, 0), (0, 1852, 0, 0)),
        (Province.NS, "2026-11-15", (0, 1728, 0, 0), (0, 1728, 0, 0)),
        (Province.NT, "2026-11-15", (617, 0, 0, 0), (617, 0, 0, 0)),
        (Province.NU, "2026-11-15", (617, 0, 0, 0), (617, 0, 0, 0)),
        (Province.ON, "2026-11-15", (0, 1605, 0, 0), (0, 1605, 0, 0)),
        (Province.PE, "2026-11-15", (0, 1852, 0, 0), (0, 1852, 0, 0)),
        (Province.QC, "2026-11-15", (617, 0, 1231, 0), (617, 0, 1231, 0)),
        (Province.SK, "2026-11-15", (617, 0, 0, 0), (617, 0, 0, 741)),
        (Province.YT, "2026-11-15", (617, 0, 0, 0), (617, 0, 0, 0)),
        // Nova Scotia's HST fell from 15 % to 14 % on 2025-04-01.
        (Province.NS, "2025-03-31", (0, 1852, 0, 0), (0, 1852, 0, 0)),
        (Province.NS, "2025-04-01", (0, 1728, 0, 0), (0, 1728, 0, 0)),
        // New Brunswick and Newfoundland and Labrador went from 13 % to 15 % on 2016-07-01.
        (Province.NB, "2016-06-30", (0, 1605, 0, 0), (0, 1605, 0, 0)),
        (Province.NB, "2016-07-01", (0, 1852, 0, 0), (0, 1852, 0, 0)),
        (Province.NL, "2016-06-30", (0, 1605, 0, 0), (0, 1605, 0, 0)),
        (Province.NL, "2016-07-01", (0, 1852, 0, 0), (0, 1852, 0, 0)),
        // Prince Edward Island from 14 % to 15 % on 2016-10-01.
        (Province.PE, "2016-09-30", (0, 1728, 0, 0), (0, 1728, 0, 0)),
        (Province.PE, "2016-10-01", (0, 1852, 0, 0), (0, 1852, 0, 0)),
        // Manitoba's RST from 8 % to 7 % on 2019-07-01: only the lease bears it.
        (Province.MB, "2019-06-30", (617, 0, 0, 0), (617, 0, 0, 988)),
        (Province.MB, "2019-07-01", (617, 0, 0, 0), (617, 0, 0, 864)),
        // Saskatchewan's PST from 5 % to 6 % on 2017-03-23: only the lease bears it.
        (Province.SK, "2017-03-22", (617, 0, 0, 0), (617, 0, 0, 617)),
        (Province.SK, "2017-03-23", (617, 0, 0, 0), (617, 0, 0, 741)),
    ];

    public static TheoryData<Province, string, ChargeCategory, long, long, long, long> EveryProvinceEveryCategory()
    {
        var data = new TheoryData<Province, string, ChargeCategory, long, long, long, long>();
        foreach (var (province, date, postal, lease) in PublishedTaxes)
        {
            foreach (var category in PostalServices)
            {
                data.Add(province, date, category, postal.Gst, postal.Hst, postal.Qst, postal.Pst);
            }
            data.Add(province, date, ChargeCategory.Lease, lease.Gst, lease.Hst, lease.Qst, lease.Pst);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryProvinceEveryCategory))]
    public void A_line_bears_the_taxes_its_category_is_taxable_for_in_the_province_at_the_rate_of_the_tax_point(
        Province province, string date, ChargeCategory category, long gst, long hst, long qst, long pst)
    {
        var taxes = SalesTax.Canada.Compute(TaxCustomer.In(province), [new TaxableLine(1, category, OneTwentyThreeFortyFive)],
            DateOnly.Parse(date, CultureInfo.InvariantCulture), Currency.Cad).Taxes;

        long CentsOf(TaxKind kind) => taxes.Where(t => t.Kind == kind).Sum(t => t.Amount.Cents);
        Assert.Equal((gst, hst, qst, pst), (CentsOf(TaxKind.Gst), CentsOf(TaxKind.Hst), CentsOf(TaxKind.Qst), CentsOf(TaxKind.Pst)));
        Assert.All(taxes, t => Assert.Equal(OneTwentyThreeFortyFive, t.Base));
    }

    [Fact]
    public void The_table_covers_every_province_and_territory_and_every_charge_category()
    {
        Assert.Equal(Enum.GetValues<Province>().ToHashSet(), PublishedTaxes.Select(r => r.Province).ToHashSet());
        Assert.Equal(Enum.GetValues<ChargeCategory>().ToHashSet(), PostalServices.Append(ChargeCategory.Lease).ToHashSet());
    }

    [Fact]
    public void Every_default_rule_names_its_source_and_says_so_when_a_section_was_not_verified()
    {
        Assert.All(PublishedTaxability.Rules, r => Assert.False(string.IsNullOrWhiteSpace(r.Source), $"{r.Category} {r.Kind} {r.Province}"));
        Assert.All(PublishedTaxability.Rules.Where(r => r.Kind == TaxKind.Pst && r.Province == Province.SK),
            r => Assert.Contains("not verified", r.Source, StringComparison.Ordinal));
    }
}
