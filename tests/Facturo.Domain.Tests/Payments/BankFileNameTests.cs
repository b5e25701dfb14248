using CsCheck;
using Facturo.Payments;

namespace Facturo.Domain.Tests.Payments;

public class BankFileNameTests
{
    private const string Allowed = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 &-.,'/";

    [Theory]
    [InlineData("Œuvres Zoë & Fils — Montréal", "OEUVRES ZOE & FILS - MONTREAL")]
    [InlineData("Boulangerie Saint-Éloi ltée", "BOULANGERIE SAINT-ELOI LTEE")]
    [InlineData("Æsir Straße GmbH", "AESIR STRASSE GMBH")]
    [InlineData("Søren Ødegård", "SOREN ODEGARD")]
    [InlineData("L’Atelier “Chez Zoé”", "L'ATELIER 'CHEZ ZOE'")]
    [InlineData("Ｙａｍａｔｏ Ｋ．Ｋ．", "YAMATO K.K.")]
    [InlineData("  Smith   (Jr.)\tInc. ", "SMITH JR. INC.")]
    [InlineData("— « Dubé » —", "DUBE -")]
    [InlineData("株式会社ヤマト Canada", "CANADA")]
    [InlineData("Acme @ 100%", "ACME 100")]
    [InlineData("\"O`Neil\" Bros., plain ascii", "O'NEIL' BROS., PLAIN ASCII")]
    public void A_holder_name_is_spelled_in_capitals_with_the_characters_every_bank_accepts(string holder, string expected)
    {
        Assert.True(BankFileName.TryFrom(holder, out var name));
        Assert.Equal(expected, name.Text);
    }

    [Theory]
    [InlineData("株式会社ヤマト")]
    [InlineData("   ")]
    [InlineData("— & —")]
    [InlineData("")]
    [InlineData(null)]
    public void A_holder_name_with_no_latin_letter_or_digit_left_is_not_usable_in_a_bank_file(string? holder)
    {
        Assert.False(BankFileName.TryFrom(holder, out var name));
        Assert.Null(name);
    }

    [Fact]
    public void A_name_is_left_justified_and_cut_to_its_field()
    {
        Assert.Equal("OEUVRES ZOE & FILS - M", BankFileName.From("Œuvres Zoë & Fils — Montréal", 22));
        Assert.Equal("OEUVRES ZOE", BankFileName.From("Œuvres Zoë & Fils", 11));
        Assert.Equal("PENNY".PadRight(30), BankFileName.From("Penny", 30));
    }

    [Fact]
    public void A_name_with_nothing_writable_is_written_as_account_holder_rather_than_blanks()
    {
        Assert.Equal("ACCOUNT HOLDER".PadRight(30), BankFileName.From("株式会社ヤマト", 30));
        Assert.Equal("ACCOUNT", BankFileName.From("株式会社ヤマト", 8).TrimEnd());
    }

    [Fact]
    public void Any_text_becomes_allowed_characters_that_fit_the_field_and_never_start_blank()
    {
        Gen.Select(Gen.String, Gen.Int[1, 40]).Sample((holder, width) =>
        {
            var field = BankFileName.From(holder, width);
            var usable = BankFileName.TryFrom(holder, out var name);

            return field.Length == width
                && field.All(c => Allowed.Contains(c, StringComparison.Ordinal))
                && field[0] != ' '
                && (!usable || name!.Text.Any(char.IsAsciiLetterOrDigit))
                && (!usable || name!.Text.All(c => Allowed.Contains(c, StringComparison.Ordinal)) && !name.Text.Contains("  ", StringComparison.Ordinal) && name.Text == name.Text.Trim());
        });
    }

    [Fact]
    public void Names_from_any_alphabet_with_a_latin_letter_in_them_stay_usable()
    {
        var unicode = Gen.Char.Array[0, 20].Select(chars => new string(chars));
        Gen.Select(unicode, Gen.Char['A', 'Z'], unicode).Sample((before, letter, after) =>
        {
            Assert.True(BankFileName.TryFrom(before + letter + after, out var name));
            Assert.Contains(letter.ToString(), name.Text, StringComparison.Ordinal);
        });
    }
}
