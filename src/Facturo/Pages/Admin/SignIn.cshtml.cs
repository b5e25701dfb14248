using Facturo.Portal;
using Facturo.Staff;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;

namespace Facturo.Pages.Admin;

/// <summary>Staff sign-in, first step: email and password. The second step (authenticator code) always follows.</summary>
public sealed class SignInModel(StaffSignIn signIn) : PortalPage
{
    [BindProperty] public string Email { get; set; } = "";
    [BindProperty] public string Password { get; set; } = "";
    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var (result, staff) = await signIn.CheckPasswordAsync(Email, Password, cancellationToken);
        if (result != StaffSignInResult.PasswordAccepted)
        {
            Error = result == StaffSignInResult.LockedOut
                ? T("Trop d'essais : la connexion est bloquée 15 minutes.", "Too many attempts: sign-in is blocked for 15 minutes.")
                : T("Courriel ou mot de passe incorrect.", "Wrong email or password.");
            return Page();
        }
        await HttpContext.SignInAsync(StaffAuth.Scheme, StaffSignIn.Principal(staff!, twoStepDone: false));
        return Redirect("/admin/two-step");
    }
}
