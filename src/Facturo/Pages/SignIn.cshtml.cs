using Facturo.Platform;
using Facturo.Portal;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Facturo.Pages;

/// <remarks>
/// A stranger must not learn which addresses have an account: an unknown address, a wrong password and a locked
/// account get the same message, and each costs one password hash, so the answer's timing tells nothing either.
/// </remarks>
public sealed class SignInModel(SignInManager<PortalUser> signIn, UserManager<PortalUser> users, IPasswordHasher<PortalUser> hasher, KnownBrowsers knownBrowsers) : PortalPage
{
    private static string? _decoyHash;
    private static readonly PortalUser Decoy = new() { FullName = "", SecurityQuestion1 = "", SecurityAnswer1Hash = "", SecurityQuestion2 = "", SecurityAnswer2Hash = "" };

    [BindProperty] public string Email { get; set; } = "";
    [BindProperty] public string Password { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var user = await users.FindByEmailAsync(Email.Trim());
        if (user is null || user.RemovedAt is not null)
        {
            return Failed();
        }
        if (knownBrowsers.NeedsEmailCode(HttpContext, user))
        {
            return await AskForEmailedCodeAsync(user, cancellationToken);
        }
        // A fresh session on every sign-in: whatever cookie came with the request is replaced.
        await signIn.SignOutAsync();
        var result = await signIn.PasswordSignInAsync(user, Password, isPersistent: false, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            // Identity answers a locked account before hashing anything.
            return Failed();
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
        knownBrowsers.Remember(HttpContext, user);
        Response.Cookies.Delete(PortalLanguage.CookieName);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/summary");
    }

    /// <summary>The password is checked (and counted) as usual, but no session starts until the emailed code is given.</summary>
    private async Task<IActionResult> AskForEmailedCodeAsync(PortalUser user, CancellationToken cancellationToken)
    {
        var result = await signIn.CheckPasswordSignInAsync(user, Password, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            return Failed();
        }
        if (!result.Succeeded)
        {
            Error = Message(UserError.Validation("portal.sign-in-failed"));
            return Page();
        }
        await knownBrowsers.SendCodeAsync(HttpContext, user, cancellationToken);
        return RedirectToPage("/SignInEmailCode", new { ReturnUrl });
    }

    /// <summary>Spends one password hash, as checking a real password does, then says what a wrong password says.</summary>
    private Microsoft.AspNetCore.Mvc.RazorPages.PageResult Failed()
    {
        _decoyHash ??= hasher.HashPassword(Decoy, Guid.NewGuid().ToString("N"));
        hasher.VerifyHashedPassword(Decoy, _decoyHash, Password);
        Error = Message(UserError.Validation("portal.sign-in-failed"));
        return Page();
    }
}
