using Facturo.Platform;
using Facturo.Portal;
using Facturo.Staff;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Facturo.Pages.Admin;

/// <summary>Staff sign-in, first step: email and password. The second step (authenticator code) always follows.</summary>
[EnableRateLimiting(PortalRateLimits.StaffSignIn)]
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
            // Locked or not, known or not: one message, so the page does not tell which addresses are staff.
            Error = Message(UserError.Validation("staff.sign-in-failed"));
            return Page();
        }
        await HttpContext.SignInAsync(StaffAuth.Scheme, StaffSignIn.Principal(staff!, twoStepDone: false));
        return Redirect("/admin/two-step");
    }
}
