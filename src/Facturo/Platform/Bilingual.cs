using System.Globalization;
using Facturo.Accounts;

namespace Facturo.Platform;

/// <summary>
/// A word or phrase in both languages. As an argument of a <see cref="UserError"/> it writes itself in the language
/// the message is formatted in, so a message can name a tax or a province the way each language does.
/// </summary>
public sealed record Bilingual(string Fr, string En) : IFormattable
{
    public string In(Language language) => language == Language.Fr ? Fr : En;

    public string ToString(string? format, IFormatProvider? formatProvider) =>
        formatProvider is CultureInfo { TwoLetterISOLanguageName: "fr" } ? Fr : En;

    public override string ToString() => En;
}
