using Facturo.Accounts;
using Facturo.Emails;
using Facturo.Passwords;
using Facturo.Platform;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Facturo.Portal;

/// <summary>
/// Forgotten passwords, by an emailed link or by the security questions chosen at registration. Neither way tells
/// whether an address is registered or locked: an unknown address gets made-up questions (<see cref="DecoyQuestions"/>),
/// the same refusal and the same two answer hashes as a wrong answer; a locked account too. Wrong answers count
/// towards the lockout, like wrong passwords. A reset by the questions alone also makes the next sign-in from a new
/// browser ask for an emailed code (<see cref="KnownBrowsers"/>), unless two-step verification already guards it.
/// </summary>
public sealed class PasswordRecovery(UserManager<PortalUser> users, EmailOutbox outbox, Data.FacturoDbContext db, IOptions<EmailOptions> emailOptions,
    DecoyQuestions decoys, AccountNotices notices, Platform.SignInSessions sessions)
{
    private static readonly PortalUser Decoy = new() { FullName = "", SecurityQuestion1 = "", SecurityAnswer1Hash = "", SecurityQuestion2 = "", SecurityAnswer2Hash = "" };
    private static readonly Lazy<string> DecoyAnswerHash = new(() => SecurityQuestions.Hash(Decoy, Guid.NewGuid().ToString("N")));

    /// <summary>Every answer takes at least this long: writing the email for a registered address must not show in the timing.</summary>
    public static readonly TimeSpan MinimumLinkAnswerTime = TimeSpan.FromMilliseconds(250);

    public Task<bool> SendResetLinkAsync(string email, CancellationToken cancellationToken) =>
        Platform.EvenAnswers.AtLeastAsync(MinimumLinkAnswerTime, () => QueueResetLinkAsync(email, cancellationToken), cancellationToken);

    /// <summary>True when a link was queued (the page says the same either way).</summary>
    private async Task<bool> QueueResetLinkAsync(string email, CancellationToken cancellationToken)
    {
        var user = await FindAsync(email);
        if (user is null)
        {
            return false;
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
        return true;
    }

    /// <summary>Null when the password was reset; otherwise why not.</summary>
    public async Task<UserError?> ResetWithLinkAsync(string email, string token, string newPassword, CancellationToken cancellationToken)
    {
        if (PasswordPolicy.Refusal(newPassword) is { } refusal)
        {
            return refusal;
        }
        var user = await FindAsync(email);
        if (user is null)
        {
            return UserError.Validation("portal.reset-link-invalid");
        }
        var reset = await users.ResetPasswordAsync(user, token, newPassword);
        if (!reset.Succeeded)
        {
            return PortalPasswordValidator.RefusalIn(reset) ?? UserError.Validation("portal.reset-link-invalid");
        }
        // Opening the emailed link proves the address, which is what the emailed code after a reset by the questions asks for.
        user.EmailCodeOnNewBrowser = false;
        await users.UpdateAsync(user);
        await notices.PasswordChangedAsync(user, PasswordChange.ResetByLink, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await EndSessionsAsync(user, cancellationToken);
        return null;
    }

    /// <summary>The two questions to ask for this address: the person's own, or for an unknown address, two that look just as real.</summary>
    public async Task<(string Question1, string Question2)> QuestionsForAsync(string email, CancellationToken cancellationToken)
    {
        var user = await FindAsync(email);
        return user is not null ? (user.SecurityQuestion1, user.SecurityQuestion2) : await decoys.ForAsync(email, cancellationToken);
    }

    /// <summary>Null when the password was reset; otherwise why not, in words that do not tell an unknown address from a locked account or wrong answers.</summary>
    public async Task<UserError?> ResetWithAnswersAsync(string email, string answer1, string answer2, string newPassword, CancellationToken cancellationToken)
    {
        // Judged before anyone is looked up, so it says the same whoever the address is.
        if (PasswordPolicy.Refusal(newPassword) is { } weak)
        {
            return weak;
        }
        var refused = UserError.Validation("portal.recovery-refused");
        var user = await FindAsync(email);
        if (user is null)
        {
            // Two answer hashes, as checking a real person's answers costs.
            _ = SecurityQuestions.Verify(Decoy, DecoyAnswerHash.Value, answer1) & SecurityQuestions.Verify(Decoy, DecoyAnswerHash.Value, answer2);
            return refused;
        }
        var locked = await users.IsLockedOutAsync(user);
        // Both answers are always hashed (no short circuit), whether the first is right, wrong or the account locked.
        var right = SecurityQuestions.Verify(user, user.SecurityAnswer1Hash, answer1) & SecurityQuestions.Verify(user, user.SecurityAnswer2Hash, answer2);
        if (locked)
        {
            return refused;
        }
        if (!right)
        {
            await users.AccessFailedAsync(user);
            return refused;
        }
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var reset = await users.ResetPasswordAsync(user, token, newPassword);
        if (!reset.Succeeded)
        {
            return PortalPasswordValidator.RefusalIn(reset) ?? refused;
        }
        await users.ResetAccessFailedCountAsync(user);
        // Answers others may know: without a second factor, a browser the person never used must also show the emailed code.
        user.EmailCodeOnNewBrowser = !user.TwoFactorEnabled;
        await users.UpdateAsync(user);
        await notices.PasswordChangedAsync(user, PasswordChange.ResetByQuestions, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await EndSessionsAsync(user, cancellationToken);
        return null;
    }

    /// <summary>Whoever signed in with the old password (perhaps the person who learnt it) is signed out now.</summary>
    private Task<int> EndSessionsAsync(PortalUser user, CancellationToken cancellationToken) => sessions.EndAllAsync(Platform.SessionAudience.Portal, user.Id, cancellationToken);

    private async Task<PortalUser?> FindAsync(string email)
    {
        var user = string.IsNullOrWhiteSpace(email) ? null : await users.FindByEmailAsync(email.Trim());
        return user is { RemovedAt: null } ? user : null;
    }
}
