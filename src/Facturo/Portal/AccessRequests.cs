using System.Globalization;
using Facturo.Accounts;
using Facturo.Data;
using Facturo.Emails;
using Facturo.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Facturo.Portal;

public sealed record InvitationRequestForm(string CustomerNumber, string DocumentNumber, decimal DocumentTotal, string FullName, string Email, Language Language);

/// <summary>
/// "Request an invitation": a person proves an account with a recent invoice's number and total. Both are printed
/// on the invoice, so they prove possession of paper, not membership of the business: the invitation never goes
/// to the address typed. An account already on the portal asks its administrators; one not yet on the portal is
/// invited at the billing email on file, or waits for customer relations when there is none.
/// </summary>
public sealed class AccessRequests(FacturoDbContext db, Invitations invitations, AdministratorEmails administrators, TimeProvider time, IOptions<EmailOptions> emailOptions, BillerClock clock)
{
    /// <summary>Every answer takes at least this long, so its timing does not tell which of the paths above was taken.</summary>
    public static readonly TimeSpan MinimumAnswerTime = TimeSpan.FromMilliseconds(400);

    /// <summary>Null when the request was taken; the page then says the same thing whatever happened to it.</summary>
    public async Task<UserError?> SubmitAsync(InvitationRequestForm form, string fromAddress, CancellationToken cancellationToken) =>
        await EvenAnswers.AtLeastAsync(MinimumAnswerTime, () => TakeAsync(form, fromAddress, cancellationToken), cancellationToken);

