using System.Globalization;
using System.Security.Cryptography;
using Facturo.Platform;
using Microsoft.AspNetCore.DataProtection;

namespace Facturo.Accounts;

/// <summary>
/// The confirmation an import page hands out with a clean check: it names the exact file checked (its SHA-256), the staff
/// member who checked it, what it would change and when, so "import these N accounts" imports that file and no other,
/// for that person, within the hour.
/// </summary>
public sealed class ImportConfirmations(IDataProtectionProvider protection, BillerClock clock)
{
    private static readonly TimeSpan ValidFor = TimeSpan.FromHours(1);
    private readonly IDataProtector _protector = protection.CreateProtector("Facturo.Accounts.ImportConfirmation");

    public string Issue(ImportPlan plan, long staffId) =>
        _protector.Protect(string.Join('|', plan.FileHash, staffId.ToString(CultureInfo.InvariantCulture),
            plan.Changes.Count.ToString(CultureInfo.InvariantCulture), clock.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));

    /// <summary>What the check said would change, when the token confirms this very file for this person; null otherwise.</summary>
    public int? ExpectedChanges(string? token, byte[] file, long staffId)
    {
        string[] parts;
        try
        {
            parts = _protector.Unprotect(token ?? "").Split('|');
        }
        catch (CryptographicException)
        {
            return null;
        }
        var hash = Convert.ToHexStringLower(SHA256.HashData(file));
        return parts is [var checkedHash, var checkedBy, var changes, var at]
            && checkedHash == hash && checkedBy == staffId.ToString(CultureInfo.InvariantCulture)
            && clock.UtcNow - DateTimeOffset.FromUnixTimeSeconds(long.Parse(at, CultureInfo.InvariantCulture)) <= ValidFor
            ? int.Parse(changes, CultureInfo.InvariantCulture) : null;
    }
}
