using Facturo.Accounts;
using Facturo.Data;
using Facturo.Platform;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Portal;

/// <summary>
/// Business → Users: an enterprise's administrators invite people with a role, change roles, withdraw invitations and
/// remove people. Every grant of access is emailed to all the administrators.
/// </summary>
public sealed class EnterpriseUsers(FacturoDbContext db, Invitations invitations, UserManager<PortalUser> users, AdministratorEmails administrators, TimeProvider time, SignInSessions sessions)
{
    public Task<List<PortalUser>> ListAsync(long enterpriseId, CancellationToken cancellationToken) =>
        db.Users.AsNoTracking().Where(u => u.EnterpriseId == enterpriseId && u.RemovedAt == null).OrderBy(u => u.FullName).ToListAsync(cancellationToken);

    public async Task<Outcome<Invitation>> AddAsync(PortalUser admin, string email, PortalRole role, Language language, CancellationToken cancellationToken)
    {
        if (admin.Role != PortalRole.Admin)
        {
            return UserError.Forbidden("portal.admins-only");
        }
        var accountNumber = await db.EnterpriseAccounts.Where(l => l.EnterpriseId == admin.EnterpriseId)
            .Join(db.Accounts, l => l.AccountId, a => a.Id, (l, a) => a.CustomerNumber).OrderBy(n => n).FirstOrDefaultAsync(cancellationToken);
        if (accountNumber is null)
        {
            return UserError.NotFound("account.not-found", "");
        }
        var invited = await invitations.InviteAsync(accountNumber, email, role, language, admin.Id, cancellationToken);
        if (invited.Succeeded)
        {
            await administrators.QueueAsync(admin.EnterpriseId, "user-added", reader => (
                AdministratorEmails.InYourLanguage(reader, $"Utilisateur ajouté : {email}", $"User added: {email}"),
                AdministratorEmails.InYourLanguage(reader,
                    $"Bonjour {reader.FullName},\n\n{admin.FullName} a invité {email} ({RoleName(role, Language.Fr)}) à voir les factures de votre entreprise. L'invitation est valide 7 jours.",
                    $"Hello {reader.FullName},\n\n{admin.FullName} invited {email} ({RoleName(role, Language.En)}) to see your business's invoices. The invitation is valid for 7 days.")),
                cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
        return invited;
    }

    /// <summary>Removes a person: the account is kept for the record, but signing in stops and open sessions end.</summary>
    public async Task<Outcome<PortalUser>> RemoveAsync(PortalUser admin, long userId, CancellationToken cancellationToken)
    {
        if (admin.Role != PortalRole.Admin)
        {
            return UserError.Forbidden("portal.admins-only");
        }
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId && u.EnterpriseId == admin.EnterpriseId && u.RemovedAt == null, cancellationToken);
        if (user is null || user.Id == admin.Id)
        {
            return UserError.NotFound("portal.user-not-found");
        }
        user.RemovedAt = time.GetUtcNow();
        await users.UpdateSecurityStampAsync(user);
        await sessions.EndAllAsync(SessionAudience.Portal, user.Id, cancellationToken);
        return user;
    }

    /// <summary>Invitations into the business that can still register someone: not used, not cancelled, not expired.</summary>
    public async Task<List<Invitation>> PendingInvitationsAsync(long enterpriseId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var pending = await db.Invitations.AsNoTracking().Where(i => i.EnterpriseId == enterpriseId && i.UsedAt == null && i.CancelledAt == null)
            .OrderBy(i => i.Id).ToListAsync(cancellationToken);
        // Compared here: SQLite cannot compare DateTimeOffset columns in SQL.
        return pending.Where(i => i.ExpiresAt > now).ToList();
    }

    /// <summary>Withdraws an invitation not used yet: its link then registers nobody.</summary>
    public async Task<Outcome<Invitation>> CancelInvitationAsync(PortalUser admin, long invitationId, CancellationToken cancellationToken)
    {
        if (admin.Role != PortalRole.Admin)
        {
            return UserError.Forbidden("portal.admins-only");
        }
        var invitation = (await PendingInvitationsAsync(admin.EnterpriseId, cancellationToken)).SingleOrDefault(i => i.Id == invitationId);
        var now = time.GetUtcNow();
        if (invitation is null
            || await db.Invitations.Where(i => i.Id == invitationId && i.UsedAt == null && i.CancelledAt == null).ExecuteUpdateAsync(i => i.SetProperty(x => x.CancelledAt, now), cancellationToken) == 0)
        {
            return UserError.NotFound("portal.invitation-not-found");
        }
        return invitation;
    }

    /// <summary>A business always keeps one administrator: the last one cannot step down.</summary>
    public async Task<Outcome<PortalUser>> ChangeRoleAsync(PortalUser admin, long userId, PortalRole role, CancellationToken cancellationToken)
    {
        if (admin.Role != PortalRole.Admin)
        {
            return UserError.Forbidden("portal.admins-only");
        }
        if (!Enum.IsDefined(role))
        {
            return UserError.Validation("portal.role-required");
        }
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId && u.EnterpriseId == admin.EnterpriseId && u.RemovedAt == null, cancellationToken);
        if (user is null)
        {
            return UserError.NotFound("portal.user-not-found");
        }
        if (user.Role == role)
        {
            return user;
        }
        if (user.Role == PortalRole.Admin
            && await db.Users.CountAsync(u => u.EnterpriseId == admin.EnterpriseId && u.Role == PortalRole.Admin && u.RemovedAt == null, cancellationToken) == 1)
        {
            return UserError.Conflict("portal.last-admin");
        }
        var before = user.Role;
        user.Role = role;
        await administrators.QueueAsync(admin.EnterpriseId, user, "role-changed", reader => (
            AdministratorEmails.InYourLanguage(reader, $"Rôle modifié : {user.Email}", $"Role changed: {user.Email}"),
            AdministratorEmails.InYourLanguage(reader,
                $"Bonjour {reader.FullName},\n\n{admin.FullName} a changé le rôle de {user.FullName} ({user.Email}) : {RoleName(before, Language.Fr)} → {RoleName(role, Language.Fr)}.",
                $"Hello {reader.FullName},\n\n{admin.FullName} changed the role of {user.FullName} ({user.Email}): {RoleName(before, Language.En)} → {RoleName(role, Language.En)}.")),
            cancellationToken);
        // The role travels in the sign-in cookie: a new stamp ends the person's sessions, so the new role applies at once.
        // Saving the stamp also saves the role and the emails queued above, together.
        var updated = await users.UpdateSecurityStampAsync(user);
        if (!updated.Succeeded)
        {
            return UserError.Conflict("portal.user-changed");
        }
        return user;
    }

    public static string RoleName(PortalRole role, Language language) => (role, language) switch
    {
        (PortalRole.Admin, Language.Fr) => "administrateur",
        (PortalRole.Payer, Language.Fr) => "payeur",
        (PortalRole.Viewer, Language.Fr) => "lecture seule",
        (PortalRole.Admin, _) => "administrator",
        (PortalRole.Payer, _) => "payer",
        _ => "viewer",
    };
}
