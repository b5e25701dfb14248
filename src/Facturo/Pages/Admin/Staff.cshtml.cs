using Facturo.Data;
using Facturo.Platform;
using Facturo.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Pages.Admin;

public sealed record StaffRow(long Id, string Email, string FullName, StaffRole Role, bool Active, bool PasswordChosen, bool TwoStepSetUp, DateTimeOffset? LastSignInAt);

/// <summary>
/// Administrators manage the staff with no SQL: add someone (who chooses their own password from an emailed link), send a new
/// password link, disable or enable, change a role, reset a lost authenticator. Disabling, changing a role and resetting ask
/// the administrator's password or authenticator code again first. Every action is audited.
/// </summary>
[Authorize(Policy = StaffAuth.AdministratorPolicy)]
public sealed class StaffModel(FacturoDbContext db, AddStaffMember add, ChangeStaffAccess change, StaffSignIn signIn) : Portal.PortalPage
{
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? FullName { get; set; }
    [BindProperty] public StaffRole Role { get; set; }
    [BindProperty] public long Id { get; set; }
    /// <summary>The administrator's own password or authenticator code, asked again before the changes that lock someone out.</summary>
    [BindProperty] public string? Confirmation { get; set; }

    public IReadOnlyList<StaffRow> People { get; private set; } = [];
    public string? Notice { get; private set; }
    public string? Error { get; private set; }

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task OnPostAddAsync(CancellationToken cancellationToken)
    {
        var added = await add.InviteAsync(new NewStaffMember(Email ?? "", FullName ?? "", Role), cancellationToken);
        await ShowAsync(added, staff => T($"{staff.FullName} est ajouté. Un lien pour choisir son mot de passe a été envoyé à {staff.Email} (valide 7 jours).",
            $"{staff.FullName} is added. A link to choose their password was sent to {staff.Email} (valid 7 days)."), cancellationToken);
        if (added.Succeeded)
        {
            (Email, FullName) = (null, null);
            ModelState.Clear();
        }
    }

    public async Task OnPostSendLinkAsync(CancellationToken cancellationToken) =>
        await ShowAsync(await add.SendLinkAsync(Id, cancellationToken),
            staff => T($"Un nouveau lien pour choisir un mot de passe a été envoyé à {staff.Email}.", $"A new link to choose a password was sent to {staff.Email}."), cancellationToken);

    public async Task OnPostEnableAsync(CancellationToken cancellationToken) =>
        await ShowAsync(await change.EnableAsync(Id, StaffActor.SignedInAdministrator, cancellationToken),
            staff => T($"{staff.Email} peut de nouveau se connecter.", $"{staff.Email} may sign in again."), cancellationToken);

    public async Task OnPostDisableAsync(CancellationToken cancellationToken) =>
        await ShowAsync(await AfterStepUpAsync(() => change.DisableAsync(Id, StaffActor.SignedInAdministrator, cancellationToken), cancellationToken),
            staff => T($"{staff.Email} est désactivé ; ses sessions sont fermées.", $"{staff.Email} is disabled; their sessions are ended."), cancellationToken);

    public async Task OnPostRoleAsync(CancellationToken cancellationToken) =>
        await ShowAsync(await AfterStepUpAsync(() => change.ChangeRoleAsync(Id, Role, StaffActor.SignedInAdministrator, cancellationToken), cancellationToken),
            staff => T($"{staff.Email} a maintenant le rôle {RoleName(staff.Role)} ; ses sessions sont fermées.", $"{staff.Email} now has the role {RoleName(staff.Role)}; their sessions are ended."), cancellationToken);

    public async Task OnPostResetTwoStepAsync(CancellationToken cancellationToken) =>
        await ShowAsync(await AfterStepUpAsync(() => change.ResetTwoStepAsync(Id, StaffActor.SignedInAdministrator, cancellationToken), cancellationToken),
            staff => T($"La vérification en deux étapes de {staff.Email} est réinitialisée : ses sessions sont fermées et une nouvelle clé lui sera donnée à sa prochaine connexion. Un courriel l'en avise.",
                $"Two-step verification of {staff.Email} is reset: their sessions are ended and they get a new key at their next sign-in. They are emailed."), cancellationToken);

    public string RoleName(StaffRole role) => role switch
    {
        StaffRole.CustomerRelations => T("Relations clients", "Customer relations"),
        StaffRole.BillingOperator => T("Opérations de facturation", "Billing operator"),
        StaffRole.Sales => T("Ventes", "Sales"),
        _ => T("Administrateur", "Administrator"),
    };

    public string When(DateTimeOffset? at) => at is { } instant
        ? instant.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture)
        : T("jamais", "never");

    private async Task<Outcome<StaffMember>> AfterStepUpAsync(Func<Task<Outcome<StaffMember>>> action, CancellationToken cancellationToken) =>
        await signIn.StepUpAsync(StaffAuth.StaffId(User), Confirmation, cancellationToken) is { } refused ? refused : await action();

    private async Task ShowAsync(Outcome<StaffMember> outcome, Func<StaffMember, string> notice, CancellationToken cancellationToken)
    {
        Notice = outcome.Succeeded ? notice(outcome.Value!) : null;
        Error = outcome.Succeeded ? null : Message(outcome.Error!);
        Confirmation = null;
        await LoadAsync(cancellationToken);
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        People = await db.StaffMembers.AsNoTracking().OrderBy(s => s.DisabledAt != null).ThenBy(s => s.Email)
            .Select(s => new StaffRow(s.Id, s.Email, s.FullName, s.Role, s.DisabledAt == null, s.PasswordHash != "", s.TotpConfirmed, s.LastSignInAt))
            .ToListAsync(cancellationToken);
}
