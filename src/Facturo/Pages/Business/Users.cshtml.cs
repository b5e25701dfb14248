using Facturo.Accounts;
using Facturo.Platform;
using Facturo.Portal;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Pages.Business;

[Authorize]
[EnableRateLimiting(PortalRateLimits.AccountProofs)]
public sealed class UsersModel(EnterpriseUsers enterpriseUsers, UserManager<PortalUser> users, PortalAccess access) : PortalPage
{
    [BindProperty] public string Email { get; set; } = "";
    [BindProperty] public string Role { get; set; } = nameof(PortalRole.Viewer);
    [BindProperty] public string InvitationLanguage { get; set; } = "";
    [BindProperty] public string LinkCustomerNumber { get; set; } = "";
    [BindProperty] public string LinkDocumentNumber { get; set; } = "";
    [BindProperty] public string LinkDocumentTotal { get; set; } = "";

    public IReadOnlyList<PortalUser> People { get; private set; } = [];
    public IReadOnlyList<CustomerAccount> LinkedAccounts { get; private set; } = [];
    public PortalUser Me { get; private set; } = null!;
    public string? Notice { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }
        if (!Enum.TryParse<PortalRole>(Role, out var role) || !Enum.IsDefined(role))
        {
            Error = T("Choisissez un rôle.", "Choose a role.");
            return Page();
        }
        var language = LanguageCodes.TryParse(InvitationLanguage, out var chosen) ? chosen : Language;
        var added = await enterpriseUsers.AddAsync(Me, Email, role, language, cancellationToken);
        if (added.Succeeded)
        {
            Notice = T($"Invitation envoyée à {added.Value!.Email}.", $"Invitation sent to {added.Value!.Email}.");
        }
        else
        {
            Error = Message(added.Error!);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostLinkAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }
        var total = TypedAmounts.ReadDollars(LinkDocumentTotal, Language);
        if (!total.Succeeded)
        {
            Error = Message(total.Error!);
            return Page();
        }
        var linked = await enterpriseUsers.LinkAccountAsync(Me, LinkCustomerNumber, LinkDocumentNumber, total.Value.ToDecimal(), cancellationToken);
        if (!linked.Succeeded)
        {
            Error = Message(linked.Error!);
            return Page();
        }
        await LoadAsync(cancellationToken);
        Notice = T($"Le compte {linked.Value!.CustomerNumber} est lié à votre entreprise.", $"Account {linked.Value!.CustomerNumber} is linked to your business.");
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveAsync(long userId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }
        var removed = await enterpriseUsers.RemoveAsync(Me, userId, cancellationToken);
        if (!removed.Succeeded)
        {
            Error = Message(removed.Error!);
            return Page();
        }
        return RedirectToPage();
    }

    /// <summary>Viewers and payers see no such page: false makes the handler refuse.</summary>
    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        Me = (await users.GetUserAsync(User))!;
        if (Me is null || Me.Role != PortalRole.Admin)
        {
            return false;
        }
        People = await enterpriseUsers.ListAsync(Me.EnterpriseId, cancellationToken);
        LinkedAccounts = await access.AccountsOf(User).OrderBy(a => a.CustomerNumber).ToListAsync(cancellationToken);
        return true;
    }
}
