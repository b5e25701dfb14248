using Facturo.Platform;
using Facturo.Portal;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Facturo.Pages;

/// <summary>Second step of a sign-in from a new browser after a reset with the security questions: the code emailed to the person.</summary>
[EnableRateLimiting(PortalRateLimits.AnonymousForms)]
public sealed class SignInEmailCodeModel(SignInManager<PortalUser> signIn, UserManager<PortalUser> users, KnownBrowsers knownBrowsers) : PortalPage
{
    [BindProperty] public string Code { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync() =>
        await knownBrowsers.PendingUserAsync(HttpContext) is null ? RedirectToPage("/SignIn") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await knownBrowsers.PendingUserAsync(HttpContext) is not { RemovedAt: null } user)
        {
            return RedirectToPage("/SignIn");
        }
        if (await users.IsLockedOutAsync(user))
        {
            Error = Message(UserError.Validation("portal.locked-out"));
            return Page();
        }
        if (!await knownBrowsers.VerifyCodeAsync(user, Code))
        {
            // Counted like a wrong password, so the code cannot be guessed.
            await users.AccessFailedAsync(user);
            Error = Message(UserError.Validation("portal.email-code-invalid"));
            return Page();
        }
        await users.ResetAccessFailedCountAsync(user);
        await knownBrowsers.PassedAsync(HttpContext, user);
        // A fresh session, as at every sign-in.
        await signIn.SignOutAsync();
        await signIn.SignInAsync(user, isPersistent: false);
        Response.Cookies.Delete(PortalLanguage.CookieName);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/summary");
    }
}
