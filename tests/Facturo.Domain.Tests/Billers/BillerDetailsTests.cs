using CsCheck;
using Facturo.Billers;
using Facturo.Payments;

namespace Facturo.Domain.Tests.Billers;

public class BillerDetailsTests
{
    private static readonly BillerDetails Good = new("Postes Exemple inc.", "Example Post Inc.", "100 rue Principale", null, "Ottawa", "on", "k1a0b1",
        "123456782rt0001", "", "1-800-555-0100", "Billing@Example.ca", "Lundi au vendredi, 8 h à 17 h", "Monday to Friday, 8 a.m. to 5 p.m.", 30, "1, 2", "9");

    [Fact]
    public void Good_details_have_no_problem_and_are_written_the_one_way_they_are_kept()
    {
        Assert.Empty(Good.Check(out var written));
        Assert.Equal(("ON", "K1A 0B1", "123456782 RT0001", null, "billing@example.ca", "1,2", "9"),
            (written.Province, written.PostalCode, written.GstHstNumber, written.QstNumber, written.SupportEmail, written.EligiblePrefixes, written.IneligiblePrefixes));
    }

    public static TheoryData<BillerDetails, BillerProblem> OneThingWrong => new()
    {
        { Good with { LegalNameFr = " " }, BillerProblem.LegalNameFr },
        { Good with { LegalNameEn = new string('x', 201) }, BillerProblem.LegalNameEn },
        { Good with { AddressLine1 = null }, BillerProblem.AddressLine1 },
        { Good with { City = "" }, BillerProblem.City },
        { Good with { Province = "Ontario" }, BillerProblem.Province },
        { Good with { Province = "4" }, BillerProblem.Province },
        { Good with { PostalCode = "K1A 0B" }, BillerProblem.PostalCode },
        { Good with { GstHstNumber = "123456789 RT0001" }, BillerProblem.GstHstNumberCheckDigit },
        { Good with { GstHstNumber = "123456782" }, BillerProblem.GstHstNumberFormat },
        { Good with { QstNumber = "1234567890 TQ01" }, BillerProblem.QstNumberFormat },
        { Good with { SupportPhone = "555-0100" }, BillerProblem.SupportPhone },
        { Good with { SupportEmail = "billing" }, BillerProblem.SupportEmail },
        { Good with { SupportHoursEn = new string('x', 201) }, BillerProblem.SupportHours },
        { Good with { DefaultCreditTermsDays = 121 }, BillerProblem.CreditTerms },
        { Good with { DefaultCreditTermsDays = null }, BillerProblem.CreditTerms },
        { Good with { EligiblePrefixes = "" }, BillerProblem.EBillingPrefixes },
        { Good with { IneligiblePrefixes = "9a" }, BillerProblem.EBillingPrefixes },
    };

    [Theory]
    [MemberData(nameof(OneThingWrong))]
    public void Each_wrong_detail_is_named_and_only_it(BillerDetails details, BillerProblem problem)
    {
        Assert.Equal([problem], details.Check(out _));
    }

    [Fact]
    public void Everything_wrong_is_said_at_once()
    {
        var problems = new BillerDetails(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null).Check(out _);

        Assert.Equal([BillerProblem.LegalNameFr, BillerProblem.LegalNameEn, BillerProblem.AddressLine1, BillerProblem.City, BillerProblem.Province, BillerProblem.PostalCode,
            BillerProblem.GstHstNumberFormat, BillerProblem.SupportPhone, BillerProblem.SupportEmail, BillerProblem.CreditTerms, BillerProblem.EBillingPrefixes], problems);
    }

    private static readonly Cpa005Identity Canadian = new("0123456789", "FACTURO POST", "Postes Facturo / Facturo Post", "310", "815", "30800", "100-200-300");
    private static readonly NachaIdentity American = new("011000015", "FEDERAL RESERVE BANK", "1234567890", "FACTURO POST", "FACTURO POST", "1234567890", "011000015");

