using Facturo.Data;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Emails;

/// <summary>
/// Each dispatcher (one per <c>facturo serve</c>) claims the pending emails it is about to send, so that with several
/// nodes on one database each email is sent by one of them. A claim is a lease: the node's name and an end time; a
/// node that dies holding emails leaves them to the others once the lease ends.
/// </summary>
public static class OutboxClaims
{
    /// <summary>Claims up to <paramref name="count"/> emails due now and not claimed by anyone else, oldest first; returns their ids.</summary>
    public static async Task<IReadOnlyList<long>> ClaimAsync(FacturoDbContext db, string node, DateTimeOffset now, DateTimeOffset until, int count, CancellationToken cancellationToken)
    {
        var pending = nameof(EmailState.Pending);
        if (db.Provider == DatabaseProvider.Postgres)
        {
            // SKIP LOCKED: a node claiming at the same moment takes the next rows instead of waiting for these, or taking them too.
            return await db.Database.SqlQuery<long>($"""
                UPDATE outbox_emails SET claimed_by = {node}, claimed_until = {until}
                WHERE id IN (SELECT id FROM outbox_emails
                             WHERE state = {pending} AND next_attempt_at <= {now} AND (claimed_until IS NULL OR claimed_until <= {now})
                             ORDER BY id LIMIT {count} FOR UPDATE SKIP LOCKED)
                RETURNING id AS "Value"
                """).ToListAsync(cancellationToken);
        }
        // SQLite has one writer at a time: the statement reads and claims under that lock. Timestamps are stored as text;
        // julianday() compares them as instants whatever their offset.
        return await db.Database.SqlQuery<long>($"""
            UPDATE outbox_emails SET claimed_by = {node}, claimed_until = {until}
            WHERE id IN (SELECT id FROM outbox_emails
                         WHERE state = {pending} AND julianday(next_attempt_at) <= julianday({now})
                           AND (claimed_until IS NULL OR julianday(claimed_until) <= julianday({now}))
                         ORDER BY id LIMIT {count})
            RETURNING id AS "Value"
            """).ToListAsync(cancellationToken);
    }

    /// <summary>Gives back the claims on emails the node did not get to, so any node may send them at once.</summary>
    public static Task ReleaseAsync(FacturoDbContext db, string node, IReadOnlyCollection<long> ids, CancellationToken cancellationToken) =>
        db.OutboxEmails.Where(e => ids.Contains(e.Id) && e.ClaimedBy == node)
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.ClaimedBy, (string?)null).SetProperty(e => e.ClaimedUntil, (DateTimeOffset?)null), cancellationToken);
}
