using Facturo.Data;
using Facturo.Passwords;
using Facturo.Platform;
using Facturo.Staff;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;

namespace Facturo.Pages.Admin;

/// <summary>
/// Any staff member's own password (ASVS 5.0, 6.2.2 and 6.2.3): the current one, then the new one twice. Whoever signed in with
/// the old password is out at once; this browser gets a new session.
/// </summary>
public sealed class PasswordModel(StaffSignIn signIn, StaffAudit audit, FacturoDbContext db) : Portal.PortalPage
{
    [BindProperty] public string CurrentPassword { get; set; } = "";
    [BindProperty] public string NewPassword { get; set; } = "";
    [BindProperty] public string ConfirmPassword { get; set; } = "";

    public string? Notice { get; private set; }
    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (NewPassword != ConfirmPassword)
        {
            return Refused(UserError.Validation("portal.passwords-differ"));
        }
        // Length and the common list first: a form sent empty or with a weak choice costs no failed attempt.
        if (PasswordPolicy.Refusal(NewPassword) is { } weak)
        {
            return Refused(weak);
        }
        var verified = await signIn.VerifyCurrentPasswordAsync(StaffAuth.StaffId(User), CurrentPassword, cancellationToken);
        if (!verified.Succeeded)
        {
            return Refused(verified.Error!);
        }
        var changed = await db.InTransactionAsync(async () =>
        {
            var replaced = await signIn.ReplaceOwnPasswordAsync(verified.Value!, NewPassword, cancellationToken);
            if (replaced.Succeeded)
            {
                await audit.RecordAsync("staff.password-changed", $"staff {replaced.Value!.Email}", null, null, cancellationToken);
            }
            return replaced;
        }, cancellationToken);
        if (!changed.Succeeded)
        {
            return Refused(changed.Error!);
        }
        await HttpContext.SignInAsync(StaffAuth.Scheme, StaffSignIn.Principal(changed.Value!, twoStepDone: true));
        Notice = T("Votre mot de passe a été changé.", "Your password was changed.");
        return Page();
    }

    private Microsoft.AspNetCore.Mvc.RazorPages.PageResult Refused(UserError error)
    {
        Error = Message(error);
        return Page();
    }
}
