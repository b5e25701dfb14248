using Facturo.Payments;

namespace Facturo.Domain.Tests.Payments;

/// <summary>What the CPA-005 and NACHA writers put in the fields banks check: names, identifications, the last line ending.</summary>
public class BankFileWriterTests
{
    private static readonly Cpa005Originator CanadianOriginator = new("0123456789", "Facturo Post", "Postes Facturo / Facturo Post", "00310", "CAD", "815", "30800", "100200300");
    private static readonly NachaOriginator UsOriginator = new("021000021", "JPMorgan Chase", "011000015", "Facturo Post", "Facturo Post", "1234567890", "INVOICES", "011000015");
    private static readonly DateOnly Today = new(2026, 11, 23);

    // Field positions (0-based) from Standard 005 (segment after the 24-character record prefix) and the NACHA entry detail record.
    private static string PayorName(string cpa005) => cpa005.Split("\r\n")[1].Substring(24 + 80, 30);
    private static string CrossReference(string cpa005) => cpa005.Split("\r\n")[1].Substring(24 + 150, 19);
    private static string ReceivingCompany(string nacha) => nacha.Split("\r\n")[2].Substring(54, 22);
    private static string Identification(string nacha) => nacha.Split("\r\n")[2].Substring(39, 15);

    private static string Cpa005File(string payorName, string crossReference = "P000000001") =>
        Cpa005.Write(CanadianOriginator, 1, Today, [new Cpa005Debit(718, 1_000, Today, "815", "30800", "1234567", payorName, crossReference)]);

    private static string NachaFile(string receivingCompany, string identification = "P000000001") =>
        Nacha.Write(UsOriginator, new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(-5)), 'A', "B0000001", Today.AddDays(1), 1,
            [new NachaDebit("021000021", "123456789", 1_000, identification, receivingCompany)]);

    [Fact]
    public void A_holder_name_without_latin_letters_is_never_written_as_blanks()
    {
        Assert.Equal("ACCOUNT HOLDER".PadRight(30), PayorName(Cpa005File("株式会社ヤマト")));
        Assert.Equal("ACCOUNT HOLDER".PadRight(22), ReceivingCompany(NachaFile("株式会社ヤマト")));
    }

    [Fact]
    public void Accented_and_typographic_names_are_written_in_capitals_from_the_first_character()
    {
        Assert.Equal("OEUVRES ZOE & FILS - MONTREAL ", PayorName(Cpa005File("Œuvres Zoë & Fils — Montréal")));
        Assert.Equal("OEUVRES ZOE & FILS - M", ReceivingCompany(NachaFile("Œuvres Zoë & Fils — Montréal")));
    }

    [Fact]
    public void The_biller_s_names_from_the_settings_are_written_in_capitals_too()
    {
        var header = NachaFile("Client").Split("\r\n");

        Assert.Equal("FACTURO POST   ", Cpa005File("Client").Split("\r\n")[1].Substring(24 + 65, 15));
        Assert.Equal("POSTES FACTURO / FACTURO POST ", Cpa005File("Client").Split("\r\n")[1].Substring(24 + 110, 30));
        Assert.Equal(("JPMORGAN CHASE".PadRight(23), "FACTURO POST".PadRight(23)), (header[0].Substring(40, 23), header[0].Substring(63, 23)));
        Assert.Equal("FACTURO POST".PadRight(16), header[1].Substring(4, 16));
    }

    [Theory]
    [InlineData("P000010000")]
    [InlineData("P001000000")]
    [InlineData("P1234567890")]
    public void Payment_references_past_ten_thousand_a_million_and_a_billion_are_written_whole(string reference)
    {
        Assert.Equal(reference.PadRight(19), CrossReference(Cpa005File("Client", reference)));
        Assert.Equal(reference.PadRight(15), Identification(NachaFile("Client", reference)));
    }

    [Fact]
    public void An_identification_longer_than_its_field_is_refused_instead_of_cut()
    {
        Assert.Throws<ArgumentException>(() => NachaFile("Client", "F000003001/12347"));
        Assert.Throws<ArgumentException>(() => Cpa005File("Client", "F000003001/123456789"));
    }

    [Fact]
    public void Both_files_end_with_cr_lf_after_their_last_record()
    {
        var cpa005 = Cpa005File("Client");
        var nacha = NachaFile("Client");

        Assert.EndsWith("\r\n", cpa005, StringComparison.Ordinal);
        Assert.EndsWith(new string('9', Nacha.RecordLength) + "\r\n", nacha, StringComparison.Ordinal);
        Assert.DoesNotContain("\r\n\r\n", cpa005 + nacha, StringComparison.Ordinal);
        Assert.True(Cpa005Reader.Read(cpa005).Succeeded);
        Assert.True(NachaReader.Read(nacha).Succeeded);
    }
}
