using System.Net;

namespace Facturo.Platform;

/// <summary>
/// The /dev pages show every email Facturo sent, reset and invitation links included: they are for the developer at
/// this machine, so they exist only in Development and only for a request from loopback (after a trusted proxy has
/// said who the client is). Anyone else gets 404, as if there were no such page.
/// </summary>
public static class DevelopmentPages
{
    public static WebApplication UseDevelopmentPagesForThisMachineOnly(this WebApplication app)
    {
        var development = app.Environment.IsDevelopment();
        app.Use(async (context, next) =>
        {
            var fromThisMachine = context.Connection.RemoteIpAddress is { } address && IPAddress.IsLoopback(address);
            if (context.Request.Path.StartsWithSegments("/dev", StringComparison.OrdinalIgnoreCase) && !(development && fromThisMachine))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            await next(context);
        });
        return app;
    }
}
