using System.Security.Cryptography;
using System.Text;
using Facturo.Accounts;
using Facturo.Emails;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Facturo.Portal;

/// <summary>
/// Forgotten passwords, by an emailed link or by the security questions chosen at registration. Neither
/// way tells whether an address is registered: unknown addresses get the same answers and the same
/// made-up questions every time. Wrong answers count towards the lockout, like wrong passwords.
/// </summary>
public sealed class PasswordRecovery(UserManager<PortalUser> users, EmailOutbox outbox, Data.FacturoDbContext db, IOptions<EmailOptions> emailOptions, Platform.SignInSessions sessions)
{
    public async Task SendResetLinkAsync(string email, CancellationToken cancellationToken)
    {
        var user = await FindAsync(email);
        if (user is null)
        {
            return;
        }
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var link = $"{emailOptions.Value.PublicBaseUrl.TrimEnd('/')}/reset-password?email={Uri.EscapeDataString(user.Email!)}&token={Uri.EscapeDataString(token)}";
        var language = user.Language;
        await outbox.QueueAsync("password-reset", user.Email!, language,
            language == Language.Fr ? "Réinitialisation de votre mot de passe" : "Resetting your password",
            language == Language.Fr
                ? $"Bonjour {user.FullName},\n\nPour choisir un nouveau mot de passe, ouvrez ce lien (valide 24 heures, une seule fois) :\n{link}\n\nSi vous n'avez rien demandé, ignorez ce courriel : votre mot de passe ne change pas."
                : $"Hello {user.FullName},\n\nTo choose a new password, open this link (valid 24 hours, once):\n{link}\n\nIf you did not ask for this, ignore this email: your password stays the same.",
            cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<bool> ResetWithLinkAsync(string email, string token, string newPassword)
    {
        var user = await FindAsync(email);
        if (user is null || !(await users.ResetPasswordAsync(user, token, newPassword)).Succeeded)
        {
            return false;
        }
        await EndSessionsAsync(user);
        return true;
    }

    /// <summary>The two questions to ask for this address: the person's own, or for an unknown address, two that look just as real.</summary>
    public async Task<(string Question1, string Question2)> QuestionsForAsync(string email)
    {
        var user = await FindAsync(email);
        if (user is not null)
        {
            return (user.SecurityQuestion1, user.SecurityQuestion2);
        }
        var codes = SecurityQuestions.All.Keys.ToArray();
        var seed = SHA256.HashData(Encoding.UTF8.GetBytes(email.Trim().ToUpperInvariant()));
        var first = seed[0] % codes.Length;
        var second = (first + 1 + seed[1] % (codes.Length - 1)) % codes.Length;
        return (codes[first], codes[second]);
    }

    public async Task<RecoveryResult> ResetWithAnswersAsync(string email, string answer1, string answer2, string newPassword)
    {
        var user = await FindAsync(email);
        if (user is null)
        {
            return RecoveryResult.Refused;
        }
        if (await users.IsLockedOutAsync(user))
        {
            return RecoveryResult.LockedOut;
        }
        if (!SecurityQuestions.Verify(user, user.SecurityAnswer1Hash, answer1) || !SecurityQuestions.Verify(user, user.SecurityAnswer2Hash, answer2))
        {
            await users.AccessFailedAsync(user);
            return RecoveryResult.Refused;
        }
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var reset = await users.ResetPasswordAsync(user, token, newPassword);
        if (!reset.Succeeded)
        {
            return RecoveryResult.WeakPassword;
        }
        await users.ResetAccessFailedCountAsync(user);
        await EndSessionsAsync(user);
        return RecoveryResult.Reset;
    }

    /// <summary>Whoever signed in with the old password (perhaps the person who learnt it) is signed out now.</summary>
    private Task<int> EndSessionsAsync(PortalUser user) => sessions.EndAllAsync(Platform.SessionAudience.Portal, user.Id, CancellationToken.None);

    private async Task<PortalUser?> FindAsync(string email)
    {
        var user = string.IsNullOrWhiteSpace(email) ? null : await users.FindByEmailAsync(email.Trim());
        return user is { RemovedAt: null } ? user : null;
    }
}

public enum RecoveryResult { Reset, Refused, LockedOut, WeakPassword }
