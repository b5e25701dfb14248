using CsCheck;
using Facturo.Payments;

namespace Facturo.Domain.Tests.Payments;

public class BankAccountNumberTests
{
    [Theory]
    [InlineData("003", "00011", "1234567", null)]
    [InlineData("815", "30800", "123456789012", null)]
    [InlineData("8151", "30800", "1234567", BankAccountProblem.InstitutionNotThreeDigits)]
    [InlineData("815", "3080", "1234567", BankAccountProblem.TransitNotFiveDigits)]
    [InlineData("815", "30800", "123456", BankAccountProblem.CanadianAccountNotSevenToTwelveDigits)]
    [InlineData("815", "30800", "1234567890123", BankAccountProblem.CanadianAccountNotSevenToTwelveDigits)]
    [InlineData("815", "30800", "12345O7", BankAccountProblem.CanadianAccountNotSevenToTwelveDigits)]
    public void Canadian_accounts_have_three_five_and_seven_to_twelve_digits(string institution, string transit, string account, BankAccountProblem? expected)
    {
        Assert.Equal(expected, BankAccountNumber.TryCanadian(institution, transit, account, out _));
    }

    [Fact]
    public void A_canadian_account_becomes_the_cpa_routing_with_a_leading_zero_and_shows_only_its_last_four_digits()
    {
        BankAccountNumber.TryCanadian("815", "30800", "12-3456 789", out var number);

        Assert.Equal(("081530800", "123456789", "••••6789"), (number!.RoutingForFile, number.Account, number.Masked));
    }

    [Theory]
    [InlineData("011000015", "123456789", null)]   // Federal Reserve Bank of Boston
    [InlineData("021000021", "1234", null)]        // JPMorgan Chase, New York
    [InlineData("021000022", "1234", BankAccountProblem.RoutingCheckDigitWrong)]
    [InlineData("02100002", "1234", BankAccountProblem.RoutingNotNineDigits)]
    [InlineData("021000021", "123", BankAccountProblem.UsAccountNotFourToSeventeenDigits)]
    public void Us_routing_numbers_carry_the_aba_check_digit(string routing, string account, BankAccountProblem? expected)
    {
        Assert.Equal(expected, BankAccountNumber.TryUnitedStates(routing, account, out _));
    }

    [Fact]
    public void Changing_any_one_digit_of_a_valid_routing_number_breaks_its_check_digit()
    {
        Gen.Select(Gen.Int[0, 99_999_999], Gen.Int[0, 8], Gen.Int[1, 9]).Sample((eight, position, shift) =>
        {
            var first = eight.ToString("D8", System.Globalization.CultureInfo.InvariantCulture);
            var valid = Enumerable.Range(0, 10).Select(d => first + d).Single(BankAccountNumber.RoutingCheckDigitHolds);
            var changed = valid.ToCharArray();
            changed[position] = (char)('0' + (changed[position] - '0' + shift) % 10);
            return !BankAccountNumber.RoutingCheckDigitHolds(new string(changed));
        });
    }
}
