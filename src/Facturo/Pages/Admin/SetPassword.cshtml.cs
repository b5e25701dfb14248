using Facturo.Platform;
using Facturo.Portal;
using Facturo.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Facturo.Pages.Admin;

/// <summary>A staff member chooses their own password from the emailed single-use link; they then sign in and set up two-step verification.</summary>
[EnableRateLimiting(PortalRateLimits.AnonymousForms)]
public sealed class SetPasswordModel(AddStaffMember staff) : PortalPage
{
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }
    [BindProperty] public string? NewPassword { get; set; }
    [BindProperty] public string? ConfirmPassword { get; set; }

    public string? FullName { get; private set; }
    public string? Email { get; private set; }
    public string? Error { get; private set; }
    public bool Done { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var found = await staff.FindByLinkAsync(Token, cancellationToken);
        if (found.Succeeded)
        {
            (FullName, Email) = (found.Value!.FullName, found.Value.Email);
        }
        else
        {
            Error = Message(found.Error!);
        }
    }

    public async Task OnPostAsync(CancellationToken cancellationToken)
    {
        var chosen = NewPassword != ConfirmPassword
            ? UserError.Validation("portal.passwords-differ")
            : await staff.ChoosePasswordAsync(Token, NewPassword, cancellationToken);
        if (chosen.Succeeded)
        {
            (Done, Email) = (true, chosen.Value!.Email);
            return;
        }
        Error = Message(chosen.Error!);
        var found = await staff.FindByLinkAsync(Token, cancellationToken);
        (FullName, Email) = found.Succeeded ? (found.Value!.FullName, found.Value.Email) : (null, null);
    }
}
