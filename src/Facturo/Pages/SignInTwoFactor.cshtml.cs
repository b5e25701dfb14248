using Facturo.Platform;
using Facturo.Portal;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Facturo.Pages;

/// <summary>Second step of sign-in for people who turned on two-step verification: a TOTP code or a recovery code.</summary>
public sealed class SignInTwoFactorModel(SignInManager<PortalUser> signIn) : PortalPage
{
    [BindProperty] public string Code { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/SignIn") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
        {
            return RedirectToPage("/SignIn");
        }
        var code = Code.Replace(" ", "", StringComparison.Ordinal);
        // Authenticator codes are six digits; recovery codes are longer and contain letters.
        var result = code.Length == 6 && code.All(char.IsAsciiDigit)
            ? await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false)
            : await signIn.TwoFactorRecoveryCodeSignInAsync(code);
        if (result.IsLockedOut)
        {
            Error = Message(UserError.Validation("portal.locked-out"));
            return Page();
        }
        if (!result.Succeeded)
        {
            Error = T("Ce code n'est pas valide.", "This code is not valid.");
            return Page();
        }
        Response.Cookies.Delete(PortalLanguage.CookieName);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/summary");
    }
}
