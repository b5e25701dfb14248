using Facturo.Data;
using Facturo.Platform;
using Facturo.Staff;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Emails;

/// <summary>
/// Staff send failed emails again (one, or all once the cause is fixed: a mailbox restored, a relay setting corrected):
/// each is pending at once with three new days of retries. Audited, in the same transaction as the change.
/// </summary>
public sealed class RequeueEmails(FacturoDbContext db, StaffAudit audit, TimeProvider time)
{
    public async Task<Outcome<OutboxEmail>> OneAsync(long emailId, CancellationToken cancellationToken)
    {
        var email = await db.OutboxEmails.SingleOrDefaultAsync(e => e.Id == emailId && e.State == EmailState.Failed, cancellationToken);
        if (email is null)
        {
            return UserError.NotFound("admin.email-not-failed");
        }
        return await db.InTransactionAsync<OutboxEmail>(async () =>
        {
            var before = new { State = email.State.ToString(), email.ToAddress, email.Attempts, email.LastError };
            email.Requeue(time.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync("email.requeue", $"email {email.Id}", before, new { State = email.State.ToString() }, cancellationToken);
            return email;
        }, cancellationToken);
    }

    /// <returns>How many were requeued.</returns>
    public async Task<Outcome<int>> AllFailedAsync(CancellationToken cancellationToken)
    {
        return await db.InTransactionAsync<int>(async () =>
        {
            var now = time.GetUtcNow();
            // What OutboxEmail.Requeue does, set-based: after a long outage thousands may have failed.
            var requeued = await db.OutboxEmails.Where(e => e.State == EmailState.Failed).ExecuteUpdateAsync(set => set
                .SetProperty(e => e.State, EmailState.Pending)
                .SetProperty(e => e.Attempts, 0)
                .SetProperty(e => e.FirstAttemptAt, (DateTimeOffset?)null)
                .SetProperty(e => e.NextAttemptAt, now), cancellationToken);
            if (requeued > 0)
            {
                await audit.RecordAsync("email.requeue-all", "emails", new { Failed = requeued }, new { Requeued = requeued }, cancellationToken);
            }
            return requeued;
        }, cancellationToken);
    }
}
