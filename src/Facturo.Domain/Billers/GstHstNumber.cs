using System.Diagnostics.CodeAnalysis;

namespace Facturo.Billers;

public enum TaxNumberProblem { Format, CheckDigit }

/// <summary>
/// A GST/HST registration number as the CRA assigns it: the 9-digit business number (BN), the program identifier
/// RT and a 4-digit reference, written <c>123456782 RT0001</c>. Spaces and dashes people type are ignored.
/// </summary>
/// <remarks>
/// The BN's ninth digit is a check digit: the "standard modulus 10 check digit formula" (Luhn) that Revenue Canada
/// published for the nine-digit Social Insurance Number (publication MC42, 1985) and that the business number, its
/// successor scheme, uses too (python-stdnum, <c>stdnum/ca/bn.py</c>). No CRA document found states the BN's rule itself.
/// </remarks>
public readonly record struct GstHstNumber
{
    private GstHstNumber(string businessNumber, string reference) => (BusinessNumber, Reference) = (businessNumber, reference);

    public string BusinessNumber { get; }
    public string Reference { get; }

    public override string ToString() => $"{BusinessNumber} RT{Reference}";

    public static TaxNumberProblem? TryParse(string? text, [NotNullWhen(false)] out GstHstNumber? number)
    {
        number = null;
        var compact = TaxNumbers.Compact(text);
        if (compact is not { Length: 15 } || !TaxNumbers.AllDigits(compact[..9]) || compact[9..11] != "RT" || !TaxNumbers.AllDigits(compact[11..]) || compact[11..] == "0000")
        {
            return TaxNumberProblem.Format;
        }
        if (!CheckDigitHolds(compact[..9]))
        {
            return TaxNumberProblem.CheckDigit;
        }
        number = new GstHstNumber(compact[..9], compact[11..]);
        return null;
    }

    /// <summary>Luhn: from the right, every second digit doubled (its digits added), the total a multiple of ten.</summary>
    public static bool CheckDigitHolds(string digits)
    {
        var sum = 0;
        for (var k = 0; k < digits.Length; k++)
        {
            var digit = digits[^(k + 1)] - '0';
            sum += k % 2 == 0 ? digit : digit * 2 - (digit >= 5 ? 9 : 0);
        }
        return sum % 10 == 0;
    }
}

/// <summary>
/// A Québec sales tax (QST) registration number as Revenu Québec assigns it: 10 digits, TQ and a 4-digit reference,
/// written <c>1234567890 TQ0001</c>. Only the form is checked: Revenu Québec publishes no check-digit rule.
/// </summary>
public readonly record struct QstNumber
{
    private QstNumber(string identification, string reference) => (Identification, Reference) = (identification, reference);

    public string Identification { get; }
    public string Reference { get; }

    public override string ToString() => $"{Identification} TQ{Reference}";

    public static TaxNumberProblem? TryParse(string? text, [NotNullWhen(false)] out QstNumber? number)
    {
        number = null;
        var compact = TaxNumbers.Compact(text);
        if (compact is not { Length: 16 } || !TaxNumbers.AllDigits(compact[..10]) || compact[10..12] != "TQ" || !TaxNumbers.AllDigits(compact[12..]) || compact[12..] == "0000")
        {
            return TaxNumberProblem.Format;
        }
        number = new QstNumber(compact[..10], compact[12..]);
        return null;
    }
}

internal static class TaxNumbers
{
    /// <summary>Capitals, without the spaces and dashes people put between the parts; null when nothing was typed.</summary>
    public static string? Compact(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : new string(text.Where(c => c is not (' ' or '-')).ToArray()).ToUpperInvariant();

    public static bool AllDigits(string text) => text.All(char.IsAsciiDigit);
}
