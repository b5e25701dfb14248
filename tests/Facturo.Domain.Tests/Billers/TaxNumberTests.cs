using CsCheck;
using Facturo.Billers;

namespace Facturo.Domain.Tests.Billers;

/// <summary>
/// GST/HST numbers (business number with its modulus 10 check digit, RT, reference) and QST numbers (form only).
/// Published examples: 123 456 782, the worked example of the modulus 10 formula in Revenue Canada's MC42 (1985);
/// 123026635 (valid) and 123456783 (wrong check digit), python-stdnum's tests for <c>stdnum.ca.bn</c> (LGPL-2.1).
/// </summary>
public class TaxNumberTests
{
    [Theory]
    [InlineData("123456782 RT0001", "123456782 RT0001")]
    [InlineData("123026635RT0001", "123026635 RT0001")]
    [InlineData("12302 6635 rt 0001", "123026635 RT0001")]
    [InlineData("123-026-635-RT-0002", "123026635 RT0002")]
    [InlineData(" 000000000 RT0001 ", "000000000 RT0001")]
    public void A_gst_hst_number_is_read_however_it_is_spaced_and_written_the_cra_way(string typed, string written)
    {
        Assert.Null(GstHstNumber.TryParse(typed, out var number));
        Assert.Equal(written, number.ToString());
    }

    [Theory]
    [InlineData("123456783 RT0001", TaxNumberProblem.CheckDigit)]
    [InlineData("123456789 RT0001", TaxNumberProblem.CheckDigit)]
    [InlineData("123456782 RC0001", TaxNumberProblem.Format)]
    [InlineData("123456782 RT001", TaxNumberProblem.Format)]
    [InlineData("123456782 RT0000", TaxNumberProblem.Format)]
    [InlineData("123456782", TaxNumberProblem.Format)]
    [InlineData("12345678 RT0001", TaxNumberProblem.Format)]
    [InlineData("12345678O RT0001", TaxNumberProblem.Format)]
    [InlineData("", TaxNumberProblem.Format)]
    [InlineData(null, TaxNumberProblem.Format)]
    public void A_gst_hst_number_with_a_wrong_form_or_check_digit_is_refused_with_which(string? typed, TaxNumberProblem problem)
    {
        Assert.Equal(problem, GstHstNumber.TryParse(typed, out _));
    }

    private static readonly Gen<string> EightDigits = Gen.Char['0', '9'].Array[8].Select(c => new string(c));
    private static readonly Gen<string> Reference = Gen.Int[1, 9999].Select(r => r.ToString("D4", System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The one digit that completes eight digits into a business number.</summary>
    private static string WithCheckDigit(string eight) =>
        eight + Enumerable.Range(0, 10).Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture)).Single(d => GstHstNumber.CheckDigitHolds(eight + d));

    [Fact]
    public void Every_business_number_with_its_check_digit_is_accepted_however_it_is_typed()
    {
        var typing = Gen.Select(Gen.OneOf(Gen.Const(""), Gen.Const(" "), Gen.Const("-")), Gen.Bool);
        Gen.Select(EightDigits, Reference, typing, typing).Sample((eight, reference, first, second) =>
        {
            var bn = WithCheckDigit(eight);
            var program = second.Item2 ? "rt" : "RT";
            var typed = bn[..3] + first.Item1 + bn[3..] + second.Item1 + program + first.Item1 + reference;
            return GstHstNumber.TryParse(typed, out var number) is null && number.ToString() == $"{bn} RT{reference}";
        }, iter: 20_000);
    }

    [Fact]
    public void Any_one_digit_mistyped_in_the_business_number_is_caught_by_the_check_digit()
    {
        Gen.Select(EightDigits, Gen.Int[0, 8], Gen.Int[1, 9]).Sample((eight, position, shift) =>
        {
            var bn = WithCheckDigit(eight).ToCharArray();
            bn[position] = (char)('0' + (bn[position] - '0' + shift) % 10);
            return GstHstNumber.TryParse(new string(bn) + " RT0001", out _) == TaxNumberProblem.CheckDigit;
        }, iter: 20_000);
    }

    [Fact]
    public void Two_neighbouring_digits_swapped_are_caught_unless_they_are_0_and_9()
    {
        Gen.Select(EightDigits, Gen.Int[0, 7]).Sample((eight, position) =>
        {
            var bn = WithCheckDigit(eight).ToCharArray();
            var (a, b) = (bn[position], bn[position + 1]);
            if (a == b || (a, b) is ('0', '9') or ('9', '0'))
            {
                return true;
            }
            (bn[position], bn[position + 1]) = (b, a);
            return GstHstNumber.TryParse(new string(bn) + " RT0001", out _) == TaxNumberProblem.CheckDigit;
        }, iter: 20_000);
    }

    [Theory]
    [InlineData("1234567890 TQ0001", "1234567890 TQ0001")]
    [InlineData("1227494057TQ0001", "1227494057 TQ0001")]
    [InlineData("1234567890 tq 0002", "1234567890 TQ0002")]
    public void A_qst_number_is_ten_digits_tq_and_a_reference(string typed, string written)
    {
        Assert.Null(QstNumber.TryParse(typed, out var number));
        Assert.Equal(written, number.ToString());
    }

    [Theory]
    [InlineData("123456789 TQ0001")]
    [InlineData("12345678901 TQ0001")]
    [InlineData("1234567890 RT0001")]
    [InlineData("1234567890 TQ0000")]
    [InlineData("1234567890 TQ01")]
    [InlineData("1234567890")]
    [InlineData("")]
    public void A_qst_number_of_another_form_is_refused(string typed)
    {
        Assert.Equal(TaxNumberProblem.Format, QstNumber.TryParse(typed, out _));
    }

    [Fact]
    public void Every_qst_number_of_the_right_form_is_accepted_and_anything_else_in_the_program_place_is_not()
    {
        var digits = Gen.Char['0', '9'].Array[10].Select(c => new string(c));
        Gen.Select(digits, Reference, Gen.Char['A', 'Z'].Array[2].Select(c => new string(c))).Sample((identification, reference, program) =>
            (QstNumber.TryParse($"{identification} {program}{reference}", out var number) is null) == (program == "TQ")
            && (program != "TQ" || number!.Value.ToString() == $"{identification} TQ{reference}"), iter: 20_000);
    }
}
