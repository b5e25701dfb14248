using System.Threading.RateLimiting;
using Facturo.Accounts;
using Microsoft.AspNetCore.RateLimiting;

namespace Facturo.Portal;

/// <summary>
/// The forms a stranger can post without an account — asking for an invitation by proving an account,
/// and password recovery — are limited per network address, so nobody can guess invoice totals or
/// security answers at speed. Sign-in has its own per-person lockout instead, so a whole office behind
/// one address can still sign in at nine in the morning.
/// </summary>
public static class PortalRateLimits
{
    public const string AnonymousForms = "anonymous-forms";
    public const int PostsPerWindow = 10;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    public static IServiceCollection AddPortalRateLimits(this IServiceCollection services) => services.AddRateLimiter(options =>
    {
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.AddPolicy(AnonymousForms, http => HttpMethods.IsPost(http.Request.Method)
            ? RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "", _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = PostsPerWindow,
                Window = Window,
                QueueLimit = 0,
            })
            : RateLimitPartition.GetNoLimiter(""));
        options.OnRejected = async (context, cancellationToken) =>
        {
            var french = PortalLanguage.Of(context.HttpContext) == Language.Fr;
            context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
            await context.HttpContext.Response.WriteAsync(french
                ? "Trop de demandes depuis votre réseau. Réessayez dans 15 minutes ou appelez le soutien à la facturation."
                : "Too many requests from your network. Try again in 15 minutes or call billing support.", cancellationToken);
        };
    });
}
