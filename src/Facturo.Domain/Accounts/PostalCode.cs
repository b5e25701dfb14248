using System.Diagnostics.CodeAnalysis;

namespace Facturo.Accounts;

/// <summary>
/// A Canadian postal code, written as Canada Post asks: capitals, the first three characters separated from the
/// last three by one space (<c>K1A 0B1</c>). Letter, digit, letter, digit, letter, digit; D, F, I, O, Q and U are
/// never used, W and Z never first (Canada Post, Addressing Guidelines, "Postal code"). Typed in any case, with or
/// without the space.
/// </summary>
public readonly record struct PostalCode
{
    private const string Letters = "ABCEGHJKLMNPRSTVWXYZ";

    private PostalCode(string value) => Value = value;

    public string Value { get; }

    public override string ToString() => Value;

    public static bool TryParse(string? text, [NotNullWhen(true)] out PostalCode? code)
    {
        code = null;
        var compact = text?.Trim().ToUpperInvariant();
        if (compact is { Length: 7 } && compact[3] == ' ')
        {
            compact = compact.Remove(3, 1);
        }
        if (compact is not { Length: 6 }
            || !Letters.Contains(compact[0], StringComparison.Ordinal) || compact[0] is 'W' or 'Z'
            || !char.IsAsciiDigit(compact[1]) || !Letters.Contains(compact[2], StringComparison.Ordinal)
            || !char.IsAsciiDigit(compact[3]) || !Letters.Contains(compact[4], StringComparison.Ordinal) || !char.IsAsciiDigit(compact[5]))
        {
            return false;
        }
        code = new PostalCode($"{compact[..3]} {compact[3..]}");
        return true;
    }
}
