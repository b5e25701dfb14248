using Facturo.Data;
using Facturo.Passwords;
using Facturo.Platform;
using Facturo.Portal;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Facturo.Pages.Account;

/// <summary>My account → Password and security questions. Both need the current password, and both are emailed to the person.</summary>
[Authorize]
public sealed class PasswordModel(UserManager<PortalUser> users, SignInManager<PortalUser> signIn, AccountNotices notices, FacturoDbContext db, SignInSessions sessions) : PortalPage
{
    [BindProperty] public string CurrentPassword { get; set; } = "";
    [BindProperty] public string NewPassword { get; set; } = "";
    [BindProperty] public string ConfirmPassword { get; set; } = "";
    [BindProperty] public string Question1 { get; set; } = "";
    [BindProperty] public string Answer1 { get; set; } = "";
    [BindProperty] public string Question2 { get; set; } = "";
    [BindProperty] public string Answer2 { get; set; } = "";

    public string? Notice { get; private set; }
    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostPasswordAsync(CancellationToken cancellationToken)
    {
        var me = (await users.GetUserAsync(User))!;
        if (NewPassword != ConfirmPassword)
        {
            return Refused(UserError.Validation("portal.passwords-differ"));
        }
        if (PasswordPolicy.Refusal(NewPassword) is { } weak)
        {
            return Refused(weak);
        }
        var changed = await users.ChangePasswordAsync(me, CurrentPassword, NewPassword);
        if (!changed.Succeeded)
        {
            return Refused(PortalPasswordValidator.RefusalIn(changed) ?? UserError.Validation("portal.current-password-wrong"));
        }
        await notices.PasswordChangedAsync(me, PasswordChange.ChangedInAccount, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        // Whoever signed in with the old password (perhaps the person who learnt it) is out now; this browser gets a new session.
        await sessions.EndAllAsync(SessionAudience.Portal, me.Id, cancellationToken);
        await signIn.SignInAsync(me, isPersistent: false);
        Notice = T("Votre mot de passe a été changé.", "Your password was changed.");
        return Page();
    }

    public async Task<IActionResult> OnPostQuestionsAsync(CancellationToken cancellationToken)
    {
        var me = (await users.GetUserAsync(User))!;
        if (!SecurityQuestions.All.ContainsKey(Question1) || !SecurityQuestions.All.ContainsKey(Question2) || Question1 == Question2
            || string.IsNullOrWhiteSpace(Answer1) || string.IsNullOrWhiteSpace(Answer2))
        {
            return Refused(UserError.Validation("portal.security-questions-required"));
        }
        if (!await users.CheckPasswordAsync(me, CurrentPassword))
        {
            return Refused(UserError.Validation("portal.current-password-wrong"));
        }
        (me.SecurityQuestion1, me.SecurityAnswer1Hash) = (Question1, SecurityQuestions.Hash(me, Answer1));
        (me.SecurityQuestion2, me.SecurityAnswer2Hash) = (Question2, SecurityQuestions.Hash(me, Answer2));
        await notices.SecurityQuestionsChangedAsync(me, cancellationToken);
        await users.UpdateAsync(me);
        Notice = T("Vos questions de sécurité ont été changées.", "Your security questions were changed.");
        return Page();
    }

    private Microsoft.AspNetCore.Mvc.RazorPages.PageResult Refused(UserError error)
    {
        Error = Message(error);
        return Page();
    }
}
