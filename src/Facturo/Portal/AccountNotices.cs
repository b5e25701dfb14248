using Facturo.Accounts;
using Facturo.Emails;

namespace Facturo.Portal;

public enum PasswordChange { ResetByLink, ResetByQuestions, ChangedInAccount }

/// <summary>
/// Tells a person, in their language, that their password or security questions changed, so a change they did not
/// make does not go unnoticed (ASVS 5.0 V6.3.7). Queued in the caller's unit of work, saved with the change.
/// </summary>
public sealed class AccountNotices(EmailOutbox outbox)
{
    public Task PasswordChangedAsync(PortalUser user, PasswordChange how, CancellationToken cancellationToken)
    {
        var french = user.Language == Language.Fr;
        var way = how switch
        {
            PasswordChange.ResetByLink => french ? "avec le lien envoyé par courriel" : "with the link sent by email",
            PasswordChange.ResetByQuestions => french ? "avec vos questions de sécurité" : "with your security questions",
            _ => french ? "dans Mon compte" : "in My account",
        };
        var newBrowser = how == PasswordChange.ResetByQuestions && !user.TwoFactorEnabled
            ? french
                ? "\n\nPar précaution, la prochaine connexion depuis un navigateur que vous n'avez pas encore utilisé demandera un code envoyé à cette adresse."
                : "\n\nAs a precaution, the next sign-in from a browser you have not used before will ask for a code sent to this address."
            : "";
        return outbox.QueueAsync("password-changed", user.Email!, user.Language,
            french ? "Votre mot de passe a été changé" : "Your password was changed",
            french
                ? $"Bonjour {user.FullName},\n\nLe mot de passe de votre accès au portail vient d'être changé {way}.{newBrowser}\n\nSi vous n'avez pas fait ce changement, choisissez un nouveau mot de passe (Mot de passe oublié) et appelez-nous sans tarder."
                : $"Hello {user.FullName},\n\nThe password of your portal access was just changed {way}.{newBrowser}\n\nIf you did not make this change, choose a new password (Forgot password) and call us right away.",
            cancellationToken);
    }

    public Task SecurityQuestionsChangedAsync(PortalUser user, CancellationToken cancellationToken)
    {
        var french = user.Language == Language.Fr;
        return outbox.QueueAsync("security-questions-changed", user.Email!, user.Language,
            french ? "Vos questions de sécurité ont été changées" : "Your security questions were changed",
            french
                ? $"Bonjour {user.FullName},\n\nLes questions de sécurité de votre accès au portail, qui servent à retrouver un mot de passe oublié, viennent d'être changées.\n\nSi vous n'avez pas fait ce changement, appelez-nous sans tarder."
                : $"Hello {user.FullName},\n\nThe security questions of your portal access, used to recover a forgotten password, were just changed.\n\nIf you did not make this change, call us right away.",
            cancellationToken);
    }
}
