using Facturo.Accounts;
using Facturo.Billing;

namespace Facturo.Taxes;

/// <summary>
/// Where each line is supplied and what it bears: parcels by destination, customers outside Canada,
/// exemption certificates and invoices mixing provinces. Expected amounts are worked out by hand from
/// the published rates (see TaxesByCategoryAndProvinceTests) and rounded half up to the cent.
/// </summary>
public class SalesTaxByLineTests
{
    private static readonly DateOnly November2026 = new(2026, 11, 15);
    private static readonly Money OneTwentyThreeFortyFive = Money.Cad(123_45);
    private static readonly TaxCustomer InOntario = TaxCustomer.In(Province.ON);
    private static readonly TaxCustomer InTheUnitedStates = new(PlaceOfSupply.Outside("US"), []);

    private static Taxation Tax(TaxCustomer customer, DateOnly taxPoint, params TaxableLine[] lines) =>
        SalesTax.Canada.Compute(customer, lines, taxPoint, Currency.Cad);

    private static TaxableLine Parcel(Money amount, PlaceOfSupply? destination, int lineNumber = 1) =>
        new(lineNumber, ChargeCategory.Shipping, amount, destination);

    private static IEnumerable<(string Code, long Cents)> Amounts(Taxation taxation) =>
        taxation.Taxes.Select(t => (t.Key.Code, t.Amount.Cents));

    // Canada Post, "Taxes on Canada Post products": Priority, Xpresspost and commercial parcels pay
    // HST if mailed to ON, PE, NB, NS or NL, GST if mailed to QC, MB, SK, AB, BC, NU, NT or YT; the
    // Excise Tax Act puts a freight transportation service where its destination is (Schedule IX, Part VI).
    [Theory]
    [InlineData("2025-03-31", 18_52)] // 15 % of 123.45 = 18.5175
    [InlineData("2025-04-01", 17_28)] // 14 % of 123.45 = 17.283
    public void A_parcel_from_Ontario_to_Nova_Scotia_bears_Nova_Scotias_HST_at_the_rate_of_the_tax_point(string date, long hstCents)
    {
        var taxation = Tax(InOntario, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), Parcel(OneTwentyThreeFortyFive, PlaceOfSupply.In(Province.NS)));

