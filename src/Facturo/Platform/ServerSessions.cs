using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Facturo.Platform;

/// <summary>How long a session lives: ended after an idle time-out per audience, and at the absolute limit however active.</summary>
public sealed class SessionTimeouts
{
    public const string Section = "Sessions";

    public TimeSpan PortalIdleTimeout { get; set; } = TimeSpan.FromMinutes(60);
    /// <summary>Shorter than the portal's: a back-office session can change any customer's account.</summary>
    public TimeSpan StaffIdleTimeout { get; set; } = TimeSpan.FromMinutes(30);
    public TimeSpan AbsoluteTimeout { get; set; } = TimeSpan.FromHours(12);

    public TimeSpan IdleTimeout(SessionAudience audience) => audience == SessionAudience.Staff ? StaffIdleTimeout : PortalIdleTimeout;

    /// <summary>Whether the session may still be used now: not ended, not idle too long, not past its absolute limit.</summary>
    public bool Allows(AuthSession session, DateTimeOffset now) =>
        session.RevokedAt is null && now < session.ExpiresAt && now - session.LastSeenAt < IdleTimeout(session.Audience);

    internal bool AreConsistent => PortalIdleTimeout > TimeSpan.Zero && StaffIdleTimeout > TimeSpan.Zero
        && PortalIdleTimeout <= AbsoluteTimeout && StaffIdleTimeout <= AbsoluteTimeout;
}

/// <summary>Puts the portal's and the back office's cookies on server-side sessions (<see cref="SessionTicketStore"/>).</summary>
public static class ServerSessions
{
    private const string SigningInItem = "Facturo.Sessions.SigningIn:";
    private const string ReplacedKeyItem = "Facturo.Sessions.ReplacedKey:";
    private const string CurrentSessionItem = "Facturo.Sessions.Current";

    /// <summary>Call after the portal's and the staff's cookie schemes are added: these settings must win over theirs.</summary>
    public static IServiceCollection AddServerSessions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SessionTimeouts>().Bind(configuration.GetSection(SessionTimeouts.Section))
            .Validate(t => t.AreConsistent, "Sessions: each idle time-out must be positive and no longer than AbsoluteTimeout.")
            .ValidateOnStart();
        services.AddSingleton<SessionTicketStore>();
        services.AddScoped<SignInSessions>();
        foreach (var scheme in (string[])[IdentityConstants.ApplicationScheme, Staff.StaffAuth.Scheme])
        {
            services.AddOptions<CookieAuthenticationOptions>(scheme)
                .Configure<SessionTicketStore, IDataProtectionProvider, IHttpContextAccessor, IOptions<SessionTimeouts>>((cookie, store, protection, http, timeouts) =>
                {
                    cookie.SessionStore = store;
                    cookie.TicketDataFormat = new SessionCookieFormat(new TicketDataFormat(protection.CreateProtector("Facturo.Sessions.Cookie.v1", scheme)), http);
                    // The session row enforces the idle and absolute time-outs; the cookie's own lifetime is only an outer bound.
                    cookie.ExpireTimeSpan = timeouts.Value.AbsoluteTimeout;
                    cookie.SlidingExpiration = false;
                    var signingIn = cookie.Events.OnSigningIn;
                    cookie.Events.OnSigningIn = context =>
                    {
                        context.HttpContext.Items[SigningInItem + scheme] = true;
                        return signingIn(context);
                    };
                });
        }
        return services;
    }

    public static SessionAudience AudienceOf(string? scheme) => scheme == Staff.StaffAuth.Scheme ? SessionAudience.Staff : SessionAudience.Portal;

    /// <summary>True while this request signs someone in (not when it merely refreshes the session it came with).</summary>
    internal static bool IsSigningIn(HttpContext httpContext, string? scheme) => httpContext.Items.ContainsKey(SigningInItem + scheme);

    /// <summary>The id of the session row this request came with, once the cookie has been read.</summary>
    public static long? CurrentSessionId(HttpContext httpContext) => httpContext.Items[CurrentSessionItem] as long?;

    internal static void SetCurrentSession(HttpContext httpContext, long sessionId) => httpContext.Items[CurrentSessionItem] = sessionId;

    internal static void ReplaceKey(HttpContext httpContext, string oldKey, string newKey) => httpContext.Items[ReplacedKeyItem + oldKey] = newKey;

    /// <summary>
    /// The cookie handler writes into the cookie the key the request came with; when a sign-in replaced that key,
    /// this format seals the new one instead.
    /// </summary>
    private sealed class SessionCookieFormat(ISecureDataFormat<AuthenticationTicket> sealedFormat, IHttpContextAccessor http) : ISecureDataFormat<AuthenticationTicket>
    {
        public string Protect(AuthenticationTicket data) => sealedFormat.Protect(WithCurrentKey(data));
        public string Protect(AuthenticationTicket data, string? purpose) => sealedFormat.Protect(WithCurrentKey(data), purpose);
        public AuthenticationTicket? Unprotect(string? protectedText) => sealedFormat.Unprotect(protectedText);
        public AuthenticationTicket? Unprotect(string? protectedText, string? purpose) => sealedFormat.Unprotect(protectedText, purpose);

        private AuthenticationTicket WithCurrentKey(AuthenticationTicket ticket)
        {
            var key = ticket.Principal.FindFirst(SessionTicketStore.KeyClaim);
            if (key is null || http.HttpContext?.Items[ReplacedKeyItem + key.Value] is not string newKey)
            {
                return ticket;
            }
            var identity = new ClaimsIdentity([new Claim(key.Type, newKey, key.ValueType, key.Issuer)], ticket.Principal.Identity?.AuthenticationType);
            return new AuthenticationTicket(new ClaimsPrincipal(identity), ticket.Properties, ticket.AuthenticationScheme);
        }
    }
}
