using Facturo.Accounts;
using Facturo.Data;
using Facturo.Emails;
using Facturo.Platform;
using Microsoft.AspNetCore.Identity;

namespace Facturo.Portal;

/// <summary>
/// Checks portal authenticator codes with Facturo's <see cref="Totp"/>, the one staff use, in place of Identity's
/// provider (which accepts a code any number of times within its window). A code's step is saved as used, and the
/// save is refused when another session saved first (the concurrency stamp), so one code signs in one session.
/// </summary>
public sealed class PortalAuthenticatorCodes(BillerClock clock) : IUserTwoFactorTokenProvider<PortalUser>
{
    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<PortalUser> manager, PortalUser user) =>
        !string.IsNullOrEmpty(await manager.GetAuthenticatorKeyAsync(user));

    public async Task<string> GenerateAsync(string purpose, UserManager<PortalUser> manager, PortalUser user) =>
        await manager.GetAuthenticatorKeyAsync(user) is { } text && Totp.FromBase32(text) is { } key ? Totp.Code(key, Totp.StepAt(clock.UtcNow)) : "";

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<PortalUser> manager, PortalUser user)
    {
        if (await manager.GetAuthenticatorKeyAsync(user) is not { } text || Totp.FromBase32(text) is not { } key
            || Totp.Verify(key, token, clock.UtcNow, user.LastTotpStep) is not { } step)
        {
            return false;
        }
        user.LastTotpStep = step;
        return (await manager.UpdateAsync(user)).Succeeded;
    }
}

/// <summary>
/// My account → Security, two-step verification: setting up an authenticator app (an explicit action; the new key
/// signs nobody in until a code from it is entered), turning it on with recovery codes, turning it off with the
/// password. The person is emailed, in their language, when it turns on or off.
/// </summary>
public sealed class TwoStepVerification(UserManager<PortalUser> users, IUserStore<PortalUser> userStore, FacturoDbContext db, EmailOutbox outbox, BillerClock clock)
{
    public const int RecoveryCodeCount = 10;
    private readonly PortalUserStore _store = (PortalUserStore)userStore;

    /// <summary>The key being set up, in Base32 as apps take it; null when none. Reading it changes nothing.</summary>
    public Task<string?> PendingKeyAsync(PortalUser user, CancellationToken cancellationToken) => _store.GetPendingAuthenticatorKeyAsync(user, cancellationToken);

    /// <summary>A new key to set up; the key in use, if any, keeps signing in until this one is confirmed.</summary>
    public async Task StartSetUpAsync(PortalUser user, CancellationToken cancellationToken)
    {
        await _store.SetPendingAuthenticatorKeyAsync(user, Totp.Base32(Totp.NewKey()), cancellationToken);
        await users.UpdateAsync(user);
    }

    /// <summary>Confirms the key being set up with a code from it; returns the new recovery codes when this turned two-step verification on.</summary>
    public async Task<Outcome<string[]>> ConfirmAsync(PortalUser user, string code, CancellationToken cancellationToken)
    {
        var invalid = UserError.Validation("portal.two-step-code-invalid");
        if (await PendingKeyAsync(user, cancellationToken) is not { } pending || Totp.FromBase32(pending) is not { } key
            || Totp.Verify(key, code, clock.UtcNow, user.LastTotpStep) is not { } step)
        {
            return invalid;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await _store.ConfirmPendingAuthenticatorKeyAsync(user, cancellationToken);
        user.LastTotpStep = step;
        string[] recoveryCodes = [];
        if (user.TwoFactorEnabled)
        {
            if (!(await users.UpdateAsync(user)).Succeeded)
            {
                // Another session used this code first (the concurrency stamp said so).
                return invalid;
            }
        }
        else
        {
            recoveryCodes = [.. Enumerable.Range(0, RecoveryCodeCount).Select(_ => NewRecoveryCode())];
            await _store.ReplaceCodesAsync(user, recoveryCodes, cancellationToken);
            await QueueNoticeAsync(user, turnedOn: true, cancellationToken);
            // Identity changes the security stamp here: other sessions end, the caller refreshes this one.
            if (!(await users.SetTwoFactorEnabledAsync(user, true)).Succeeded)
            {
                return invalid;
            }
        }
        await transaction.CommitAsync(cancellationToken);
        return recoveryCodes;
    }

    public async Task<UserError?> TurnOffAsync(PortalUser user, string currentPassword, CancellationToken cancellationToken)
    {
        if (!await users.CheckPasswordAsync(user, currentPassword))
        {
            return UserError.Validation("portal.two-step-password-incorrect");
        }
        await _store.ForgetAuthenticatorAsync(user, cancellationToken);
        await QueueNoticeAsync(user, turnedOn: false, cancellationToken);
        Succeeded(await users.SetTwoFactorEnabledAsync(user, false));
        return null;
    }

    /// <summary>
    /// 120 random bits (24 Base32 letters and digits, in groups of four): ASVS 6.5.2 lets codes of 112 bits or more be
    /// stored with a plain SHA-256 rather than a slow salted hash; Identity's own codes are much shorter.
    /// </summary>
    private static string NewRecoveryCode() =>
        string.Join('-', Totp.Base32(System.Security.Cryptography.RandomNumberGenerator.GetBytes(15)).Chunk(4).Select(group => new string(group)));

    private Task QueueNoticeAsync(PortalUser user, bool turnedOn, CancellationToken cancellationToken) =>
        (user.Language, turnedOn) switch
        {
            (Language.Fr, true) => outbox.QueueAsync("two-step-on", user.Email!, Language.Fr, "Vérification en deux étapes activée",
                $"Bonjour {user.FullName},\n\nLa vérification en deux étapes est maintenant activée sur votre compte du portail : un code de votre application d'authentification sera demandé à chaque connexion.\n\nSi ce n'est pas vous, changez votre mot de passe et communiquez avec nous.", cancellationToken),
            (_, true) => outbox.QueueAsync("two-step-on", user.Email!, Language.En, "Two-step verification turned on",
                $"Hello {user.FullName},\n\nTwo-step verification is now on for your portal account: a code from your authenticator app will be asked at every sign-in.\n\nIf this was not you, change your password and contact us.", cancellationToken),
            (Language.Fr, false) => outbox.QueueAsync("two-step-off", user.Email!, Language.Fr, "Vérification en deux étapes désactivée",
                $"Bonjour {user.FullName},\n\nLa vérification en deux étapes est maintenant désactivée sur votre compte du portail : seul votre mot de passe sera demandé à la connexion.\n\nSi ce n'est pas vous, changez votre mot de passe et communiquez avec nous.", cancellationToken),
            (_, false) => outbox.QueueAsync("two-step-off", user.Email!, Language.En, "Two-step verification turned off",
                $"Hello {user.FullName},\n\nTwo-step verification is now off for your portal account: only your password will be asked at sign-in.\n\nIf this was not you, change your password and contact us.", cancellationToken),
        };

    /// <summary>Identity refuses only when another request changed the person at the same moment: a conflict, not something to hide.</summary>
    private static void Succeeded(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Two-step verification could not be saved: {string.Join(", ", result.Errors.Select(e => e.Code))}");
        }
    }
}
