using Facturo.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Facturo.Platform;

/// <summary>
/// A person's sessions as the application sees them: listed on their Security page, and ended from the application's
/// side ("sign out everywhere", one session signed out, a removed person, a new password, a disabled staff member).
/// </summary>
public sealed class SignInSessions(FacturoDbContext db, TimeProvider time, IOptions<SessionTimeouts> timeouts)
{
    /// <summary>The sessions that still open pages, the most recently used first.</summary>
    public async Task<IReadOnlyList<AuthSession>> OpenAsync(SessionAudience audience, long userId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var theirs = await db.AuthSessions.AsNoTracking().Where(s => s.Audience == audience && s.UserId == userId && s.RevokedAt == null).ToListAsync(cancellationToken);
        return [.. theirs.Where(s => timeouts.Value.Allows(s, now)).OrderByDescending(s => s.LastSeenAt)];
    }

    /// <summary>Ends one of the person's own open sessions; any other id (someone else's, an ended one) changes nothing.</summary>
    public async Task<Outcome<AuthSession>> EndAsync(SessionAudience audience, long userId, long sessionId, CancellationToken cancellationToken)
    {
        var session = await db.AuthSessions.SingleOrDefaultAsync(s => s.Id == sessionId && s.Audience == audience && s.UserId == userId && s.RevokedAt == null, cancellationToken);
        if (session is null)
        {
            return UserError.NotFound("session.not-found");
        }
        session.RevokedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return session;
    }

    /// <summary>Every open session of that person ends now: their next request, from any browser, is refused.</summary>
    public Task<int> EndAllAsync(SessionAudience audience, long userId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return db.AuthSessions.Where(s => s.Audience == audience && s.UserId == userId && s.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, now), cancellationToken);
    }
}