    private async Task<UserError?> TakeAsync(InvitationRequestForm form, string fromAddress, CancellationToken cancellationToken)
    {
        var name = form.FullName.Trim();
        var email = form.Email.Trim();
        var number = form.CustomerNumber.Trim();
        if (name.Length is 0 or > 200)
        {
            return UserError.Validation("portal.name-required");
        }
        if (!EmailAddresses.IsValid(email))
        {
            return UserError.Validation("portal.invalid-email", form.Email);
        }
        // Eligibility is a rule about the number itself, so saying it reveals nothing about whether the account exists.
        var setUp = await db.SetUpBillerAsync(cancellationToken);
        if (!setUp.Succeeded)
        {
            return setUp.Error!;
        }
        var biller = setUp.Value!;
        if (!biller.IsEligibleForEBilling(number))
        {
            return UserError.Validation("portal.not-eligible", number, biller.SupportPhone);
        }
        var account = await db.Accounts.AsNoTracking().SingleOrDefaultAsync(a => a.CustomerNumber == number, cancellationToken);
        // The same queries run for an unknown number as for a known one.
        var accountId = account?.Id ?? 0;
        var proven = await invitations.ProvesAsync(accountId, form.DocumentNumber, form.DocumentTotal, cancellationToken);
        var enterpriseId = await db.EnterpriseAccounts.Where(l => l.AccountId == accountId).Select(l => (long?)l.EnterpriseId).SingleOrDefaultAsync(cancellationToken);
        var alreadyPending = await db.AccessRequests.AnyAsync(r => r.AccountId == accountId && r.Email == email && r.Status == AccessRequestStatus.Pending, cancellationToken);
        if (account is null || !proven || alreadyPending)
        {
            return null;
        }
        var request = new AccessRequest
        {
            AccountId = account.Id,
            EnterpriseId = enterpriseId,
            FullName = name,
            Email = email,
            Language = form.Language,
            RequestedAt = time.GetUtcNow(),
            FromAddress = fromAddress.Length > 64 ? fromAddress[..64] : fromAddress,
            Status = AccessRequestStatus.Pending,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.AccessRequests.Add(request);
        if (enterpriseId is { } business)
        {
            await AskAdministratorsAsync(business, account, request, cancellationToken);
        }
        else if (EmailAddresses.IsValid(account.BillingEmail))
        {
            var invited = await invitations.InviteAsync(account.CustomerNumber, account.BillingEmail, PortalRole.Admin, account.Language, null, $"{name} <{email}>", cancellationToken);
            if (!invited.Succeeded)
            {
                return null;
            }
            request.Status = AccessRequestStatus.Invited;
            request.GrantedRole = PortalRole.Admin;
            request.DecidedAt = request.RequestedAt;
            request.InvitationId = invited.Value!.Id;
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    private Task AskAdministratorsAsync(long enterpriseId, CustomerAccount account, AccessRequest request, CancellationToken cancellationToken)
    {
        var at = clock.Local(request.RequestedAt).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        var page = $"{emailOptions.Value.PublicBaseUrl.TrimEnd('/')}/business/users";
        return administrators.QueueAsync(enterpriseId, "access-requested", admin => (
            AdministratorEmails.InYourLanguage(admin, $"Demande d'accès au portail – compte {account.CustomerNumber}", $"Portal access request – account {account.CustomerNumber}"),
            AdministratorEmails.InYourLanguage(admin,
                $"Bonjour {admin.FullName},\n\n{request.FullName} ({request.Email}) demande l'accès au portail de votre entreprise, avec le numéro et le montant d'une facture récente du compte {account.CustomerNumber} ({account.LegalName}). Demande faite le {at} depuis l'adresse {request.FromAddress}.\n\nAucune invitation n'a été envoyée. Pour l'approuver en choisissant le rôle, ou la refuser, ouvrez Entreprise – Utilisateurs :\n{page}\n\nSi vous ne connaissez pas cette personne, refusez : quelqu'un a peut-être en main une de vos factures.",
                $"Hello {admin.FullName},\n\n{request.FullName} ({request.Email}) asks to join your business on the portal, with the number and total of a recent invoice of account {account.CustomerNumber} ({account.LegalName}). Asked on {at} from address {request.FromAddress}.\n\nNo invitation was sent. To approve it with a role, or refuse it, open Business – Users:\n{page}\n\nIf you do not know this person, refuse: someone may have one of your invoices.")),
            cancellationToken);
    }

    public Task<List<AccessRequest>> PendingForAsync(long enterpriseId, CancellationToken cancellationToken) =>
        db.AccessRequests.AsNoTracking().Where(r => r.EnterpriseId == enterpriseId && r.Status == AccessRequestStatus.Pending).OrderBy(r => r.Id).ToListAsync(cancellationToken);

    /// <summary>An administrator lets the requester in with the role they choose: only now does the requester get an invitation.</summary>
    public async Task<Outcome<Invitation>> ApproveAsync(PortalUser admin, long requestId, PortalRole role, CancellationToken cancellationToken)
    {
        if (admin.Role != PortalRole.Admin)
        {
            return UserError.Forbidden("portal.admins-only");
        }
        var request = await db.AccessRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == requestId && r.EnterpriseId == admin.EnterpriseId && r.Status == AccessRequestStatus.Pending, cancellationToken);
        if (request is null)
        {
            return UserError.NotFound("portal.access-request-not-found");
        }
        var account = await db.Accounts.AsNoTracking().SingleAsync(a => a.Id == request.AccountId, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Claimed first and conditionally, so two administrators deciding at once send one invitation at most.
        if (!await DecideAsync(requestId, AccessRequestStatus.Invited, role, admin.Id, cancellationToken))
        {
            return UserError.NotFound("portal.access-request-not-found");
        }
        var invited = await invitations.InviteAsync(account.CustomerNumber, request.Email, role, request.Language, admin.Id, cancellationToken);
        if (!invited.Succeeded)
        {
            return invited.Error!;
        }
        await db.AccessRequests.Where(r => r.Id == requestId).ExecuteUpdateAsync(r => r.SetProperty(x => x.InvitationId, invited.Value!.Id), cancellationToken);
        await administrators.QueueAsync(admin.EnterpriseId, "access-granted", reader => (
            AdministratorEmails.InYourLanguage(reader, $"Accès accordé : {request.Email}", $"Access granted: {request.Email}"),
            AdministratorEmails.InYourLanguage(reader,
                $"Bonjour {reader.FullName},\n\n{admin.FullName} a approuvé la demande d'accès de {request.FullName} ({request.Email}) avec le rôle {EnterpriseUsers.RoleName(role, Language.Fr)}. Une invitation, valide 7 jours, lui a été envoyée.",
                $"Hello {reader.FullName},\n\n{admin.FullName} approved the access request of {request.FullName} ({request.Email}) as {EnterpriseUsers.RoleName(role, Language.En)}. An invitation, valid for 7 days, was sent to them.")),
            cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return invited;
    }

    /// <summary>
    /// Nothing is sent to the requester: the address was typed by whoever held the invoice and was never
    /// verified, and a refusal would confirm to a stranger that the account is on the portal. A colleague
    /// refused by mistake hears it from their administrator, who can approve a new request.
    /// </summary>
    public async Task<Outcome<AccessRequest>> RefuseAsync(PortalUser admin, long requestId, CancellationToken cancellationToken)
    {
        if (admin.Role != PortalRole.Admin)
        {
            return UserError.Forbidden("portal.admins-only");
        }
        var request = await db.AccessRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == requestId && r.EnterpriseId == admin.EnterpriseId, cancellationToken);
        if (request is null || !await DecideAsync(requestId, AccessRequestStatus.Refused, null, admin.Id, cancellationToken))
        {
            return UserError.NotFound("portal.access-request-not-found");
        }
        return request;
    }

    private async Task<bool> DecideAsync(long requestId, AccessRequestStatus status, PortalRole? role, long adminId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return await db.AccessRequests.Where(r => r.Id == requestId && r.Status == AccessRequestStatus.Pending)
            .ExecuteUpdateAsync(r => r.SetProperty(x => x.Status, status).SetProperty(x => x.GrantedRole, role).SetProperty(x => x.DecidedAt, now).SetProperty(x => x.DecidedByUserId, adminId), cancellationToken) == 1;
    }
}
