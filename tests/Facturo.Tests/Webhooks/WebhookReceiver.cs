using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Facturo.Webhooks;

/// <summary>One request the receiver got: the event id header, the body, whether its signature checked out, and what it answered.</summary>
public sealed record ReceivedWebhook(string Path, string? EventId, string Body, bool SignatureValid, int Answered);

/// <summary>
/// An integrator's webhook receiver on 127.0.0.1: Kestrel, checking each signature as the docs tell receivers to (computed
/// here from the published scheme, not with Facturo's code), answering 500 to its first attempts when asked, and 302 on /moved.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _failuresLeft;

    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();
    public string Secret { get; set; } = "";
    public Uri Address { get; private set; } = null!;

    private WebhookReceiver(int failFirst)
    {
        _failuresLeft = failFirst;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/moved", (HttpContext http) =>
        {
            Received.Enqueue(new ReceivedWebhook("/moved", http.Request.Headers["Facturo-Event-Id"], "", false, 302));
            return Results.Redirect("/hooks");
        });
        _app.MapPost("/{path}", async (string path, HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var answer = Interlocked.Decrement(ref _failuresLeft) >= 0 ? 500 : 200;
            Received.Enqueue(new ReceivedWebhook("/" + path, http.Request.Headers["Facturo-Event-Id"], body, Verify(http.Request.Headers["Facturo-Signature"].ToString(), body), answer));
            return Results.StatusCode(answer);
        });
    }

    public static async Task<WebhookReceiver> StartAsync(int failFirst = 0)
    {
        var receiver = new WebhookReceiver(failFirst);
        await receiver._app.StartAsync();
        receiver.Address = new Uri(receiver._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return receiver;
    }

    /// <summary>t=&lt;unix&gt;,v1=&lt;hex HMAC-SHA256 of "t.body" keyed with the secret's bytes&gt;, compared in constant time.</summary>
    private bool Verify(string header, string body)
    {
        var parts = header.Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        if (!parts.TryGetValue("t", out var timestamp) || !parts.TryGetValue("v1", out var signature) || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            return false;
        }
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(Secret));
        var expected = hmac.ComputeHash(Encoding.UTF8.GetBytes(timestamp + "." + body));
        return signature.Length == expected.Length * 2 && CryptographicOperations.FixedTimeEquals(expected, Convert.FromHexString(signature));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
