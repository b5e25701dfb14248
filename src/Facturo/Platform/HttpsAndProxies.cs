using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.Extensions.Options;

namespace Facturo.Platform;

/// <summary>How browsers must reach Facturo: over HTTPS only, in Production unless configured otherwise.</summary>
public sealed class HttpsOptions
{
    public const string Section = "Https";

    /// <summary>Redirect plain HTTP to HTTPS, send HSTS and mark every cookie Secure. Unset: on in Production only.</summary>
    public bool? Required { get; set; }

    /// <summary>The public HTTPS port plain requests are redirected to (the proxy's, not Kestrel's).</summary>
    public int Port { get; set; } = 443;

    public int HstsMaxAgeDays { get; set; } = 365;

    /// <summary>On by default, as ASVS level 2 asks; off only while a sibling subdomain still serves plain HTTP.</summary>
    public bool HstsIncludeSubDomains { get; set; } = true;
}

/// <summary>
/// HTTPS, HSTS and Secure cookies; and the client's real address and scheme when a reverse proxy terminates TLS.
/// X-Forwarded-* headers are believed only from the proxies the configuration names: from anyone else they are a
/// client's claim, and believing them would let it pick its own address for rate limits and the audit log.
/// </summary>
public static class HttpsAndProxies
{
    public const string ProxiesSection = "ForwardedHeaders";

    public static IServiceCollection AddHttpsAndProxies(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<HttpsOptions>().Bind(configuration.GetSection(HttpsOptions.Section))
            .PostConfigure(https => https.Required ??= environment.IsProduction());
        var proxies = configuration.GetSection(ProxiesSection);
        services.Configure<ForwardedHeadersOptions>(forwarded =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            // The framework trusts loopback by default; only what the operator names is trusted here.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in Values(proxies.GetSection("KnownProxies")))
            {
                forwarded.KnownProxies.Add(IPAddress.TryParse(proxy, out var address) ? address
                    : throw new InvalidOperationException($"{ProxiesSection}:KnownProxies: \"{proxy}\" is not an IP address."));
            }
            foreach (var network in Values(proxies.GetSection("KnownNetworks")))
            {
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed) ? parsed
                    : throw new InvalidOperationException($"{ProxiesSection}:KnownNetworks: \"{network}\" is not a network such as 10.0.0.0/8."));
            }
            forwarded.ForwardLimit = proxies.GetValue("ForwardLimit", 1);
        });
        services.AddOptions<HstsOptions>().Configure<IOptions<HttpsOptions>>((hsts, https) =>
        {
            hsts.MaxAge = TimeSpan.FromDays(https.Value.HstsMaxAgeDays);
            hsts.IncludeSubDomains = https.Value.HstsIncludeSubDomains;
        });
        services.AddOptions<HttpsRedirectionOptions>().Configure<IOptions<HttpsOptions>>((redirect, https) =>
        {
            redirect.HttpsPort = https.Value.Port;
            redirect.RedirectStatusCode = StatusCodes.Status308PermanentRedirect;
        });
        // Applied to every cookie Facturo sets (sessions, antiforgery, language): Secure whenever the request came
        // over HTTPS, and always where HTTPS is required, so a cookie never travels over plain HTTP in production.
        services.AddOptions<CookiePolicyOptions>().Configure<IOptions<HttpsOptions>>((cookies, https) =>
            cookies.Secure = https.Value.Required == true ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest);
        return services;
    }

    /// <summary>First in the pipeline, so everything after sees the client's address and scheme.</summary>
    public static WebApplication UseHttpsAndProxies(this WebApplication app)
    {
        var forwarded = app.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;
        // With no proxy named the middleware would believe every client, so it runs only when one is.
        if (forwarded.KnownProxies.Count > 0 || forwarded.KnownIPNetworks.Count > 0)
        {
            app.UseForwardedHeaders();
        }
        if (app.Services.GetRequiredService<IOptions<HttpsOptions>>().Value.Required == true)
        {
            app.UseHsts();
            // A load balancer probes each node directly over plain HTTP; /health tells it nothing secret.
            app.UseWhen(context => !context.Request.Path.StartsWithSegments("/health"), https => https.UseHttpsRedirection());
        }
        app.UseCookiePolicy();
        return app;
    }

    /// <summary>A list as configuration gives it (KnownProxies:0, KnownProxies:1) or as one comma-separated value.</summary>
    private static IEnumerable<string> Values(IConfigurationSection section) =>
        (section.Value is { } single ? single.Split(',') : section.GetChildren().Select(child => child.Value ?? ""))
        .Select(value => value.Trim())
        .Where(value => value.Length > 0);
}
