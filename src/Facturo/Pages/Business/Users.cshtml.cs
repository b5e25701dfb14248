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
public sealed class UsersModel(EnterpriseUsers enterpriseUsers, AccessRequests accessRequests, AccountLinks accountLinks, UserManager<PortalUser> users, PortalAccess access) : PortalPage
{
    [BindProperty] public string Email { get; set; } = "";
    [BindProperty] public string Role { get; set; } = nameof(PortalRole.Viewer);
    [BindProperty] public string InvitationLanguage { get; set; } = "";
    [BindProperty] public string LinkCustomerNumber { get; set; } = "";
    [BindProperty] public string LinkDocumentNumber { get; set; } = "";
    [BindProperty] public string LinkDocumentTotal { get; set; } = "";

    public IReadOnlyList<PortalUser> People { get; private set; } = [];
    public IReadOnlyList<CustomerAccount> LinkedAccounts { get; private set; } = [];
    public IReadOnlyList<AccessRequest> Requests { get; private set; } = [];
    public IReadOnlyList<Invitation> Invitations { get; private set; } = [];
    public IReadOnlyList<PendingAccountLink> PendingLinks { get; private set; } = [];
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
        var asked = await accountLinks.RequestAsync(Me, LinkCustomerNumber, LinkDocumentNumber, total.Value.ToDecimal(), cancellationToken);
        var number = asked.Value?.CustomerNumber;
        return await AnswerAsync(asked.Error, T($"Le contact de facturation du compte {number} doit confirmer : nous lui avons envoyé un lien par courriel, valide 7 jours. Le compte sera lié à votre entreprise dès sa confirmation.",
            $"The billing contact of account {number} must confirm: we emailed them a link, valid for 7 days. The account will be linked to your business as soon as they confirm."), cancellationToken);
    }

    public async Task<IActionResult> OnPostCancelLinkAsync(long linkRequestId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }
        var cancelled = await accountLinks.CancelAsync(Me, linkRequestId, cancellationToken);
        return await AnswerAsync(cancelled.Error, T($"Demande de lien du compte {cancelled.Value?.CustomerNumber} annulée.", $"Link request for account {cancelled.Value?.CustomerNumber} cancelled."), cancellationToken);
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

    public async Task<IActionResult> OnPostApproveAsync(long requestId, string role, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }
        if (!TryReadRole(role, out var chosen))
        {
            Error = Message(UserError.Validation("portal.role-required"));
            return Page();
        }
        var approved = await accessRequests.ApproveAsync(Me, requestId, chosen, cancellationToken);
        return await AnswerAsync(approved.Error, T($"Invitation envoyée à {approved.Value?.Email}.", $"Invitation sent to {approved.Value?.Email}."), cancellationToken);
    }

    public async Task<IActionResult> OnPostRefuseAsync(long requestId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }
        var refused = await accessRequests.RefuseAsync(Me, requestId, cancellationToken);
        return await AnswerAsync(refused.Error, T($"Demande de {refused.Value?.Email} refusée.", $"Request from {refused.Value?.Email} refused."), cancellationToken);
    }

    public async Task<IActionResult> OnPostCancelInvitationAsync(long invitationId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }
        var cancelled = await enterpriseUsers.CancelInvitationAsync(Me, invitationId, cancellationToken);
        return await AnswerAsync(cancelled.Error, T($"Invitation à {cancelled.Value?.Email} annulée.", $"Invitation to {cancelled.Value?.Email} cancelled."), cancellationToken);
    }

    public async Task<IActionResult> OnPostRoleAsync(long userId, string role, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }
        if (!TryReadRole(role, out var chosen))
        {
            Error = Message(UserError.Validation("portal.role-required"));
            return Page();
        }
        var changed = await enterpriseUsers.ChangeRoleAsync(Me, userId, chosen, cancellationToken);
        if (changed.Succeeded && changed.Value!.Id == Me.Id && chosen != PortalRole.Admin)
        {
            // No longer an administrator: this page is not theirs any more.
            return Redirect("/summary");
        }
        return await AnswerAsync(changed.Error, T($"Rôle de {changed.Value?.FullName} : {EnterpriseUsers.RoleName(chosen, Language.Fr)}.", $"Role of {changed.Value?.FullName}: {EnterpriseUsers.RoleName(chosen, Language.En)}."), cancellationToken);
    }

    private async Task<IActionResult> AnswerAsync(UserError? error, string notice, CancellationToken cancellationToken)
    {
        if (error is not null)
        {
            Error = Message(error);
            return Page();
        }
        await LoadAsync(cancellationToken);
        Notice = notice;
        return Page();
    }

    private static bool TryReadRole(string? text, out PortalRole role) => Enum.TryParse(text, out role) && Enum.IsDefined(role) && !int.TryParse(text, out _);

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
        Requests = await accessRequests.PendingForAsync(Me.EnterpriseId, cancellationToken);
        Invitations = await enterpriseUsers.PendingInvitationsAsync(Me.EnterpriseId, cancellationToken);
        PendingLinks = await accountLinks.PendingForAsync(Me.EnterpriseId, cancellationToken);
        return true;
    }
}
