using CsCheck;
using Facturo.Accounts;

namespace Facturo.Domain.Tests.Billers;

/// <summary>Postal codes (Canada Post's Addressing Guidelines), North American phone numbers and email addresses as people type them.</summary>
public class ContactDetailTests
{
    [Theory]
    [InlineData("K1A 0B1", "K1A 0B1")]
    [InlineData("k1a0b1", "K1A 0B1")]
    [InlineData(" h2x 1y4 ", "H2X 1Y4")]
    [InlineData("V6B 1A1", "V6B 1A1")]
    [InlineData("X0A 0H0", "X0A 0H0")]
    public void A_postal_code_is_read_in_any_case_with_or_without_its_space_and_written_as_canada_post_asks(string typed, string written)
    {
        Assert.True(PostalCode.TryParse(typed, out var code));
        Assert.Equal(written, code.ToString());
    }

    [Theory]
    [InlineData("K1A-0B1")]
    [InlineData("K1A  0B1")]
    [InlineData("D1A 0B1")]
    [InlineData("W1A 0B1")]
    [InlineData("Z1A 0B1")]
    [InlineData("K1O 0B1")]
    [InlineData("K1A 0U1")]
    [InlineData("11A 0B1")]
    [InlineData("K1A 0B")]
    [InlineData("90210")]
    [InlineData("")]
    [InlineData(null)]
    public void A_postal_code_that_canada_post_never_issues_is_refused(string? typed)
    {
        Assert.False(PostalCode.TryParse(typed, out _));
    }

    private const string Used = "ABCEGHJKLMNPRSTVWXYZ";

    [Fact]
    public void Every_code_of_letters_canada_post_uses_is_accepted_and_one_unused_letter_anywhere_is_refused()
    {
        var letter = Gen.Char[Used];
        var first = Gen.Char[Used.Replace("W", "", StringComparison.Ordinal).Replace("Z", "", StringComparison.Ordinal)];
        var digit = Gen.Char['0', '9'];
        Gen.Select(first, digit, letter, digit, letter, digit).Sample((a, b, c, d, e, f) =>
            PostalCode.TryParse($"{a}{b}{c}{d}{e}{f}", out var code) && code.Value.Value == $"{a}{b}{c} {d}{e}{f}", iter: 20_000);
        Gen.Select(Gen.Char["DFIOQU"], Gen.OneOf(Gen.Const(0), Gen.Const(2), Gen.Const(4))).Sample((unused, position) =>
        {
            var code = "K1A0B1".ToCharArray();
            code[position] = unused;
            return !PostalCode.TryParse(new string(code), out _);
        }, iter: 1_000);
    }

    [Theory]
    [InlineData("1-800-267-7651")]
    [InlineData("613-555-0100")]
    [InlineData("(613) 555-0100")]
    [InlineData("+1 613 555 0100")]
    [InlineData("613.555.0100")]
    [InlineData("514 555-0199 poste 12")]
    [InlineData("416-555-0100 ext. 4")]
    [InlineData("416-555-0100 x4")]
    public void A_north_american_phone_number_is_accepted_as_people_write_it(string typed)
    {
        Assert.True(PhoneNumber.IsValid(typed));
    }

    [Theory]
    [InlineData("555-0100")]
    [InlineData("613-055-0100")]
    [InlineData("113-555-0100")]
    [InlineData("2-613-555-0100")]
    [InlineData("+44 20 7946 0958")]
    [InlineData("613-555-010O")]
    [InlineData("613-555-0100 ext")]
    [InlineData("call us")]
    [InlineData("")]
    public void A_number_that_is_not_a_north_american_phone_number_is_refused(string typed)
    {
        Assert.False(PhoneNumber.IsValid(typed));
    }

    [Fact]
    public void Every_nanp_number_is_accepted_with_any_of_the_usual_separators()
    {
        var separator = Gen.OneOf(Gen.Const(""), Gen.Const(" "), Gen.Const("-"), Gen.Const("."));
        Gen.Select(Gen.Int[200, 999], Gen.Int[200, 999], Gen.Int[0, 9999], separator, Gen.Bool).Sample((area, exchange, line, between, withOne) =>
            PhoneNumber.IsValid($"{(withOne ? "1" + between : "")}{area}{between}{exchange}{between}{line:D4}"), iter: 10_000);
    }

    [Theory]
    [InlineData("facturation@biller.example", true)]
    [InlineData(" Billing@Biller.Example ", true)]
    [InlineData("Billing <billing@biller.example>", false)]
    [InlineData("billing@localhost", false)]
    [InlineData("billing.biller.example", false)]
    [InlineData("", false)]
    public void A_support_email_is_a_bare_address_on_a_domain(string typed, bool valid)
    {
        Assert.Equal(valid, EmailAddress.IsValid(typed));
    }
}
