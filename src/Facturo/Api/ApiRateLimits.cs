using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.RateLimiting;
using Facturo.Platform;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Facturo.Api;

/// <summary>Settings <c>Api:RateLimit:*</c>: how many calls one key may make per window; keys not (yet) recognised share a smaller allowance per client address.</summary>
public sealed class ApiRateLimitOptions
{
    public int PermitLimit { get; set; } = 100;
    public int WindowSeconds { get; set; } = 10;
    public int UnknownKeyPermitLimit { get; set; } = 20;
}

/// <summary>
/// The hashes of keys that opened a call on this node. The rate limiter runs before the key is checked and cannot query the
/// database, so it gives a key its own allowance once it is known here; until then, and for every made-up key, calls share
/// the "unknown" allowance of the address they come from. Never used to authorise: a revoked key stays recognised here and is refused by <see cref="ApiKeyFilter"/>.
/// </summary>
public sealed class KnownApiKeys
{
    /// <summary>Far more keys than a biller issues; past it, new keys share the unknown allowance rather than grow memory.</summary>
    private const int Capacity = 10_000;

    private readonly ConcurrentDictionary<string, byte> hashes = new(StringComparer.Ordinal);

    public void Remember(string hash)
    {
        if (hashes.Count < Capacity)
        {
            hashes.TryAdd(hash, 0);
        }
    }

    public bool Knows(string hash) => hashes.ContainsKey(hash);
}

public static class ApiRateLimits
{
    public const string Policy = "api-keys";
    private const string Unknown = "unknown";

    public static IServiceCollection AddApiRateLimits(this IServiceCollection services)
    {
        services.AddOptions<ApiRateLimitOptions>().BindConfiguration("Api:RateLimit")
            .Validate(o => o.PermitLimit is > 0 and <= 1_000_000, "Api:RateLimit:PermitLimit must be between 1 and 1000000.")
            .Validate(o => o.WindowSeconds is > 0 and <= 3600, "Api:RateLimit:WindowSeconds must be between 1 and 3600.")
            .Validate(o => o.UnknownKeyPermitLimit > 0 && o.UnknownKeyPermitLimit <= o.PermitLimit, "Api:RateLimit:UnknownKeyPermitLimit must be between 1 and PermitLimit.")
            .ValidateOnStart();
        services.AddSingleton<KnownApiKeys>();
        // After the portal's configuration: its rejection handler answers the pages, this one the API.
        services.PostConfigure<RateLimiterOptions>(options =>
        {
            options.AddPolicy(Policy, http =>
            {
                var settings = http.RequestServices.GetRequiredService<IOptions<ApiRateLimitOptions>>().Value;
                var hash = ApiKey.Hash(http.Request.Headers["X-Api-Key"].ToString());
                var known = http.RequestServices.GetRequiredService<KnownApiKeys>().Knows(hash);
                // Unknown keys per client address: a stranger sending made-up keys uses up only their own allowance.
                var partition = known ? hash : $"{Unknown}:{http.Connection.RemoteIpAddress}";
                return RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = known ? settings.PermitLimit : settings.UnknownKeyPermitLimit,
                    Window = TimeSpan.FromSeconds(settings.WindowSeconds),
                    QueueLimit = 0,
                });
            });
            var portal = options.OnRejected;
            options.OnRejected = async (context, cancellationToken) =>
            {
                var http = context.HttpContext;
                if (!http.Request.Path.StartsWithSegments("/api/v1"))
                {
                    await (portal?.Invoke(context, cancellationToken) ?? ValueTask.CompletedTask);
                    return;
                }
                var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? (int)Math.Ceiling(retryAfter.TotalSeconds) : 1;
                http.Response.Headers.RetryAfter = Math.Max(seconds, 1).ToString(CultureInfo.InvariantCulture);
                await ApiProblems.From(new UserError("api.rate-limited", StatusCodes.Status429TooManyRequests, Math.Max(seconds, 1)), http).ExecuteAsync(http);
            };
        });
        return services;
    }
}
