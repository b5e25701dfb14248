using Facturo.Portal;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Facturo.Pages;

/// <summary>
/// The billing contact's answer to a link request. Opening the emailed link only shows what would happen: mail scanners
/// open links, so only the form's POST (with its antiforgery token) links the account.
/// </summary>
[EnableRateLimiting(PortalRateLimits.AnonymousForms)]
public sealed class LinkAccountModel(AccountLinks links) : PortalPage
{
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }

    public AccountLinkToConfirm? Pending { get; private set; }
    public string? Confirmed { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var found = await links.FindUsableAsync(Token, cancellationToken);
        if (found.Succeeded)
        {
            Pending = found.Value;
        }
        else
        {
            Error = Message(found.Error!);
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var confirmed = await links.ConfirmAsync(Token, cancellationToken);
        if (confirmed.Succeeded)
        {
            var link = confirmed.Value!;
            Confirmed = T($"Merci. Le compte {link.Account.CustomerNumber} est maintenant lié à l'entreprise « {link.BusinessName} ».",
                $"Thank you. Account {link.Account.CustomerNumber} is now linked to the business \"{link.BusinessName}\".");
        }
        else
        {
            Error = Message(confirmed.Error!);
        }
        return Page();
    }
}
