using Facturo.Platform;
using Facturo.Portal;
using Microsoft.AspNetCore.Mvc;

namespace Facturo.Pages;

public sealed class ResetPasswordModel(PasswordRecovery recovery) : PortalPage
{
    [BindProperty(SupportsGet = true)] public string Email { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string Token { get; set; } = "";
    [BindProperty] public string NewPassword { get; set; } = "";
    public bool Done { get; private set; }
    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (NewPassword.Length < 10)
        {
            Error = Message(UserError.Validation("portal.weak-password"));
            return Page();
        }
        Done = await recovery.ResetWithLinkAsync(Email, Token, NewPassword);
        Error = Done ? null : T("Ce lien n'est plus valide ou le mot de passe est trop faible. Demandez un nouveau lien.", "This link is no longer valid or the password is too weak. Ask for a new link.");
        return Page();
    }
}
