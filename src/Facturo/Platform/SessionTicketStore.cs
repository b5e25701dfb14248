using System.Buffers.Text;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Facturo.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Facturo.Platform;

/// <summary>
/// Keeps every sign-in on the server (the cookie handler's SessionStore): the cookie carries a random key, the
/// auth_sessions row its hash and the sealed ticket. A request is refused when its row is gone, revoked, idle too long
/// or past its absolute limit, so signing out ends a session at once, even for a copy of the cookie.
/// </summary>
/// <remarks>Writes use a context of their own: a session row is written whatever the page's own unit of work does.</remarks>
public sealed class SessionTicketStore(IServiceScopeFactory scopes, IDataProtectionProvider protection, TimeProvider time, IOptions<SessionTimeouts> timeouts) : ITicketStore
{
    /// <summary>The claim in which the cookie handler carries the key inside the cookie.</summary>
    public const string KeyClaim = "Microsoft.AspNetCore.Authentication.Cookies-SessionId";
    private static readonly TimeSpan LastSeenStep = TimeSpan.FromMinutes(1);
    private readonly IDataProtector _tickets = protection.CreateProtector("Facturo.AuthSessions.Tickets.v1");

    public async Task<string> StoreAsync(AuthenticationTicket ticket, HttpContext httpContext, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FacturoDbContext>();
        var audience = ServerSessions.AudienceOf(ticket.AuthenticationScheme);
        var userId = long.Parse(ticket.Principal.FindFirstValue(ClaimTypes.NameIdentifier)!, System.Globalization.CultureInfo.InvariantCulture);
        var now = time.GetUtcNow();
        // The purge: each sign-in deletes the person's ended sessions, so the table holds little more than open ones.
        var theirs = await db.AuthSessions.Where(s => s.Audience == audience && s.UserId == userId).ToListAsync(cancellationToken);
        db.AuthSessions.RemoveRange(theirs.Where(s => !timeouts.Value.Allows(s, now)));
        var key = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var userAgent = httpContext.Request.Headers.UserAgent.ToString();
        db.AuthSessions.Add(new AuthSession
        {
            KeyHash = Hash(key),
            Audience = audience,
            UserId = userId,
            ProtectedTicket = _tickets.Protect(TicketSerializer.Default.Serialize(ticket)),
            CreatedAt = now,
            LastSeenAt = now,
            ExpiresAt = now + timeouts.Value.AbsoluteTimeout,
            ClientAddress = httpContext.Connection.RemoteIpAddress?.ToString() ?? "",
            UserAgent = userAgent[..Math.Min(userAgent.Length, AuthSession.UserAgentLength)],
        });
        await db.SaveChangesAsync(cancellationToken);
        return key;
    }

    public async Task RenewAsync(string key, AuthenticationTicket ticket, HttpContext httpContext, CancellationToken cancellationToken)
    {
        if (ServerSessions.IsSigningIn(httpContext, ticket.AuthenticationScheme))
        {
            // A sign-in over an open session (the second step, signing in again) gets a new key: a key known before
            // the sign-in must not be worth more after it. The cookie format writes the new key into the cookie.
            await RemoveAsync(key, httpContext, cancellationToken);
            ServerSessions.ReplaceKey(httpContext, key, await StoreAsync(ticket, httpContext, cancellationToken));
            return;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FacturoDbContext>();
        var hash = Hash(key);
        var sealedTicket = _tickets.Protect(TicketSerializer.Default.Serialize(ticket));
        var now = time.GetUtcNow();
        await db.AuthSessions.Where(s => s.KeyHash == hash && s.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.ProtectedTicket, sealedTicket).SetProperty(x => x.LastSeenAt, now), cancellationToken);
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken)
    {
        // The request's own context: reading comes first in the request, before any page work, and the page reuses it.
        var db = httpContext.RequestServices.GetRequiredService<FacturoDbContext>();
        var hash = Hash(key);
        var session = await db.AuthSessions.AsNoTracking().SingleOrDefaultAsync(s => s.KeyHash == hash, cancellationToken);
        var now = time.GetUtcNow();
        if (session is null || !timeouts.Value.Allows(session, now))
        {
            return null;
        }
        ServerSessions.SetCurrentSession(httpContext, session.Id);
        if (now - session.LastSeenAt >= LastSeenStep)
        {
            await db.AuthSessions.Where(s => s.Id == session.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, now), cancellationToken);
        }
        try
        {
            return TicketSerializer.Default.Deserialize(_tickets.Unprotect(session.ProtectedTicket));
        }
        catch (CryptographicException)
        {
            // Sealed with a key the key ring no longer has: the person signs in again.
            return null;
        }
    }

    public async Task RemoveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FacturoDbContext>();
        var hash = Hash(key);
        var now = time.GetUtcNow();
        await db.AuthSessions.Where(s => s.KeyHash == hash && s.RevokedAt == null).ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, now), cancellationToken);
    }

    // The cookie handler always calls the overloads above, with the request; these have none to give.
    public Task<string> StoreAsync(AuthenticationTicket ticket) => throw new NotSupportedException("Sessions are stored with the request.");
    public Task RenewAsync(string key, AuthenticationTicket ticket) => throw new NotSupportedException("Sessions are renewed with the request.");
    public Task<AuthenticationTicket?> RetrieveAsync(string key) => throw new NotSupportedException("Sessions are read with the request.");
    public Task RemoveAsync(string key) => throw new NotSupportedException("Sessions are ended with the request.");

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(key)));
}
