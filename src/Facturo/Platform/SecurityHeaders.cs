namespace Facturo.Platform;

/// <summary>
/// Headers every answer carries, so a browser refuses what Facturo never does: run a script (the portal has
/// none), be framed by another site, guess a file's type, or tell other sites which page a link was on.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>Styles may be inline (the layout's style sheet and a few style attributes); scripts may not run at all.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; " +
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The API reference page (Swagger UI, its files served by Facturo itself) runs its own scripts, and no one else's.</summary>
    public const string ApiReferencePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            // A policy for pages only: on a PDF, object-src 'none' would stop the browser's own viewer from showing it.
            if (context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
            {
                headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments(Api.ApiDocument.ReferencePath, StringComparison.OrdinalIgnoreCase)
                    ? ApiReferencePolicy
                    : ContentSecurityPolicy;
            }
            headers.XContentTypeOptions = "nosniff";
            // Antiforgery sets it on pages with a form only; every answer needs it.
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            return Task.CompletedTask;
        });
        await next(context);
    });
}
