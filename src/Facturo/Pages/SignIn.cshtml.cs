using Facturo.Platform;
using Facturo.Portal;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Facturo.Pages;

public sealed class SignInModel(SignInManager<PortalUser> signIn, UserManager<PortalUser> users) : PortalPage
{
    [BindProperty] public string Email { get; set; } = "";
    [BindProperty] public string Password { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.FindByEmailAsync(Email.Trim());
        if (user is null || user.RemovedAt is not null)
        {
            Error = Message(UserError.Validation("portal.sign-in-failed"));
            return Page();
        }
        // A fresh session on every sign-in: whatever cookie came with the request is replaced.
        await signIn.SignOutAsync();
        var result = await signIn.PasswordSignInAsync(user, Password, isPersistent: false, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            Error = Message(UserError.Validation("portal.locked-out"));
            return Page();
        }
        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("/SignInTwoFactor", new { ReturnUrl });
        }
        if (!result.Succeeded)
        {
            Error = Message(UserError.Validation("portal.sign-in-failed"));
            return Page();
        }
        Response.Cookies.Delete(PortalLanguage.CookieName);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/summary");
    }
}
