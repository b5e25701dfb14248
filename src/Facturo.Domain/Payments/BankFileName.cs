using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Facturo.Payments;

/// <summary>
/// A name as bank files carry it: capitals A–Z, digits, spaces and <c>&amp; - . , ' /</c> only. That is the
/// conservative set every CPA-005 and NACHA bank we know of accepts (some refuse lower case, others any
/// punctuation beyond these). Letters lose their accents (É → E), ligatures and special letters are spelled
/// out (Œ → OE, Æ → AE, ß → SS, Ø → O), typographic quotes and dashes become ' and -, anything else a space;
/// spaces are collapsed and the name starts with a letter or digit.
/// </summary>
public sealed class BankFileName
{
    public const string AllowedPunctuation = " &-.,'/";

    /// <summary>Written for a holder whose name has nothing a bank file can carry (typed before the form checked it): a bank refuses an item with no name.</summary>
    public const string Fallback = "ACCOUNT HOLDER";

    private BankFileName(string text) => Text = text;

    /// <summary>The whole name, not yet cut to a field.</summary>
    public string Text { get; }

    public override string ToString() => Text;

    /// <summary>Whether a typed holder name leaves at least one letter or digit once made bank-safe.</summary>
    public static bool TryFrom(string? holder, [NotNullWhen(true)] out BankFileName? name)
    {
        var text = Clean(holder ?? "");
        name = text.Length > 0 ? new BankFileName(text) : null;
        return name is not null;
    }

    /// <summary>The name for a field of <paramref name="width"/> characters: left-justified, cut, padded with spaces, never blank.</summary>
    public static string From(string? holder, int width) =>
        (TryFrom(holder, out var name) ? name : new BankFileName(Fallback)).Field(width);

    public string Field(int width)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        return (Text.Length > width ? Text[..width] : Text).PadRight(width);
    }

    private static string Clean(string holder)
    {
        var result = new StringBuilder(holder.Length);
        var pendingSpace = false;
        // Plain ASCII, as most names are, has nothing to spell out or decompose but its two straight quotes; skipping that
        // was most of the time writing a file of 100,000 debits.
        var decomposed = Ascii.IsValid(holder) ? holder.Replace('`', '\'').Replace('"', '\'') : SpelledOutAndDecomposed(holder);
        foreach (var c in decomposed.ToUpperInvariant())
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
            {
                continue;
            }
            var allowed = c is (>= 'A' and <= 'Z') or (>= '0' and <= '9') || (c != ' ' && AllowedPunctuation.Contains(c, StringComparison.Ordinal));
            if (!allowed)
            {
                pendingSpace = true;
                continue;
            }
            if (result.Length == 0 && !char.IsAsciiLetterOrDigit(c))
            {
                // A name starting with punctuation reads as a stray mark on the statement.
                continue;
            }
            if (pendingSpace && result.Length > 0)
            {
                result.Append(' ');
            }
            pendingSpace = false;
            result.Append(c);
        }
        return result.ToString();
    }

    private static string SpelledOutAndDecomposed(string holder)
    {
        var spelled = new StringBuilder(holder.Length);
        // Runes, not chars: a lone surrogate becomes U+FFFD (a space below) instead of making normalization throw.
        foreach (var rune in holder.EnumerateRunes())
        {
            if (!rune.IsBmp)
            {
                spelled.Append(rune.ToString());
            }
            else if (SpelledOut((char)rune.Value) is { } spelledOut)
            {
                spelled.Append(spelledOut);
            }
            else
            {
                // Most characters stand for themselves: appended as they are, not as a string each (100,000 names a bank file).
                spelled.Append((char)rune.Value);
            }
        }
        // Compatibility decomposition also turns full-width and ligature letters (Ａ, ﬁ) into plain ones.
        return spelled.ToString().Normalize(NormalizationForm.FormKD);
    }

    /// <summary>What a letter or mark that decomposition leaves alone is written as; null for every other character.</summary>
    private static string? SpelledOut(char c) => c switch
    {
        'Œ' or 'œ' => "OE",
        'Æ' or 'æ' => "AE",
        'ß' or 'ẞ' => "SS",
        'Ø' or 'ø' => "O",
        'Ð' or 'ð' or 'Đ' or 'đ' => "D",
        'Þ' or 'þ' => "TH",
        'Ł' or 'ł' => "L",
        'ı' => "I",
        '\u2018' or '\u2019' or '\u201A' or '\u201B' or '\u2032' or '`' or '´' or '"' or '\u201C' or '\u201D' or '\u201E' or '\u02BC' => "'",
        '«' or '»' or '\u00AD' => "",
        '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2015' or '\u2212' => "-",
        _ => null,
    };
}
