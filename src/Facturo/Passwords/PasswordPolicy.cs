using System.IO.Compression;
using Facturo.Data;
using Facturo.Platform;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Passwords;

/// <summary>
/// The one password rule for portal users and staff alike (ASVS 5.0 V6.2): at least 12 characters, none of the
/// 100,000 most common passwords, none of the words of this place (the product's and the biller's names), none of the person's last five. No composition rules: length and rarity are what
/// make a password hard to guess, and rules only push people to "Password1!".
/// </summary>
public sealed class PasswordPolicy(FacturoDbContext db, TimeProvider time)
{
    public const int MinimumLength = 12;
    /// <summary>The current password and the ones it replaced, up to this many, cannot be chosen again.</summary>
    public const int RememberedPasswords = 5;

    private static readonly Lazy<HashSet<string>> CommonPasswords = new(LoadCommonPasswords);

    /// <summary>What is wrong with the password whoever chooses it; null when nothing is.</summary>
    public static UserError? Refusal(string password)
    {
        if (password.Length < MinimumLength)
        {
            return UserError.Validation("password.too-short", MinimumLength);
        }
        return CommonPasswords.Value.Contains(password) ? UserError.Validation("password.too-common") : null;
    }

    /// <summary>
    /// The words an attacker tries first against this site (ASVS 5.0, 6.2.11): "facturo" and each word of five letters or more
    /// of the biller's legal name; shorter words ("Inc", "Test") are too common to refuse.
    /// </summary>
    public async Task<UserError?> ContextRefusalAsync(string password, CancellationToken cancellationToken)
    {
        var biller = await db.BillerSettings.AsNoTracking().Select(b => b.LegalName).FirstOrDefaultAsync(cancellationToken) ?? "";
        var siteWords = biller.Split([' ', '.', ',', '-', '\'', '&', '(', ')'], StringSplitOptions.RemoveEmptyEntries).Where(w => w.Length >= 5).Prepend("facturo")
            .Any(w => password.Contains(w, StringComparison.OrdinalIgnoreCase));
        return siteWords ? UserError.Validation("password.site-word") : null;
    }

    /// <summary>
    /// <see cref="Refusal(string)"/> and <see cref="ContextRefusalAsync"/>, then whether it is the current password or one of those it replaced; <paramref name="matches"/>
    /// verifies the password against one stored hash with the owner's password hasher.
    /// </summary>
    public async Task<UserError?> RefusalAsync(PasswordOwner owner, long ownerId, string? currentHash, string password, Func<string, bool> matches, CancellationToken cancellationToken)
    {
        if ((Refusal(password) ?? await ContextRefusalAsync(password, cancellationToken)) is { } refusal)
        {
            return refusal;
        }
        var earlier = await db.PasswordHistory.Where(p => p.Owner == owner && p.OwnerId == ownerId)
            .OrderByDescending(p => p.Id).Take(RememberedPasswords - 1).Select(p => p.Hash).ToListAsync(cancellationToken);
        var remembered = currentHash is null ? earlier : [currentHash, .. earlier];
        return remembered.Any(matches) ? UserError.Validation("password.reused", RememberedPasswords) : null;
    }

    /// <summary>Keeps the hash of a password being replaced, in the caller's unit of work, and forgets older ones.</summary>
    public async Task RememberReplacedAsync(PasswordOwner owner, long ownerId, string replacedHash, CancellationToken cancellationToken)
    {
        var forgotten = await db.PasswordHistory.Where(p => p.Owner == owner && p.OwnerId == ownerId)
            .OrderByDescending(p => p.Id).Skip(RememberedPasswords - 2).ToListAsync(cancellationToken);
        db.PasswordHistory.RemoveRange(forgotten);
        db.PasswordHistory.Add(new PasswordHistoryEntry { Owner = owner, OwnerId = ownerId, Hash = replacedHash, ReplacedAt = time.GetUtcNow() });
    }

    private static HashSet<string> LoadCommonPasswords()
    {
        using var resource = typeof(PasswordPolicy).Assembly.GetManifestResourceStream("Facturo.Passwords.common-passwords-top-100000.txt.gz")!;
        using var reader = new StreamReader(new GZipStream(resource, CompressionMode.Decompress));
        var passwords = new HashSet<string>(100_000, StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            passwords.Add(line);
        }
        return passwords;
    }
}
