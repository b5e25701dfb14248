using Facturo.Platform;
using Facturo.Portal;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Facturo.Pages;

[EnableRateLimiting(PortalRateLimits.AnonymousForms)]
public sealed class ForgotPasswordModel(PasswordRecovery recovery) : PortalPage
{
    [BindProperty] public string Email { get; set; } = "";
    [BindProperty] public string Answer1 { get; set; } = "";
    [BindProperty] public string Answer2 { get; set; } = "";
    [BindProperty] public string NewPassword { get; set; } = "";

    public (string Question1, string Question2)? Questions { get; private set; }
    public string? Notice { get; private set; }
    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostLinkAsync(CancellationToken cancellationToken)
    {
        await recovery.SendResetLinkAsync(Email, cancellationToken);
        Notice = T("Si cette adresse est inscrite au portail, un lien pour choisir un nouveau mot de passe vient d'y être envoyé.",
                   "If this address is registered on the portal, a link to choose a new password has just been sent to it.");
        return Page();
    }

    public async Task<IActionResult> OnPostQuestionsAsync()
    {
        Questions = await recovery.QuestionsForAsync(Email);
        return Page();
    }

    public async Task<IActionResult> OnPostAnswersAsync()
    {
        var result = await recovery.ResetWithAnswersAsync(Email, Answer1, Answer2, NewPassword);
        switch (result)
        {
            case RecoveryResult.Reset:
                Notice = T("Votre mot de passe a été changé. Vous pouvez maintenant vous connecter.", "Your password was changed. You can now sign in.");
                return Page();
            case RecoveryResult.WeakPassword:
                Error = Message(UserError.Validation("portal.weak-password"));
                break;
            case RecoveryResult.LockedOut:
                Error = Message(UserError.Validation("portal.locked-out"));
                break;
            default:
                Error = T("Les réponses ne correspondent pas à celles enregistrées pour cette adresse.", "The answers do not match those recorded for this address.");
                break;
        }
        Questions = await recovery.QuestionsForAsync(Email);
        return Page();
    }
}
