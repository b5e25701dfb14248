namespace Facturo.Accounts;

/// <summary>
/// A North American telephone number as people write it: an optional 1 or +1, a 3-digit area code and a 7-digit
/// number whose first digits are 2 to 9 (the NANP's NXX-NXX-XXXX), separated as they like by spaces, dashes, dots or
/// parentheses, and an optional extension ("ext. 12", "x12", "poste 12"). <c>1-800-267-7651</c>, <c>(613) 555-0100 poste 4</c>.
/// </summary>
public static class PhoneNumber
{
    private static readonly string[] ExtensionMarks = ["extension", "poste", "ext.", "ext", "x", "#"];

    public static bool IsValid(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 40)
        {
            return false;
        }
        var number = text.Trim().ToLowerInvariant();
        foreach (var mark in ExtensionMarks)
        {
            var at = number.IndexOf(mark, StringComparison.Ordinal);
            if (at > 0)
            {
                var extension = number[(at + mark.Length)..].Trim();
                if (extension.Length is 0 or > 6 || !extension.All(char.IsAsciiDigit))
                {
                    return false;
                }
                number = number[..at];
                break;
            }
        }
        if (number.Any(c => !char.IsAsciiDigit(c) && c is not (' ' or '-' or '.' or '(' or ')' or '+')) || number.Count(c => c == '+') > 1
            || number.Contains('+', StringComparison.Ordinal) && !number.TrimStart().StartsWith("+1", StringComparison.Ordinal))
        {
            return false;
        }
        var digits = new string(number.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length == 11 && digits[0] == '1')
        {
            digits = digits[1..];
        }
        return digits.Length == 10 && digits[0] >= '2' && digits[3] >= '2';
    }
}
