using Facturo.Data;
using Facturo.Emails;
using Facturo.Platform;
using Facturo.Portal;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Staff;

public sealed record AccessRequestRow(AccessRequest Request, string CustomerNumber, string LegalName);

/// <summary>
/// Requests for accounts not on the portal and with no billing email on file: nobody at the customer can approve
/// them, so a customer-relations agent confirms an address with the customer (by the phone on file, say) and
/// invites it, or refuses. Both decisions are in the audit log.
/// </summary>
public sealed class AccessRequestReviews(FacturoDbContext db, Invitations invitations, StaffAudit audit, BillerClock clock)
{
    public async Task<IReadOnlyList<AccessRequestRow>> PendingAsync(CancellationToken cancellationToken) =>
        await db.AccessRequests.AsNoTracking().Where(r => r.EnterpriseId == null && r.Status == AccessRequestStatus.Pending).OrderBy(r => r.Id).Take(200)
            .Join(db.Accounts, r => r.AccountId, a => a.Id, (r, a) => new AccessRequestRow(r, a.CustomerNumber, a.LegalName))
            .ToListAsync(cancellationToken);

    /// <summary>Invites the address the agent confirmed, which may differ from the one the requester typed.</summary>
    public async Task<Outcome<Invitation>> InviteAsync(long requestId, string confirmedEmail, CancellationToken cancellationToken)
    {
        var (request, account) = await FindAsync(requestId, cancellationToken);
        if (request is null || account is null)
        {
            return UserError.NotFound("portal.access-request-not-found");
        }
        if (!EmailAddresses.IsValid(confirmedEmail))
        {
            return UserError.Validation("portal.invalid-email", confirmedEmail);
        }
        // Since the request, someone may have founded the account's business: from then on its administrators decide.
        if (await db.EnterpriseAccounts.AnyAsync(l => l.AccountId == account.Id, cancellationToken))
        {
            return UserError.Conflict("admin.access-request-now-on-portal", account.CustomerNumber);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await DecideAsync(requestId, AccessRequestStatus.Invited, cancellationToken))
        {
            return UserError.NotFound("portal.access-request-not-found");
        }
        var invited = await invitations.InviteAsync(account.CustomerNumber, confirmedEmail, PortalRole.Admin, request.Language, null, cancellationToken);
        if (!invited.Succeeded)
        {
            return invited.Error!;
        }
        await db.AccessRequests.Where(r => r.Id == requestId).ExecuteUpdateAsync(r => r.SetProperty(x => x.InvitationId, invited.Value!.Id).SetProperty(x => x.GrantedRole, PortalRole.Admin), cancellationToken);
        await audit.RecordAsync("portal.access-request.invite", CustomerRelations.Subject(account),
            new { request.FullName, RequestedEmail = request.Email, request.FromAddress }, new { Email = confirmedEmail.Trim(), Role = nameof(PortalRole.Admin) }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return invited;
    }

    public async Task<Outcome<AccessRequest>> RefuseAsync(long requestId, CancellationToken cancellationToken)
    {
        var (request, account) = await FindAsync(requestId, cancellationToken);
        if (request is null || account is null)
        {
            return UserError.NotFound("portal.access-request-not-found");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await DecideAsync(requestId, AccessRequestStatus.Refused, cancellationToken))
        {
            return UserError.NotFound("portal.access-request-not-found");
        }
        await audit.RecordAsync("portal.access-request.refuse", CustomerRelations.Subject(account),
            new { request.FullName, RequestedEmail = request.Email, request.FromAddress }, new { Status = nameof(AccessRequestStatus.Refused) }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return request;
    }

    private async Task<(AccessRequest? Request, Accounts.CustomerAccount? Account)> FindAsync(long requestId, CancellationToken cancellationToken)
    {
        var request = await db.AccessRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == requestId && r.EnterpriseId == null && r.Status == AccessRequestStatus.Pending, cancellationToken);
        var account = request is null ? null : await db.Accounts.AsNoTracking().SingleAsync(a => a.Id == request.AccountId, cancellationToken);
        return (request, account);
    }

    private async Task<bool> DecideAsync(long requestId, AccessRequestStatus status, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        var staffId = audit.CurrentStaffId;
        return await db.AccessRequests.Where(r => r.Id == requestId && r.Status == AccessRequestStatus.Pending)
            .ExecuteUpdateAsync(r => r.SetProperty(x => x.Status, status).SetProperty(x => x.DecidedAt, now).SetProperty(x => x.DecidedByStaffId, staffId), cancellationToken) == 1;
    }
}
