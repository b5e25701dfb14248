using Facturo.Accounts;
using Facturo.Platform;
using Facturo.Portal;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Facturo.Pages;

[EnableRateLimiting(PortalRateLimits.AnonymousForms)]
public sealed class RequestInvitationModel(Invitations invitations) : PortalPage
{
    [BindProperty] public string CustomerNumber { get; set; } = "";
    [BindProperty] public string InvoiceNumber { get; set; } = "";
    [BindProperty] public string InvoiceTotal { get; set; } = "";
    [BindProperty] public string Email { get; set; } = "";

    public string? Notice { get; private set; }
    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var total = TypedAmounts.ReadDollars(InvoiceTotal, Language);
        if (!total.Succeeded)
        {
            Error = Message(total.Error!);
            return Page();
        }
        var requested = await invitations.RequestAsync(CustomerNumber, InvoiceNumber, total.Value.ToDecimal(), Email, Language, cancellationToken);
        if (!requested.Succeeded)
        {
            Error = Message(requested.Error!);
            return Page();
        }
        Notice = T($"Une invitation a été envoyée à {requested.Value!.Email}.", $"An invitation was sent to {requested.Value!.Email}.");
        return Page();
    }
}
