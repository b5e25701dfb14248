using Facturo.Taxes;

namespace Facturo.Accounts;

public class PostalAddressTests
{
    /// <summary>
    /// The example codes Google's address metadata gives for each country ("zipex" of CA and US in
    /// google/libaddressinput, cpp/src/region_data_constants.cc, Apache License 2.0): an independent
    /// source of codes the post accepts.
    /// </summary>
    public static TheoryData<string, string> PublishedExamples => new()
    {
        { "CA", "H3Z 2Y7" }, { "CA", "V8X 3X4" }, { "CA", "T0L 1K0" }, { "CA", "T0H 1A0" }, { "CA", "K1A 0B1" },
        { "US", "95014" }, { "US", "22162-1010" },
    };

    [Theory]
    [MemberData(nameof(PublishedExamples))]
    public void Every_postal_code_the_published_address_metadata_gives_as_an_example_is_accepted_as_written(string country, string code)
    {
        Assert.True(PostalCodes.TryNormalize(country, code, out var normalized));
        Assert.Equal(code, normalized);
    }

    [Theory]
    [InlineData("CA", "k1a0b1", "K1A 0B1")]
    [InlineData("CA", " h2x-1y4 ", "H2X 1Y4")]
    [InlineData("US", "123456789", "12345-6789")]
    [InlineData("US", "12345 6789", "12345-6789")]
    [InlineData("FR", "75008", "75008")]
    [InlineData("GB", "sw1a 1aa", "SW1A 1AA")]
    public void A_postal_code_is_written_the_way_its_country_writes_it(string country, string typed, string written)
    {
        Assert.True(PostalCodes.TryNormalize(country, typed, out var normalized));
        Assert.Equal(written, normalized);
    }

    [Theory]
    // Canada Post never uses D, F, I, O, Q or U, nor W or Z as the first letter; the pattern is letter digit letter digit letter digit.
    [InlineData("CA", "D1A 0B1")]
    [InlineData("CA", "W1A 0B1")]
    [InlineData("CA", "Z1A 0B1")]
    [InlineData("CA", "K1O 0B1")]
    [InlineData("CA", "K1A 0B")]
    [InlineData("CA", "12345")]
    [InlineData("CA", "")]
    [InlineData("US", "1234")]
    [InlineData("US", "12345-678")]
    [InlineData("US", "K1A 0B1")]
    [InlineData("US", "")]
    [InlineData("FR", "75008 PARIS CEDEX 1234")]
    [InlineData("FR", "75008;")]
    public void A_postal_code_its_country_does_not_use_is_refused(string country, string typed)
    {
        Assert.False(PostalCodes.TryNormalize(country, typed, out _));
    }

    [Fact]
    public void A_Canadian_address_names_its_province_and_is_supplied_there()
    {
        var address = Check("100 rue Principale", null, "Montréal", "ca", "qc", "h2x 1y4");

        Assert.Equal(("CA", "QC", "H2X 1Y4", Province.QC), (address.Country, address.Region, address.PostalCode, address.Province));
        Assert.Equal(PlaceOfSupply.In(Province.QC), address.PlaceOfSupply);
        Assert.Equal(["100 rue Principale", "Montréal QC H2X 1Y4"], address.Lines);
    }

    [Fact]
    public void A_United_States_address_names_its_state_has_no_province_and_is_supplied_outside_Canada()
    {
        var address = Check(" 200 Delaware Avenue ", "Suite 4", "Buffalo", "US", "ny", "14202");

        Assert.Equal(("US", "NY", "14202", (Province?)null), (address.Country, address.Region, address.PostalCode, address.Province));
        Assert.Equal(PlaceOfSupply.Outside("US"), address.PlaceOfSupply);
        // The address metadata's US format "%C, %S %Z", then the country on the last line, as mail from Canada needs.
        Assert.Equal(["200 Delaware Avenue", "Suite 4", "Buffalo, NY 14202", "UNITED STATES"], address.Lines);
    }

    [Fact]
    public void An_address_in_another_country_may_have_no_region_nor_postal_code()
    {
        var address = Check("1 Grafton Street", " ", "Dublin", "IE", "", "");

        Assert.Equal(("IE", "", "", (Province?)null, (string?)null), (address.Country, address.Region, address.PostalCode, address.Province, address.Line2));
        Assert.Equal(["1 Grafton Street", "Dublin", "IRELAND"], address.Lines);
    }

    [Theory]
    [InlineData("1 Main Street", "", "CA", "ON", "K1A 0B1", "address.incomplete")]
    [InlineData("", "Ottawa", "CA", "ON", "K1A 0B1", "address.incomplete")]
    [InlineData("1 Main Street", "Ottawa", "", "ON", "K1A 0B1", "address.country")]
    [InlineData("1 Main Street", "Ottawa", "XQ", "ON", "K1A 0B1", "address.country")]
    [InlineData("1 Main Street", "Ottawa", "CAN", "ON", "K1A 0B1", "address.country")]
    // No account in Canada without a province, none outside Canada with a Canadian province.
    [InlineData("1 Main Street", "Ottawa", "CA", "", "K1A 0B1", "address.region")]
    [InlineData("1 Main Street", "Ottawa", "CA", "NY", "K1A 0B1", "address.region")]
    [InlineData("1 Main Street", "Ottawa", "US", "ON", "14202", "address.region")]
    [InlineData("1 Main Street", "Ottawa", "US", "", "14202", "address.region")]
    [InlineData("1 Main Street", "Ottawa", "FR", "ON", "75008", "address.region")]
    [InlineData("1 Main Street", "Ottawa", "CA", "ON", "14202", "address.postal-code")]
    [InlineData("1 Main Street", "Ottawa", "US", "NY", "K1A 0B1", "address.postal-code")]
    public void An_address_missing_a_part_or_whose_country_region_and_postal_code_do_not_go_together_is_refused_with_what_is_wrong(
        string street, string city, string country, string region, string postalCode, string problem)
    {
        Assert.False(PostalAddress.TryCreate(street, null, city, country, region, postalCode, out _, out var refused));
        Assert.Equal(problem, refused);
    }

    private static PostalAddress Check(string line1, string? line2, string city, string country, string region, string postalCode)
    {
        Assert.True(PostalAddress.TryCreate(line1, line2, city, country, region, postalCode, out var address, out var problem), problem);
        return address;
    }
}
