namespace Facturo.Payments;

public enum BankCountry { CA, US }

/// <summary>Why a bank account number was refused, by stable code (the messages live with the host).</summary>
public enum BankAccountProblem
{
    InstitutionNotThreeDigits,
    TransitNotFiveDigits,
    CanadianAccountNotSevenToTwelveDigits,
    RoutingNotNineDigits,
    RoutingCheckDigitWrong,
    UsAccountNotFourToSeventeenDigits,
}

/// <summary>
/// Where a debit is drawn: a Canadian account (institution 3 digits, branch transit 5, account 7 to 12)
/// or a US one (ABA routing number with its check digit, account 4 to 17). Spaces and dashes people type are ignored.
/// </summary>
public sealed record BankAccountNumber(BankCountry Country, string Routing, string Account)
{
    /// <summary>For CPA-005: "0" then institution then transit, 9 digits. For NACHA: the routing number.</summary>
    public string RoutingForFile => Country == BankCountry.CA ? "0" + Routing : Routing;

    public string Institution => Country == BankCountry.CA ? Routing[..3] : "";
    public string Transit => Country == BankCountry.CA ? Routing[3..] : "";

    /// <summary>What a screen or an email may show: the last four digits.</summary>
    public string Masked => $"••••{Account[^Math.Min(4, Account.Length)..]}";

    public static BankAccountProblem? TryCanadian(string? institution, string? transit, string? account, out BankAccountNumber? number)
    {
        number = null;
        var i = Digits(institution);
        var t = Digits(transit);
        var a = Digits(account);
        if (i is not { Length: 3 })
        {
            return BankAccountProblem.InstitutionNotThreeDigits;
        }
        if (t is not { Length: 5 })
        {
            return BankAccountProblem.TransitNotFiveDigits;
        }
        if (a is not { Length: >= 7 and <= 12 })
        {
            return BankAccountProblem.CanadianAccountNotSevenToTwelveDigits;
        }
        number = new BankAccountNumber(BankCountry.CA, i + t, a);
        return null;
    }

    public static BankAccountProblem? TryUnitedStates(string? routing, string? account, out BankAccountNumber? number)
    {
        number = null;
        var r = Digits(routing);
        var a = Digits(account);
        if (r is not { Length: 9 })
        {
            return BankAccountProblem.RoutingNotNineDigits;
        }
        if (!RoutingCheckDigitHolds(r))
        {
            return BankAccountProblem.RoutingCheckDigitWrong;
        }
        if (a is not { Length: >= 4 and <= 17 })
        {
            return BankAccountProblem.UsAccountNotFourToSeventeenDigits;
        }
        number = new BankAccountNumber(BankCountry.US, r, a);
        return null;
    }

    /// <summary>ABA: 3·d1 + 7·d2 + d3 + 3·d4 + 7·d5 + d6 + 3·d7 + 7·d8 + d9 is a multiple of 10.</summary>
    public static bool RoutingCheckDigitHolds(string nineDigits)
    {
        ReadOnlySpan<int> weights = [3, 7, 1, 3, 7, 1, 3, 7, 1];
        var sum = 0;
        for (var k = 0; k < 9; k++)
        {
            sum += (nineDigits[k] - '0') * weights[k];
        }
        return sum % 10 == 0;
    }

    /// <summary>The digits of what was typed, if it holds only digits, spaces and dashes; otherwise null.</summary>
    private static string? Digits(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed) || typed.Any(c => !char.IsAsciiDigit(c) && c is not (' ' or '-')))
        {
            return null;
        }
        return new string(typed.Where(char.IsAsciiDigit).ToArray());
    }
}
