using Facturo.Accounts;
using Facturo.Data;
using Facturo.Portal;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Pages;

public sealed class RegisterModel(Invitations invitations, SignInManager<PortalUser> signIn, FacturoDbContext db) : PortalPage
{
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }
    [BindProperty] public string FullName { get; set; } = "";
    [BindProperty] public string Password { get; set; } = "";
    [BindProperty] public string ConfirmPassword { get; set; } = "";
    [BindProperty] public string PreferredLanguage { get; set; } = "";
    [BindProperty] public string Question1 { get; set; } = "";
    [BindProperty] public string Answer1 { get; set; } = "";
    [BindProperty] public string Question2 { get; set; } = "";
    [BindProperty] public string Answer2 { get; set; } = "";

    public string? Email { get; private set; }
    public string? CustomerNumber { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadInvitationAsync(cancellationToken);
        PreferredLanguage = Language.ToCode();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadInvitationAsync(cancellationToken))
        {
            return Page();
        }
        if (Password != ConfirmPassword)
        {
            Error = T("Les deux mots de passe ne correspondent pas.", "The two passwords do not match.");
            return Page();
        }
        var language = LanguageCodes.TryParse(PreferredLanguage, out var chosen) ? chosen : Language;
        var registered = await invitations.RegisterAsync(Token, new RegistrationForm(FullName, Password, language, Question1, Answer1, Question2, Answer2), cancellationToken);
        if (!registered.Succeeded)
        {
            Error = Message(registered.Error!);
            return Page();
        }
        Response.Cookies.Delete(PortalLanguage.CookieName);
        await signIn.SignInAsync(registered.Value!, isPersistent: false);
        return Redirect("/summary");
    }

    private async Task<bool> LoadInvitationAsync(CancellationToken cancellationToken)
    {
        var invitation = await invitations.FindUsableAsync(Token, cancellationToken);
        if (!invitation.Succeeded)
        {
            Error = Message(invitation.Error!);
            return false;
        }
        Email = invitation.Value!.Email;
        CustomerNumber = await db.Accounts.Where(a => a.Id == invitation.Value.AccountId).Select(a => a.CustomerNumber).SingleAsync(cancellationToken);
        return true;
    }
}
