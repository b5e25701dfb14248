using System.Security.Cryptography;
using System.Text;
using Facturo.Accounts;
using Facturo.Billing;
using Facturo.Data;
using Facturo.Emails;
using Facturo.Platform;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Facturo.Portal;

public sealed record RegistrationForm(string FullName, string Password, Language Language, string Question1, string Answer1, string Question2, string Answer2);

/// <summary>
/// Invitations to the portal and the registrations they allow. The biller's e-billing eligibility rule
/// is checked both when inviting and when registering, since it can change in between.
/// </summary>
public sealed class Invitations(FacturoDbContext db, EmailOutbox outbox, UserManager<PortalUser> users, TimeProvider time, IOptions<EmailOptions> emailOptions)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    public Task<Outcome<Invitation>> InviteAsync(string customerNumber, string email, PortalRole role, Language language, long? invitedBy, CancellationToken cancellationToken) =>
        InviteAsync(customerNumber, email, role, language, invitedBy, null, cancellationToken);

    /// <param name="requestedBy">Who asked for access ("name &lt;email&gt;"), told to the billing contact so they know why the invitation came.</param>
    public async Task<Outcome<Invitation>> InviteAsync(string customerNumber, string email, PortalRole role, Language language, long? invitedBy, string? requestedBy, CancellationToken cancellationToken)
    {
        var account = await db.Accounts.AsNoTracking().SingleOrDefaultAsync(a => a.CustomerNumber == customerNumber.Trim(), cancellationToken);
        if (account is null)
        {
            return UserError.NotFound("account.not-found", customerNumber);
        }
        if (await RefuseIneligibleAsync(account, cancellationToken) is { } refused)
        {
            return refused;
        }
        if (!EmailAddresses.IsValid(email))
        {
            return UserError.Validation("portal.invalid-email", email);
        }
        var enterpriseId = await db.EnterpriseAccounts.Where(l => l.AccountId == account.Id).Select(l => (long?)l.EnterpriseId).SingleOrDefaultAsync(cancellationToken);
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = time.GetUtcNow();
        var invitation = new Invitation
        {
            TokenHash = HashToken(token),
            Email = email.Trim(),
            AccountId = account.Id,
            EnterpriseId = enterpriseId,
            Role = enterpriseId is null ? PortalRole.Admin : role,
            Language = language,
            CreatedAt = now,
            ExpiresAt = now + Lifetime,
            InvitedByUserId = invitedBy,
        };
        db.Invitations.Add(invitation);
        var link = $"{emailOptions.Value.PublicBaseUrl.TrimEnd('/')}/register?token={token}";
        var expires = invitation.ExpiresAt.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var why = requestedBy is null ? ""
            : language == Language.Fr
                ? $"\n\nCette invitation vous est envoyée, comme contact de facturation du compte, parce que {requestedBy} a demandé l'accès au portail avec une facture récente. Si vous ne connaissez pas cette demande, ne faites rien : personne d'autre n'a reçu de lien."
                : $"\n\nThis invitation is sent to you, the account's billing contact, because {requestedBy} asked for portal access with a recent invoice. If you do not know about this request, do nothing: nobody else was sent a link.";
        await outbox.QueueAsync("invitation", invitation.Email, language,
            language == Language.Fr ? $"Invitation à la facturation électronique – compte {account.CustomerNumber}" : $"Your e-billing invitation – account {account.CustomerNumber}",
            language == Language.Fr
                ? $"Bonjour,\n\nVous êtes invité à consulter les factures du compte {account.CustomerNumber} ({account.LegalName}) sur notre portail de facturation électronique.\n\nPour vous inscrire, ouvrez ce lien (valide jusqu'au {expires}, une seule fois) :\n{link}{why}"
                : $"Hello,\n\nYou are invited to see the invoices of account {account.CustomerNumber} ({account.LegalName}) on our e-billing portal.\n\nTo register, open this link (valid until {expires}, once):\n{link}{why}",
            cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return invitation;
    }

    internal static UserError NotProven => UserError.Validation("portal.request-not-proven", RecentDocumentDays);

    /// <summary>Only someone holding the account's paperwork knows a document of the last months and its exact total.</summary>
    internal async Task<bool> ProvesAsync(long accountId, string documentNumber, decimal documentTotal, CancellationToken cancellationToken)
    {
        var since = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays(-RecentDocumentDays);
        var totalCents = decimal.ToInt64(decimal.Round(documentTotal * 100m));
        if (PortalAccess.TryParseInvoiceNumber(documentNumber, out var invoiceId))
        {
            return await db.Invoices.AnyAsync(i => i.Id == invoiceId && i.AccountId == accountId && i.IssueDate >= since && i.TotalCents == totalCents, cancellationToken);
        }
        return Statement.TryParseNumber(documentNumber, out var statementId)
            && await db.Statements.AnyAsync(s => s.Id == statementId && s.AccountId == accountId && s.IssueDate >= since && s.TotalCents == totalCents, cancellationToken);
    }

    private const int RecentDocumentDays = 180;

    /// <summary>The invitation behind a token if it can still be used; otherwise why not.</summary>
    public async Task<Outcome<Invitation>> FindUsableAsync(string? token, CancellationToken cancellationToken)
    {
        var invitation = string.IsNullOrWhiteSpace(token) ? null : await db.Invitations.SingleOrDefaultAsync(i => i.TokenHash == HashToken(token), cancellationToken);
        if (invitation is null || invitation.UsedAt is not null || invitation.CancelledAt is not null || invitation.ExpiresAt <= time.GetUtcNow())
        {
            return UserError.Validation("portal.invitation-unusable");
        }
        // An invitation to found the account's business is void once someone else founded it: it must not make a second administrator.
        if (invitation.EnterpriseId is null && await db.EnterpriseAccounts.AnyAsync(l => l.AccountId == invitation.AccountId, cancellationToken))
        {
            return UserError.Validation("portal.invitation-unusable");
        }
        var account = await db.Accounts.AsNoTracking().SingleAsync(a => a.Id == invitation.AccountId, cancellationToken);
        if (await RefuseIneligibleAsync(account, cancellationToken) is { } refused)
        {
            return refused;
        }
        return invitation;
    }

    public async Task<Outcome<PortalUser>> RegisterAsync(string? token, RegistrationForm form, CancellationToken cancellationToken)
    {
        var found = await FindUsableAsync(token, cancellationToken);
        if (!found.Succeeded)
        {
            return found.Error!;
        }
        var invitation = found.Value!;
        if (string.IsNullOrWhiteSpace(form.FullName) || form.FullName.Length > 200)
        {
            return UserError.Validation("portal.name-required");
        }
        if (!SecurityQuestions.All.ContainsKey(form.Question1) || !SecurityQuestions.All.ContainsKey(form.Question2) || form.Question1 == form.Question2
            || string.IsNullOrWhiteSpace(form.Answer1) || string.IsNullOrWhiteSpace(form.Answer2))
        {
            return UserError.Validation("portal.security-questions-required");
        }
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Claimed first and conditionally, so two submits of the same invitation cannot both register.
        var claimed = await db.Invitations.Where(i => i.Id == invitation.Id && i.UsedAt == null).ExecuteUpdateAsync(i => i.SetProperty(x => x.UsedAt, now), cancellationToken);
        if (claimed == 0)
        {
            return UserError.Validation("portal.invitation-unusable");
        }
        var enterpriseId = invitation.EnterpriseId ?? await CreateEnterpriseForAsync(invitation.AccountId, now, cancellationToken);
        var user = new PortalUser
        {
            UserName = invitation.Email,
            Email = invitation.Email,
            EmailConfirmed = true,
            EnterpriseId = enterpriseId,
            Role = invitation.Role,
            FullName = form.FullName.Trim(),
            Language = form.Language,
            SecurityQuestion1 = form.Question1,
            SecurityAnswer1Hash = "",
            SecurityQuestion2 = form.Question2,
            SecurityAnswer2Hash = "",
            CreatedAt = now,
        };
        user.SecurityAnswer1Hash = SecurityQuestions.Hash(user, form.Answer1);
        user.SecurityAnswer2Hash = SecurityQuestions.Hash(user, form.Answer2);
        var created = await users.CreateAsync(user, form.Password);
        if (!created.Succeeded)
        {
            return created.Errors.Any(e => e.Code is "DuplicateUserName" or "DuplicateEmail")
                ? UserError.Validation("portal.email-taken")
                : Passwords.PortalPasswordValidator.RefusalIn(created) ?? UserError.Validation("portal.invalid-email", invitation.Email);
        }
        await transaction.CommitAsync(cancellationToken);
        return user;
    }

    private async Task<long> CreateEnterpriseForAsync(long accountId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var account = await db.Accounts.AsNoTracking().SingleAsync(a => a.Id == accountId, cancellationToken);
        var enterprise = new Enterprise { Name = account.LegalName, CreatedAt = now };
        db.Enterprises.Add(enterprise);
        await db.SaveChangesAsync(cancellationToken);
        db.EnterpriseAccounts.Add(new EnterpriseAccount { EnterpriseId = enterprise.Id, AccountId = accountId, LinkedAt = now });
        await db.SaveChangesAsync(cancellationToken);
        return enterprise.Id;
    }

    internal async Task<UserError?> RefuseIneligibleAsync(CustomerAccount account, CancellationToken cancellationToken)
    {
        var setUp = await db.SetUpBillerAsync(cancellationToken);
        if (!setUp.Succeeded)
        {
            return setUp.Error;
        }
        var biller = setUp.Value!;
        return biller.IsEligibleForEBilling(account.CustomerNumber)
            ? null
            : UserError.Validation("portal.not-eligible", account.CustomerNumber, biller.SupportPhone);
    }

    private static string HashToken(string token) => Secrets.Sha256Hex(token);
}