    [Fact]
    public void A_bank_identity_is_written_as_the_files_carry_it()
    {
        Assert.Empty(Canadian.Check(out var canadian));
        Assert.Empty(American.Check(out _));
        Assert.Equal(("00310", "100200300"), (canadian.DataCentre, canadian.ReturnAccount));
    }

    public static TheoryData<Cpa005Identity, BankIdentityProblem> CanadianWrong => new()
    {
        { Canadian with { OriginatorId = "01234567890" }, BankIdentityProblem.OriginatorId },
        { Canadian with { OriginatorId = "0123 45678" }, BankIdentityProblem.OriginatorId },
        { Canadian with { ShortName = "POSTES FACTURO INC" }, BankIdentityProblem.ShortName },
        { Canadian with { LongName = "§§§" }, BankIdentityProblem.LongName },
        { Canadian with { DataCentre = "003100" }, BankIdentityProblem.DataCentre },
        { Canadian with { ReturnInstitution = "81" }, BankIdentityProblem.ReturnInstitution },
        { Canadian with { ReturnTransit = "3080" }, BankIdentityProblem.ReturnTransit },
        { Canadian with { ReturnAccount = "123456" }, BankIdentityProblem.ReturnAccount },
    };

    [Theory]
    [MemberData(nameof(CanadianWrong))]
    public void Each_wrong_cpa005_value_is_named(Cpa005Identity identity, BankIdentityProblem problem)
    {
        Assert.Equal([problem], identity.Check(out _));
    }

    public static TheoryData<NachaIdentity, BankIdentityProblem> AmericanWrong => new()
    {
        { American with { ImmediateDestination = "011000016" }, BankIdentityProblem.ImmediateDestination },
        { American with { DestinationName = "" }, BankIdentityProblem.DestinationName },
        { American with { ImmediateOrigin = "12345" }, BankIdentityProblem.ImmediateOrigin },
        { American with { OriginName = new string('A', 24) }, BankIdentityProblem.OriginName },
        { American with { CompanyName = "FACTURO POST SERVICES" }, BankIdentityProblem.CompanyName },
        { American with { CompanyIdentification = "12345678901" }, BankIdentityProblem.CompanyIdentification },
        { American with { OriginatingDfi = "02100002" }, BankIdentityProblem.OriginatingDfi },
    };

    [Theory]
    [MemberData(nameof(AmericanWrong))]
    public void Each_wrong_nacha_value_is_named(NachaIdentity identity, BankIdentityProblem problem)
    {
        Assert.Equal([problem], identity.Check(out _));
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(9999, true)]
    [InlineData(0, false)]
    [InlineData(10000, false)]
    [InlineData(null, false)]
    public void A_cpa005_file_creation_number_runs_from_1_to_9999(int? number, bool valid)
    {
        Assert.Equal(valid, Cpa005Identity.IsFileCreationNumber(number));
    }
}

public class FileCreationNumberTests
{
    [Theory]
    [InlineData(1, 0, 1)]
    [InlineData(6, 5, 6)]
    [InlineData(1, 5, 10_000)]
    [InlineData(42, 5, 42)]
    [InlineData(3, 10_000, 10_002)]
    public void The_next_file_takes_the_first_sequence_after_the_last_whose_creation_number_is_the_one_set(int number, long last, long sequence)
    {
        Assert.Equal(sequence, Cpa005Identity.SequenceFor(number, last));
    }

    [Fact]
    public void The_sequence_for_a_creation_number_is_after_the_last_carries_that_number_and_skips_less_than_a_cycle()
    {
        Gen.Select(Gen.Int[1, 9999], Gen.Long[0, 100_000_000]).Sample((number, last) =>
        {
            var sequence = Cpa005Identity.SequenceFor(number, last);
            return sequence > last && sequence - last <= 9999 && Cpa005Identity.FileCreationNumberOf(sequence) == number;
        }, iter: 20_000);
    }

    [Fact]
    public void After_9999_comes_1()
    {
        Assert.Equal((2, 1), (Cpa005Identity.NextFileCreationNumber(1), Cpa005Identity.NextFileCreationNumber(9999)));
    }
}
