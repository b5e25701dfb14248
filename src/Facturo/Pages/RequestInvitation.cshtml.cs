using Facturo.Accounts;
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
        if (!TryParseAmount(InvoiceTotal, out var total))
        {
            Error = T("Le montant total doit être un nombre, par exemple 114,98.", "The total amount must be a number, for example 114.98.");
            return Page();
        }
        var requested = await invitations.RequestAsync(CustomerNumber, InvoiceNumber, total, Email, Language, cancellationToken);
        if (!requested.Succeeded)
        {
            Error = Message(requested.Error!);
            return Page();
        }
        Notice = T($"Une invitation a été envoyée à {requested.Value!.Email}.", $"An invitation was sent to {requested.Value!.Email}.");
        return Page();
    }
}
