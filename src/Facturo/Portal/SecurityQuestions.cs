using System.Globalization;
using System.Text;
using Facturo.Accounts;
using Microsoft.AspNetCore.Identity;

namespace Facturo.Portal;

/// <summary>
/// The questions a person picks at registration to recover a forgotten password. Answers are
/// normalised (case, accents, spacing) so "Montréal " and "montreal" match, then hashed like passwords.
/// </summary>
public static class SecurityQuestions
{
    public static readonly IReadOnlyDictionary<string, (string Fr, string En)> All = new Dictionary<string, (string, string)>
    {
        ["first-school"] = ("Quel est le nom de votre première école?", "What was the name of your first school?"),
        ["birth-city"] = ("Dans quelle ville êtes-vous né?", "In what city were you born?"),
        ["first-pet"] = ("Quel était le nom de votre premier animal de compagnie?", "What was the name of your first pet?"),
        ["first-employer"] = ("Quel était le nom de votre premier employeur?", "What was the name of your first employer?"),
        ["childhood-street"] = ("Sur quelle rue avez-vous grandi?", "What street did you grow up on?"),
    };

    public static string Text(string code, Language language) =>
        All.TryGetValue(code, out var text) ? (language == Language.Fr ? text.Fr : text.En) : code;

    public static string Normalise(string answer)
    {
        var decomposed = answer.Trim().ToUpperInvariant().Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        var lastWasSpace = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            var isSpace = char.IsWhiteSpace(c) || c is '-' or '\'' or '’' or '.';
            if (isSpace && lastWasSpace)
            {
                continue;
            }
            builder.Append(isSpace ? ' ' : c);
            lastWasSpace = isSpace;
        }
        return builder.ToString().Trim();
    }

    public static string Hash(PortalUser user, string answer) => Hasher.HashPassword(user, Normalise(answer));

    public static bool Verify(PortalUser user, string hash, string answer) =>
        Hasher.VerifyHashedPassword(user, hash, Normalise(answer)) != PasswordVerificationResult.Failed;

    private static readonly PasswordHasher<PortalUser> Hasher = new();
}
