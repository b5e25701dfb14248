using Facturo.Portal;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Facturo.Pages;

[EnableRateLimiting(PortalRateLimits.AnonymousForms)]
public sealed class ResetPasswordModel(PasswordRecovery recovery) : PortalPage
{
    [BindProperty(SupportsGet = true)] public string Email { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string Token { get; set; } = "";
    [BindProperty] public string NewPassword { get; set; } = "";
    public bool Done { get; private set; }
    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var refusal = await recovery.ResetWithLinkAsync(Email, Token, NewPassword, cancellationToken);
        Done = refusal is null;
        Error = refusal is null ? null : Message(refusal);
        return Page();
    }
}
