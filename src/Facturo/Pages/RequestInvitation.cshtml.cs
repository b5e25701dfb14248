using Facturo.Accounts;
using Facturo.Platform;
using Facturo.Portal;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Facturo.Pages;

[EnableRateLimiting(PortalRateLimits.AnonymousForms)]
public sealed class RequestInvitationModel(AccessRequests requests) : PortalPage
{
    [BindProperty] public string CustomerNumber { get; set; } = "";
    [BindProperty] public string InvoiceNumber { get; set; } = "";
    [BindProperty] public string InvoiceTotal { get; set; } = "";
    [BindProperty] public string FullName { get; set; } = "";
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
        var fromAddress = HttpContext.Connection.RemoteIpAddress?.ToString() ?? "";
        var refused = await requests.SubmitAsync(new InvitationRequestForm(CustomerNumber, InvoiceNumber, total.Value.ToDecimal(), FullName, Email, Language), fromAddress, cancellationToken);
        if (refused is not null)
        {
            Error = Message(refused);
            return Page();
        }
        // The same answer whatever became of the request, so the page tells a stranger nothing about the account.
        Notice = UserMessages.Format("portal.invitation-request-received", Language);
        return Page();
    }
}
