using Facturo.Accounts;

namespace Facturo.Taxes;

public class ExemptionCertificateEntryTests
{
    private static readonly DateOnly January2026 = new(2026, 1, 1);

    private static ExemptionCertificateEntry PstResale(string number = "PST-1234-5678", TaxKind[]? taxes = null, Province[]? provinces = null,
        DateOnly? from = null, DateOnly? until = null) =>
        new(ExemptionKind.PstResale, number, (taxes ?? [TaxKind.Pst]).ToHashSet(), (provinces ?? [Province.BC]).ToHashSet(), from ?? January2026, until, null);

    [Fact]
    public void A_BC_PST_resale_number_valid_from_a_date_with_no_end_is_accepted()
    {
        Assert.Null(PstResale().Problem(TaxTable.Canada));
    }

    [Fact]
    public void A_government_body_relieved_of_GST_and_QST_in_Quebec_is_accepted()
    {
        var entry = new ExemptionCertificateEntry(ExemptionKind.GovernmentBody, "RTA-2026-QC", new HashSet<TaxKind> { TaxKind.Gst, TaxKind.Qst }, new HashSet<Province> { Province.QC },
            January2026, new DateOnly(2026, 12, 31), null);

        Assert.Null(entry.Problem(TaxTable.Canada));
    }

    public static TheoryData<ExemptionCertificateEntry, string, string[]> Refused => new()
    {
        { PstResale(number: " "), "exemption.number", [] },
        { PstResale(number: new string('7', 41)), "exemption.number", [] },
        { PstResale(number: "PST 1234"), "exemption.number", [] },
        { PstResale(taxes: []), "exemption.no-tax", [] },
        { PstResale(provinces: []), "exemption.no-province", [] },
        // A resale or exemption number is the province's own: it relieves its PST and nothing else.
        { PstResale(taxes: [TaxKind.Pst, TaxKind.Gst]), "exemption.kind-taxes", ["GST"] },
        // PST is BC's, Manitoba's and Saskatchewan's; QST Quebec's; the HST replaces the GST where it applies.
        { PstResale(provinces: [Province.BC, Province.ON]), "exemption.tax-not-in-province", ["PST", "ON"] },
        { new(ExemptionKind.GovernmentBody, "G-1", new HashSet<TaxKind> { TaxKind.Qst }, new HashSet<Province> { Province.ON }, January2026, null, null), "exemption.tax-not-in-province", ["QST", "ON"] },
        { new(ExemptionKind.GovernmentBody, "G-2", new HashSet<TaxKind> { TaxKind.Gst }, new HashSet<Province> { Province.NS }, January2026, null, null), "exemption.tax-not-in-province", ["GST", "NS"] },
        { PstResale(from: January2026, until: January2026.AddDays(-1)), "exemption.dates", [] },
        // Indian Act, s. 87: the relief is for property delivered on a reserve, so the reserve is named.
        { new(ExemptionKind.IndianAct, "1234567890", new HashSet<TaxKind> { TaxKind.Gst }, new HashSet<Province> { Province.MB }, January2026, null, " "), "exemption.reserve", [] },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void A_certificate_that_cannot_relieve_what_it_says_is_refused_with_the_reason(ExemptionCertificateEntry entry, string code, string[] arguments)
    {
        var problem = entry.Problem(TaxTable.Canada);

        Assert.NotNull(problem);
        Assert.Equal(code, problem.Code);
        Assert.Equal(arguments, problem.Arguments);
    }

    [Fact]
    public void An_Indian_Act_certificate_naming_its_reserve_relieves_the_GST_and_the_provincial_tax()
    {
        var entry = new ExemptionCertificateEntry(ExemptionKind.IndianAct, "1234567890", new HashSet<TaxKind> { TaxKind.Gst, TaxKind.Pst }, new HashSet<Province> { Province.MB },
            January2026, new DateOnly(2030, 6, 30), "Peguis First Nation");

        Assert.Null(entry.Problem(TaxTable.Canada));
        Assert.Equal(new TaxExemption("1234567890", ExemptionKind.IndianAct, entry.Taxes, entry.Provinces, January2026, new DateOnly(2030, 6, 30)), entry.ToExemption());
    }
}
