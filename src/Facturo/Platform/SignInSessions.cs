using Facturo.Data;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Platform;

/// <summary>Ends sessions from the application's side: "sign out everywhere", a removed person, a new password, a disabled staff member.</summary>
public sealed class SignInSessions(FacturoDbContext db, TimeProvider time)
{
    /// <summary>Every open session of that person ends now: their next request, from any browser, is refused.</summary>
    public Task<int> EndAllAsync(SessionAudience audience, long userId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return db.AuthSessions.Where(s => s.Audience == audience && s.UserId == userId && s.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, now), cancellationToken);
    }
}
