using System.Security.Claims;
using System.Threading.RateLimiting;
using Facturo.Accounts;
using Microsoft.AspNetCore.RateLimiting;

namespace Facturo.Portal;

/// <summary>
/// Forms where a guess can be tried again and again are limited. Those a stranger can post without an account
/// (asking for an invitation by proving an account, password recovery) are limited per network address and
/// per form, so an office that exhausts one (a person guessing an invoice total) can still recover a password.
/// Those of a signed-in person (proving a customer number to link it, asking billing a question) are limited
/// per person. Portal sign-in has its own per-person lockout instead, so a whole office behind one address can still
/// sign in at nine in the morning; staff sign-in has a lockout too, and a generous per-address limit against someone
/// trying one password on many staff addresses.
/// </summary>
public static class PortalRateLimits
{
    public const string AnonymousForms = "anonymous-forms";
    public const string AccountProofs = "account-proofs";
    public const string SupportQuestions = "support-questions";
    public const string StaffSignIn = "staff-sign-in";
    public const int PostsPerWindow = 10;
    /// <summary>Staff sign in from one office address at the start of a shift; each account also locks after five failures.</summary>
    public const int StaffSignInsPerWindow = 60;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    public static IServiceCollection AddPortalRateLimits(this IServiceCollection services) => services.AddRateLimiter(options =>
    {
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.AddPolicy(AnonymousForms, http => HttpMethods.IsPost(http.Request.Method)
            ? Limited($"{http.Connection.RemoteIpAddress}|{http.Request.Path}")
            : RateLimitPartition.GetNoLimiter(""));
        // Business → Users posts several forms; only the proof of a customer number is a guess.
        options.AddPolicy(AccountProofs, http => HttpMethods.IsPost(http.Request.Method) && http.Request.Query["handler"] == "Link"
            ? Limited($"link|{PersonOf(http)}")
            : RateLimitPartition.GetNoLimiter(""));
        options.AddPolicy(SupportQuestions, http => HttpMethods.IsPost(http.Request.Method)
            ? Limited($"question|{PersonOf(http)}")
            : RateLimitPartition.GetNoLimiter(""));
        options.AddPolicy(StaffSignIn, http => HttpMethods.IsPost(http.Request.Method)
            ? RateLimitPartition.GetFixedWindowLimiter($"staff|{http.Connection.RemoteIpAddress}", _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = StaffSignInsPerWindow,
                Window = Window,
                QueueLimit = 0,
            })
            : RateLimitPartition.GetNoLimiter(""));
        options.OnRejected = async (context, cancellationToken) =>
        {
            var french = PortalLanguage.Of(context.HttpContext) == Language.Fr;
            context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
            await context.HttpContext.Response.WriteAsync(french
                ? "Trop de demandes. Réessayez dans 15 minutes ou appelez le soutien à la facturation."
                : "Too many requests. Try again in 15 minutes or call billing support.", cancellationToken);
        };
    });

    private static RateLimitPartition<string> Limited(string key) => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
    {
        PermitLimit = PostsPerWindow,
        Window = Window,
        QueueLimit = 0,
    });

    /// <summary>The signed-in person; a post without a session is refused by the page anyway, so its address stands in.</summary>
    private static string PersonOf(HttpContext http) =>
        http.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? $"anonymous|{http.Connection.RemoteIpAddress}";
}
