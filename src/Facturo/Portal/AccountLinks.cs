using System.Globalization;
using System.Security.Cryptography;
using Facturo.Accounts;
using Facturo.Data;
using Facturo.Emails;
using Facturo.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Facturo.Portal;

public sealed record PendingAccountLink(AccountLinkRequest Request, string CustomerNumber, string LegalName);

/// <summary>What the billing contact sees before confirming: which account, and which business and person asked.</summary>
public sealed record AccountLinkToConfirm(AccountLinkRequest Request, CustomerAccount Account, string BusinessName, string AskedByName, string AskedByEmail);

/// <summary>
/// Business → Users → "Link another customer number". An invoice's number and total are printed on it, so they prove
/// someone holds the paper, not that the account is theirs: they only start the link. The account's billing contact
/// on file confirms it from an emailed single-use link before the business sees any of the account's invoices.
/// </summary>
public sealed class AccountLinks(FacturoDbContext db, Invitations invitations, EmailOutbox outbox, AdministratorEmails administrators, TimeProvider time, IOptions<EmailOptions> emailOptions)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    /// <summary>Checks the proof and emails the billing contact; the answers to a wrong proof are the same as before this step existed.</summary>
    public async Task<Outcome<PendingAccountLink>> RequestAsync(PortalUser admin, string customerNumber, string documentNumber, decimal documentTotal, CancellationToken cancellationToken)
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
        if (account is null || !await invitations.ProvesAsync(account.Id, documentNumber, documentTotal, cancellationToken))
        {
            return Invitations.NotProven;
        }
        var linkedTo = await db.EnterpriseAccounts.Where(l => l.AccountId == account.Id).Select(l => (long?)l.EnterpriseId).SingleOrDefaultAsync(cancellationToken);
        if (linkedTo is not null)
        {
            return UserError.Conflict(linkedTo == admin.EnterpriseId ? "portal.account-already-linked" : "portal.account-linked-elsewhere", account.CustomerNumber);
        }
        if ((await PendingForAsync(admin.EnterpriseId, cancellationToken)).Any(p => p.Request.AccountId == account.Id))
        {
            return UserError.Conflict("portal.account-link-pending", account.CustomerNumber);
        }
        // Nobody at the customer can confirm without an address on file, and one typed here would be the requester's own.
        if (!EmailAddresses.IsValid(account.BillingEmail))
        {
            var biller = await db.BillerSettings.AsNoTracking().SingleAsync(cancellationToken);
            return UserError.Validation("portal.account-link-no-billing-email", account.CustomerNumber, biller.SupportPhone);
        }
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = time.GetUtcNow();
        var request = new AccountLinkRequest
        {
            TokenHash = Secrets.Sha256Hex(token),
            EnterpriseId = admin.EnterpriseId,
            AccountId = account.Id,
            RequestedByUserId = admin.Id,
            SentTo = account.BillingEmail.Trim(),
            CreatedAt = now,
            ExpiresAt = now + Lifetime,
        };
        db.AccountLinkRequests.Add(request);
        var business = await db.Enterprises.Where(e => e.Id == admin.EnterpriseId).Select(e => e.Name).SingleAsync(cancellationToken);
        var link = $"{emailOptions.Value.PublicBaseUrl.TrimEnd('/')}/link-account?token={token}";
        var expires = request.ExpiresAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await outbox.QueueAsync("account-link-requested", request.SentTo, account.Language,
            account.Language == Language.Fr ? $"Confirmez-vous ? {business} demande à voir les factures du compte {account.CustomerNumber}" : $"Do you confirm? {business} asks to see the invoices of account {account.CustomerNumber}",
            account.Language == Language.Fr
                ? $"Bonjour,\n\nVous recevez ce courriel comme contact de facturation du compte client {account.CustomerNumber} ({account.LegalName}).\n\n{admin.FullName} ({admin.Email}), de l'entreprise « {business} », demande à lier ce compte à son entreprise dans notre portail de facturation électronique. Ses utilisateurs verraient alors toutes les factures du compte et pourraient les payer.\n\nSi vous connaissez cette entreprise et êtes d'accord, ouvrez ce lien et confirmez (valide jusqu'au {expires}, une seule fois) :\n{link}\n\nSinon, ne faites rien : le compte ne sera pas lié."
                : $"Hello,\n\nYou receive this email as the billing contact of customer account {account.CustomerNumber} ({account.LegalName}).\n\n{admin.FullName} ({admin.Email}), of the business \"{business}\", asks to link this account to their business on our e-billing portal. Its users would then see all of the account's invoices and could pay them.\n\nIf you know this business and agree, open this link and confirm (valid until {expires}, once):\n{link}\n\nOtherwise, do nothing: the account will not be linked.",
            cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return new PendingAccountLink(request, account.CustomerNumber, account.LegalName);
    }

    /// <summary>Requests of the business still waiting for the billing contact: not confirmed, not cancelled, not expired.</summary>
    public async Task<List<PendingAccountLink>> PendingForAsync(long enterpriseId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var pending = await db.AccountLinkRequests.AsNoTracking().Where(r => r.EnterpriseId == enterpriseId && r.ConfirmedAt == null && r.CancelledAt == null)
            .Join(db.Accounts, r => r.AccountId, a => a.Id, (r, a) => new PendingAccountLink(r, a.CustomerNumber, a.LegalName))
            .ToListAsync(cancellationToken);
        // Compared here: SQLite cannot compare DateTimeOffset columns in SQL.
        return pending.Where(p => p.Request.ExpiresAt > now).OrderBy(p => p.Request.Id).ToList();
    }

    /// <summary>Withdraws a request not confirmed yet: its link then links nothing.</summary>
    public async Task<Outcome<PendingAccountLink>> CancelAsync(PortalUser admin, long requestId, CancellationToken cancellationToken)
    {
        if (admin.Role != PortalRole.Admin)
        {
            return UserError.Forbidden("portal.admins-only");
        }
        var pending = (await PendingForAsync(admin.EnterpriseId, cancellationToken)).SingleOrDefault(p => p.Request.Id == requestId);
        var now = time.GetUtcNow();
        if (pending is null
            || await db.AccountLinkRequests.Where(r => r.Id == requestId && r.ConfirmedAt == null && r.CancelledAt == null)
                .ExecuteUpdateAsync(r => r.SetProperty(x => x.CancelledAt, now), cancellationToken) == 0)
        {
            return UserError.NotFound("portal.account-link-not-found");
        }
        return pending;
    }

    /// <summary>The request behind a token if it can still be confirmed; otherwise one answer whatever the reason.</summary>
    public async Task<Outcome<AccountLinkToConfirm>> FindUsableAsync(string? token, CancellationToken cancellationToken)
    {
        var request = string.IsNullOrWhiteSpace(token) ? null
            : await db.AccountLinkRequests.AsNoTracking().SingleOrDefaultAsync(r => r.TokenHash == Secrets.Sha256Hex(token), cancellationToken);
        if (request is null || request.ConfirmedAt is not null || request.CancelledAt is not null || request.ExpiresAt <= time.GetUtcNow()
            || await db.EnterpriseAccounts.AnyAsync(l => l.AccountId == request.AccountId, cancellationToken))
        {
            return UserError.Validation("portal.account-link-unusable");
        }
        var account = await db.Accounts.AsNoTracking().SingleAsync(a => a.Id == request.AccountId, cancellationToken);
        if (await invitations.RefuseIneligibleAsync(account, cancellationToken) is { } refused)
        {
            return refused;
        }
        var business = await db.Enterprises.Where(e => e.Id == request.EnterpriseId).Select(e => e.Name).SingleAsync(cancellationToken);
        var asker = await db.Users.AsNoTracking().Where(u => u.Id == request.RequestedByUserId).Select(u => new { u.FullName, u.Email }).SingleAsync(cancellationToken);
        return new AccountLinkToConfirm(request, account, business, asker.FullName, asker.Email ?? "");
    }

    /// <summary>
    /// The token holder (the billing contact) confirms: only now is the account linked, and the business's administrators are told.
    /// Who is signed in plays no part.
    /// </summary>
    public async Task<Outcome<AccountLinkToConfirm>> ConfirmAsync(string? token, CancellationToken cancellationToken)
    {
        var found = await FindUsableAsync(token, cancellationToken);
        if (!found.Succeeded)
        {
            return found.Error!;
        }
        var (request, account, _, askedBy, _) = found.Value!;
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Claimed first and conditionally, so two submits of the same link confirm once.
        if (await db.AccountLinkRequests.Where(r => r.Id == request.Id && r.ConfirmedAt == null && r.CancelledAt == null)
                .ExecuteUpdateAsync(r => r.SetProperty(x => x.ConfirmedAt, now), cancellationToken) == 0)
        {
            return UserError.Validation("portal.account-link-unusable");
        }
        db.EnterpriseAccounts.Add(new EnterpriseAccount { EnterpriseId = request.EnterpriseId, AccountId = account.Id, LinkedAt = now });
        await administrators.QueueAsync(request.EnterpriseId, "account-linked", reader => (
            AdministratorEmails.InYourLanguage(reader, $"Compte {account.CustomerNumber} lié à votre entreprise", $"Account {account.CustomerNumber} linked to your business"),
            AdministratorEmails.InYourLanguage(reader,
                $"Bonjour {reader.FullName},\n\nLe contact de facturation du compte client {account.CustomerNumber} ({account.LegalName}) a confirmé la demande de {askedBy} : le compte est lié à votre entreprise. Ses factures sont maintenant visibles dans le portail.",
                $"Hello {reader.FullName},\n\nThe billing contact of customer account {account.CustomerNumber} ({account.LegalName}) confirmed the request of {askedBy}: the account is linked to your business. Its invoices are now on the portal.")),
            cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another business's link was confirmed a moment ago; the unique index kept the account in one business.
            return UserError.Validation("portal.account-link-unusable");
        }
        await transaction.CommitAsync(cancellationToken);
        return found.Value!;
    }
}
