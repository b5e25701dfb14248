using System.Diagnostics.CodeAnalysis;

namespace Facturo.Accounts;

/// <summary>A customer number: 7 to 10 digits. The first digit drives e-billing eligibility.</summary>
public readonly record struct CustomerNumber
{
    public string Value { get; }

    private CustomerNumber(string value) => Value = value;

    public static bool TryParse(string? text, [NotNullWhen(true)] out CustomerNumber? number)
    {
        var trimmed = text?.Trim().Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (trimmed is { Length: >= 7 and <= 10 } && trimmed.All(char.IsAsciiDigit))
        {
            number = new CustomerNumber(trimmed);
            return true;
        }
        number = null;
        return false;
    }

    public static CustomerNumber Parse(string text) =>
        TryParse(text, out var number) ? number.Value : throw new FormatException($"'{text}' is not a customer number (7 to 10 digits).");

    public override string ToString() => Value;
}
