using System.Security.Cryptography;
using System.Text;
using Facturo.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace Facturo.Portal;

/// <summary>
/// Identity's store for portal people, keeping two-step secrets out of reach of whoever reads the database:
/// authenticator keys are protected with Data Protection, recovery codes are kept as SHA-256 hashes (they carry
/// 120 random bits, see <see cref="TwoStepVerification"/>; codes Identity made before are hashed the same way).
/// </summary>
public sealed class PortalUserStore(FacturoDbContext context, IDataProtectionProvider protection, IdentityErrorDescriber? describer = null)
    : UserOnlyStore<PortalUser, FacturoDbContext, long>(context, describer)
{
    // Identity's own names for these tokens, so rows written before this store keep being found.
    private const string IdentityProvider = "[AspNetUserStore]";
    private const string KeyName = "AuthenticatorKey";
    private const string RecoveryCodesName = "RecoveryCodes";
    // A key being set up: it signs nobody in until the person confirms it with a code.
    private const string FacturoProvider = "[Facturo]";
    private const string PendingKeyName = "PendingAuthenticatorKey";

    private readonly IDataProtector _keys = protection.CreateProtector("Facturo.PortalAuthenticatorKeys.v1");

    public override async Task<string?> GetAuthenticatorKeyAsync(PortalUser user, CancellationToken cancellationToken)
    {
        var stored = await GetTokenAsync(user, IdentityProvider, KeyName, cancellationToken);
        if (stored is null)
        {
            return null;
        }
        if (Unprotect(stored) is { } key)
        {
            return key;
        }
        // Written in plain text before keys were protected: still good, and protected from the next save on.
        await SetAuthenticatorKeyAsync(user, stored, cancellationToken);
        return stored;
    }

    public override Task SetAuthenticatorKeyAsync(PortalUser user, string key, CancellationToken cancellationToken) =>
        SetTokenAsync(user, IdentityProvider, KeyName, _keys.Protect(key), cancellationToken);

    public async Task<string?> GetPendingAuthenticatorKeyAsync(PortalUser user, CancellationToken cancellationToken) =>
        await GetTokenAsync(user, FacturoProvider, PendingKeyName, cancellationToken) is { } stored ? Unprotect(stored) : null;

    public Task SetPendingAuthenticatorKeyAsync(PortalUser user, string key, CancellationToken cancellationToken) =>
        SetTokenAsync(user, FacturoProvider, PendingKeyName, _keys.Protect(key), cancellationToken);

    /// <summary>The pending key becomes the one that signs in; false when there is none.</summary>
    public async Task<bool> ConfirmPendingAuthenticatorKeyAsync(PortalUser user, CancellationToken cancellationToken)
    {
        if (await GetPendingAuthenticatorKeyAsync(user, cancellationToken) is not { } pending)
        {
            return false;
        }
        await SetAuthenticatorKeyAsync(user, pending, cancellationToken);
        await RemoveTokenAsync(user, FacturoProvider, PendingKeyName, cancellationToken);
        return true;
    }

    /// <summary>Forgets the key, any key being set up and the recovery codes, so an old app cannot silently come back into use.</summary>
    public async Task ForgetAuthenticatorAsync(PortalUser user, CancellationToken cancellationToken)
    {
        await RemoveTokenAsync(user, IdentityProvider, KeyName, cancellationToken);
        await RemoveTokenAsync(user, FacturoProvider, PendingKeyName, cancellationToken);
        await RemoveTokenAsync(user, IdentityProvider, RecoveryCodesName, cancellationToken);
    }

    public override Task ReplaceCodesAsync(PortalUser user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken) =>
        base.ReplaceCodesAsync(user, recoveryCodes.Select(Hash), cancellationToken);

    public override async Task<bool> RedeemCodeAsync(PortalUser user, string code, CancellationToken cancellationToken)
    {
        var stored = await GetTokenAsync(user, IdentityProvider, RecoveryCodesName, cancellationToken) ?? "";
        var codes = stored.Split(';', StringSplitOptions.RemoveEmptyEntries).ToList();
        var typed = Encoding.ASCII.GetBytes(Hash(code));
        // Every code is compared, all the way through, so the time taken says nothing about which one is close.
        var matched = -1;
        for (var i = 0; i < codes.Count; i++)
        {
            if (CryptographicOperations.FixedTimeEquals(typed, Encoding.ASCII.GetBytes(AsHash(codes[i]))))
            {
                matched = i;
            }
        }
        if (matched < 0)
        {
            return false;
        }
        codes.RemoveAt(matched);
        await base.ReplaceCodesAsync(user, codes.Select(AsHash), cancellationToken);
        return true;
    }

    private string? Unprotect(string stored)
    {
        try
        {
            return _keys.Unprotect(stored);
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return null;
        }
    }

    /// <summary>Read as typed: any case, with or without the dashes and spaces that group it.</summary>
    private static string Hash(string code) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(new string([.. code.Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant)]))));

    /// <summary>Codes stored before hashing are plain (11 characters); hashed ones are 64 hexadecimal digits.</summary>
    private static string AsHash(string stored) => stored.Length == 64 ? stored : Hash(stored);
}
