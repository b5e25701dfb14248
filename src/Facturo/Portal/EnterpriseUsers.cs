using Facturo.Accounts;
using Facturo.Data;
using Facturo.Emails;
using Facturo.Platform;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Portal;

/// <summary>Business → Users: an enterprise's administrators invite people with a role and remove them.</summary>
public sealed class EnterpriseUsers(FacturoDbContext db, Invitations invitations, UserManager<PortalUser> users, EmailOutbox outbox, TimeProvider time, SignInSessions sessions)
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
            await outbox.QueueAsync("user-added", admin.Email!, admin.Language,
                admin.Language == Language.Fr ? $"Utilisateur ajouté : {email}" : $"User added: {email}",
                admin.Language == Language.Fr
                    ? $"Bonjour {admin.FullName},\n\nVous avez invité {email} ({RoleName(role, Language.Fr)}) à voir les factures de votre entreprise. L'invitation est valide 7 jours."
                    : $"Hello {admin.FullName},\n\nYou invited {email} ({RoleName(role, Language.En)}) to see your business's invoices. The invitation is valid for 7 days.",
                cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
        return invited;
    }

    /// <summary>
    /// Links one more customer number to the business, proven like an invitation request: a recent
    /// invoice or statement and its total. Everyone in the business then sees its invoices.
    /// </summary>
    public async Task<Outcome<CustomerAccount>> LinkAccountAsync(PortalUser admin, string customerNumber, string documentNumber, decimal documentTotal, CancellationToken cancellationToken)
    {
        if (admin.Role != PortalRole.Admin)
        {
            return UserError.Forbidden("portal.admins-only");
        }
        var account = await db.Accounts.AsNoTracking().SingleOrDefaultAsync(a => a.CustomerNumber == customerNumber.Trim(), cancellationToken);
        if (account is not null && await invitations.RefuseIneligibleAsync(account, cancellationToken) is { } refused)
        {
            return refused;
        }
        if (account is null || !await invitations.ProvesAsync(account, documentNumber, documentTotal, cancellationToken))
        {
            return Invitations.NotProven;
        }
        var linkedTo = await db.EnterpriseAccounts.Where(l => l.AccountId == account.Id).Select(l => (long?)l.EnterpriseId).SingleOrDefaultAsync(cancellationToken);
        if (linkedTo is not null)
        {
            return UserError.Conflict(linkedTo == admin.EnterpriseId ? "portal.account-already-linked" : "portal.account-linked-elsewhere", account.CustomerNumber);
        }
        db.EnterpriseAccounts.Add(new EnterpriseAccount { EnterpriseId = admin.EnterpriseId, AccountId = account.Id, LinkedAt = time.GetUtcNow() });
        var admins = await db.Users.AsNoTracking().Where(u => u.EnterpriseId == admin.EnterpriseId && u.Role == PortalRole.Admin && u.RemovedAt == null).ToListAsync(cancellationToken);
        foreach (var person in admins)
        {
            await outbox.QueueAsync("account-linked", person.Email!, person.Language,
                person.Language == Language.Fr ? $"Compte {account.CustomerNumber} lié à votre entreprise" : $"Account {account.CustomerNumber} linked to your business",
                person.Language == Language.Fr
                    ? $"Bonjour {person.FullName},\n\n{admin.FullName} a lié le compte client {account.CustomerNumber} ({account.LegalName}) à votre entreprise. Ses factures sont maintenant visibles dans le portail."
                    : $"Hello {person.FullName},\n\n{admin.FullName} linked customer account {account.CustomerNumber} ({account.LegalName}) to your business. Its invoices are now on the portal.",
                cancellationToken);
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Someone linked the same account a moment ago; the unique index kept it in one business.
            return UserError.Conflict("portal.account-linked-elsewhere", account.CustomerNumber);
        }
        return account;
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
