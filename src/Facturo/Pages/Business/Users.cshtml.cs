using Facturo.Accounts;
using Facturo.Portal;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Facturo.Pages.Business;

[Authorize]
public sealed class UsersModel(EnterpriseUsers enterpriseUsers, UserManager<PortalUser> users) : PortalPage
{
    [BindProperty] public string Email { get; set; } = "";
    [BindProperty] public string Role { get; set; } = nameof(PortalRole.Viewer);
    [BindProperty] public string InvitationLanguage { get; set; } = "";

    public IReadOnlyList<PortalUser> People { get; private set; } = [];
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
        return true;
    }
}
