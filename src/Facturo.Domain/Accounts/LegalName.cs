using System.Diagnostics.CodeAnalysis;

namespace Facturo.Accounts;

/// <summary>
/// A business's legal name as it goes on invoices: 1 to 200 characters, spaces at either end dropped and runs of spaces
/// (or tabs and line breaks pasted from a spreadsheet) made one space; no other control characters.
/// </summary>
public static class LegalName
{
    public const int MaxLength = 200;

    public static bool TryParse(string? text, [NotNullWhen(true)] out string? name)
    {
        name = null;
        if (text is null)
        {
            return false;
        }
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var joined = string.Join(' ', words);
        if (joined.Length is 0 or > MaxLength || joined.Any(char.IsControl))
        {
            return false;
        }
        name = joined;
        return true;
    }
}
