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

    public async Task<IActionResult> OnPostQuestionsAsync(CancellationToken cancellationToken)
    {
        Questions = await recovery.QuestionsForAsync(Email, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAnswersAsync(CancellationToken cancellationToken)
    {
        if (await recovery.ResetWithAnswersAsync(Email, Answer1, Answer2, NewPassword, cancellationToken) is { } refusal)
        {
            Error = Message(refusal);
            Questions = await recovery.QuestionsForAsync(Email, cancellationToken);
            return Page();
        }
        Notice = T("Votre mot de passe a été changé. Vous pouvez maintenant vous connecter.", "Your password was changed. You can now sign in.");
        return Page();
    }
}