        Assert.Equal([("HST-NS", hstCents)], Amounts(taxation));
        Assert.Equal(PlaceOfSupply.In(Province.NS), taxation.Lines.Single().PlaceOfSupply);
    }

    [Fact]
    public void A_parcel_from_Ontario_to_British_Columbia_bears_GST_only_as_PST_does_not_apply_to_freight()
    {
        var taxation = Tax(InOntario, November2026, Parcel(OneTwentyThreeFortyFive, PlaceOfSupply.In(Province.BC)));

        Assert.Equal([("GST", 6_17)], Amounts(taxation));
    }

    // Revenu Québec, "Freight Transportation Services": freight bears QST when both its origin and its
    // destination are in Québec; freight from elsewhere in Canada to Québec is deemed supplied outside
    // Québec (a Québec recipient self-assesses unless it uses it in commercial activities). Canada
    // Post's table likewise charges GST only on parcels mailed to QC.
    [Fact]
    public void A_parcel_from_Ontario_to_Quebec_bears_GST_but_no_QST_as_it_does_not_start_in_Quebec()
    {
        var taxation = Tax(InOntario, November2026, Parcel(OneTwentyThreeFortyFive, PlaceOfSupply.In(Province.QC)));

        Assert.Equal([("GST", 6_17)], Amounts(taxation));
        Assert.Equal([new TaxKey(TaxKind.Gst, null)], taxation.Lines.Single().Taxes);
    }

    [Fact]
    public void A_parcel_within_Quebec_bears_GST_and_QST()
    {
        var taxation = Tax(TaxCustomer.In(Province.QC), November2026, Parcel(OneTwentyThreeFortyFive, PlaceOfSupply.In(Province.QC)));

        Assert.Equal([("GST", 6_17), ("QST-QC", 12_31)], Amounts(taxation));
    }

    [Fact]
    public void A_parcel_from_Quebec_to_Ontario_bears_Ontarios_HST_and_no_QST()
    {
        var taxation = Tax(TaxCustomer.In(Province.QC), November2026, Parcel(OneTwentyThreeFortyFive, PlaceOfSupply.In(Province.ON)));

        Assert.Equal([("HST-ON", 16_05)], Amounts(taxation));
    }

    [Fact]
    public void A_parcel_without_a_destination_is_taxed_at_the_customers_address()
    {
        var taxation = Tax(TaxCustomer.In(Province.NB), November2026, Parcel(OneTwentyThreeFortyFive, null));

        Assert.Equal([("HST-NB", 18_52)], Amounts(taxation));
    }

    // Excise Tax Act, Schedule VI, Part VII, s. 6: freight transportation from a place in Canada to a
    // place outside Canada is zero-rated (CRA interpretation HQR0000492, 1997, on Canada Post parcels).
    [Fact]
    public void A_parcel_from_Ontario_to_the_United_States_is_zero_rated_as_exported_freight()
    {
        var taxation = Tax(InOntario, November2026, Parcel(OneTwentyThreeFortyFive, PlaceOfSupply.Outside("US")));

        var line = taxation.Lines.Single();
        Assert.Empty(taxation.Taxes);
        Assert.Empty(line.Taxes);
        Assert.Equal((PlaceOfSupply.Outside("US"), OutsideCanadaReason.ExportedFreight), (line.PlaceOfSupply, line.OutsideCanada));
        Assert.True(OutsideCanadaRule.For(ChargeCategory.Shipping).ZeroRated);
    }

    /// <summary>
    /// A customer whose address is in the United States, every category: parcels and mail go where the
    /// customer is, so out of Canada (Schedule VI, Part VII, s. 6; delivering mail is a freight
    /// transportation service, s. 1(1)); the paper invoice fee and other services are services to a
    /// non-resident (Schedule VI, Part V, s. 7); leased equipment made available outside Canada is a
    /// supply made outside Canada (Excise Tax Act, s. 142(2)(b)), not a zero-rated one.
    /// </summary>
    [Theory]
    [InlineData(ChargeCategory.Shipping, OutsideCanadaReason.ExportedFreight, true)]
    [InlineData(ChargeCategory.LetterMail, OutsideCanadaReason.ExportedFreight, true)]
    [InlineData(ChargeCategory.DirectMail, OutsideCanadaReason.ExportedFreight, true)]
    [InlineData(ChargeCategory.PaperFee, OutsideCanadaReason.ServiceToNonResident, true)]
    [InlineData(ChargeCategory.Other, OutsideCanadaReason.ServiceToNonResident, true)]
    [InlineData(ChargeCategory.Lease, OutsideCanadaReason.PropertyOutsideCanada, false)]
    public void A_customer_in_the_United_States_pays_no_Canadian_tax_and_each_line_says_why(ChargeCategory category, OutsideCanadaReason reason, bool zeroRated)
    {
        var taxation = Tax(InTheUnitedStates, November2026, new TaxableLine(1, category, OneTwentyThreeFortyFive));

        var line = taxation.Lines.Single();
        Assert.Empty(taxation.Taxes);
        Assert.Equal((PlaceOfSupply.Outside("US"), reason), (line.PlaceOfSupply, line.OutsideCanada));
        Assert.Equal(zeroRated, OutsideCanadaRule.For(category).ZeroRated);
    }

    [Fact]
    public void A_customer_in_the_United_States_sending_a_parcel_to_Toronto_pays_Ontarios_HST()
    {
        var taxation = Tax(InTheUnitedStates, November2026, Parcel(OneTwentyThreeFortyFive, PlaceOfSupply.In(Province.ON)));

        Assert.Equal([("HST-ON", 16_05)], Amounts(taxation));
        Assert.Null(taxation.Lines.Single().OutsideCanada);
    }

    [Fact]
    public void Every_category_has_one_outside_Canada_rule_with_its_source()
    {
        Assert.Equal(Enum.GetValues<ChargeCategory>().Order(), OutsideCanadaRule.Published.Select(r => r.Category).Order());
        Assert.All(OutsideCanadaRule.Published, r => Assert.Contains("Excise Tax Act", r.Source, StringComparison.Ordinal));
    }

    private static TaxExemption Certificate(string number, ExemptionKind kind, TaxKind tax, Province province, DateOnly from, DateOnly? until = null) =>
        new(number, kind, new HashSet<TaxKind> { tax }, new HashSet<Province> { province }, from, until);

    // BC Bulletin PST 315, 'Exemptions for Lessors': goods leased to be re-leased bear no PST when the
    // lessee gives its PST number; the GST is a federal tax the certificate does not touch.
    [Fact]
    public void A_British_Columbia_resale_certificate_relieves_the_PST_on_a_lease_but_not_the_GST()
    {
        var customer = new TaxCustomer(PlaceOfSupply.In(Province.BC), [Certificate("PST-1234-5678", ExemptionKind.PstResale, TaxKind.Pst, Province.BC, new DateOnly(2026, 1, 1))]);

        var taxation = Tax(customer, November2026, new TaxableLine(1, ChargeCategory.Lease, OneTwentyThreeFortyFive));

        Assert.Equal([("GST", 6_17)], Amounts(taxation));
        Assert.Equal(["PST-1234-5678"], taxation.Lines.Single().ExemptionCertificates);
    }

    // Indian Act, s. 87: property of a status Indian or band on a reserve is exempt from taxation; the
    // biller records the certificate only for supplies delivered on a reserve.
    [Fact]
    public void An_Indian_Act_certificate_relieves_the_HST_of_the_lines_it_covers()
    {
        var customer = new TaxCustomer(PlaceOfSupply.In(Province.ON), [Certificate("0123456789", ExemptionKind.IndianAct, TaxKind.Hst, Province.ON, new DateOnly(2020, 1, 1), new DateOnly(2030, 12, 31))]);

        var taxation = Tax(customer, November2026, Parcel(Money.Cad(100_00), null, 1), Parcel(Money.Cad(100_00), PlaceOfSupply.In(Province.NS), 2));

        Assert.Equal([("HST-NS", 14_00)], Amounts(taxation));
        Assert.Equal(["0123456789"], taxation.Lines[0].ExemptionCertificates);
        Assert.Empty(taxation.Lines[1].ExemptionCertificates);
    }

    [Theory]
    [InlineData("2026-11-14", 8_64)] // expired the day before the tax point: PST charged
    [InlineData("2026-11-15", 0)]    // valid until the tax point inclusive: relieved
    public void A_certificate_relieves_only_up_to_its_last_day(string validUntil, long pstCents)
    {
        var customer = new TaxCustomer(PlaceOfSupply.In(Province.BC),
            [Certificate("PST-1234-5678", ExemptionKind.PstExemption, TaxKind.Pst, Province.BC, new DateOnly(2024, 1, 1), DateOnly.Parse(validUntil, System.Globalization.CultureInfo.InvariantCulture))]);

        var taxation = Tax(customer, November2026, new TaxableLine(1, ChargeCategory.Lease, OneTwentyThreeFortyFive));

        Assert.Equal(pstCents, taxation.Taxes.Where(t => t.Kind == TaxKind.Pst).Sum(t => t.Amount.Cents));
        Assert.Equal(6_17, taxation.Taxes.Single(t => t.Kind == TaxKind.Gst).Amount.Cents);
    }

    [Fact]
    public void A_certificate_for_another_province_relieves_nothing()
    {
        var customer = new TaxCustomer(PlaceOfSupply.In(Province.MB), [Certificate("PST-1234-5678", ExemptionKind.PstResale, TaxKind.Pst, Province.BC, new DateOnly(2024, 1, 1))]);

        var taxation = Tax(customer, November2026, new TaxableLine(1, ChargeCategory.Lease, OneTwentyThreeFortyFive));

        Assert.Equal([("GST", 6_17), ("PST-MB", 8_64)], Amounts(taxation));
        Assert.Empty(taxation.Lines.Single().ExemptionCertificates);
    }

    /// <summary>
    /// One Ontario customer, parcels to four provinces, letter mail, a lease and the paper fee: each
    /// tax once per rate and province, on the sum of the lines bearing it.
    ///   GST    on 50.00 (QC) + 20.00 (BC)                 = 70.00 × 5 %  = 3.50
    ///   HST-NS on 100.00                                  × 14 %        = 14.00
    ///   HST-ON on 30.00 + 10.00 + 40.00 + 5.00 = 85.00    × 13 %        = 11.05
    /// </summary>
    [Fact]
    public void A_mixed_invoice_shows_each_tax_per_rate_and_province_on_the_lines_that_bear_it()
    {
        var taxation = Tax(InOntario, November2026,
            Parcel(Money.Cad(100_00), PlaceOfSupply.In(Province.NS), 1),
            Parcel(Money.Cad(50_00), PlaceOfSupply.In(Province.QC), 2),
            Parcel(Money.Cad(20_00), PlaceOfSupply.In(Province.BC), 3),
            Parcel(Money.Cad(30_00), null, 4),
            new TaxableLine(5, ChargeCategory.LetterMail, Money.Cad(10_00)),
            new TaxableLine(6, ChargeCategory.Lease, Money.Cad(40_00)),
            new TaxableLine(7, ChargeCategory.PaperFee, Money.Cad(5_00)));

        Assert.Equal(
            [
                new TaxAmount(TaxKind.Gst, null, 0.05m, Money.Cad(70_00), Money.Cad(3_50)),
                new TaxAmount(TaxKind.Hst, Province.NS, 0.14m, Money.Cad(100_00), Money.Cad(14_00)),
                new TaxAmount(TaxKind.Hst, Province.ON, 0.13m, Money.Cad(85_00), Money.Cad(11_05)),
            ],
            taxation.Taxes);
        Assert.Equal(Money.Cad(28_55), taxation.Total(Currency.Cad));
        Assert.Equal(["CA-NS", "CA-QC", "CA-BC", "CA-ON", "CA-ON", "CA-ON", "CA-ON"], taxation.Lines.Select(l => l.PlaceOfSupply.Code));
    }

    // Canada Post (2006), "Collection of the GST": the tax is calculated on the total taxable purchase
    // and rounded to the nearest cent once. Three lines of 0.10 $ in Ontario: 0.30 × 13 % = 0.039 → 0.04,
    // where rounding each line (0.013 → 0.01) would give 0.03.
    [Fact]
    public void Each_tax_is_rounded_once_on_the_invoice_not_line_by_line()
    {
        var dime = Money.Cad(10);

        var taxation = Tax(InOntario, November2026, Parcel(dime, null, 1), Parcel(dime, null, 2), Parcel(dime, null, 3));

        Assert.Equal([("HST-ON", 4)], Amounts(taxation));
    }
}
