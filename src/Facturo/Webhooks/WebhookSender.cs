using System.Text;
using System.Text.Json;
using Facturo.Data;
using Facturo.Events;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Facturo.Webhooks;

/// <summary>
/// Sends due webhook deliveries: claims them (so several nodes send each once), posts the event signed with the
/// endpoint's secret, and records the answer. 2xx is delivered; anything else, a redirect (never followed) or no answer
/// within the timeout is tried again on the emails' <see cref="Emails.RetrySchedule"/>, for three days. A crash after
/// sending and before recording sends that delivery again: at least once, and receivers de-duplicate by the event id.
/// </summary>
public sealed partial class WebhookSender(IServiceScopeFactory scopes, IOptions<WebhookOptions> options, IHostEnvironment environment, IDataProtectionProvider protection,
    TimeProvider time, ILogger<WebhookSender> logger) : BackgroundService
{
    private const int BatchSize = 50;
    /// <summary>Longer than a round of sends, which stops starting new ones well before it ends.</summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(10);
    /// <summary>An event's body is a small snapshot; anything larger is a bug, not something to post.</summary>
    public const int MaxBodyBytes = 64 * 1024;
    private static readonly JsonSerializerOptions BodyJson = new(JsonSerializerDefaults.Web);

    private readonly IDataProtector _secrets = WebhookEndpoints.SecretProtector(protection);
    private readonly HttpClient _http = CreateClient(options.Value, environment.IsProduction());

    public string Node { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>Redirects are not followed (a receiver could point Facturo anywhere); in Production, internal addresses are refused when connecting.</summary>
    private static HttpClient CreateClient(WebhookOptions settings, bool production)
    {
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5), UseCookies = false, UseProxy = false };
        if (production)
        {
            handler.ConnectCallback = WebhookUrls.RefuseInternalAsync;
        }
        var client = new HttpClient(handler) { Timeout = settings.Timeout, MaxResponseContentBufferSize = 64 * 1024 };
        client.DefaultRequestHeaders.UserAgent.ParseAdd("Facturo-Webhooks/1");
        return client;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Plumbing on the machine's clock, as the email dispatcher: a test clock jumping weeks must not replay it.
        using var timer = new PeriodicTimer(options.Value.PollInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SendDueAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogRoundFailed(exception);
            }
        }
    }

    /// <summary>One round: claims what is due, sends it, records each answer; returns how many were delivered.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FacturoDbContext>();
        var claimedUntil = time.GetUtcNow() + ClaimLease;
        var ids = await ClaimAsync(db, time.GetUtcNow(), claimedUntil, cancellationToken);
        if (ids.Count == 0)
        {
            return 0;
        }
        var deliveries = await db.WebhookDeliveries.Include(d => d.Event).Where(d => ids.Contains(d.Id)).OrderBy(d => d.Id).ToListAsync(cancellationToken);
        var endpointIds = deliveries.Select(d => d.EndpointId).Distinct().ToList();
        var endpoints = await db.WebhookEndpoints.AsNoTracking().Where(e => endpointIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, cancellationToken);
        var delivered = 0;
        foreach (var delivery in deliveries)
        {
            if (time.GetUtcNow() + 2 * options.Value.Timeout >= claimedUntil)
            {
                // Left to the next round, unclaimed at once, rather than sent after the claim could have passed to another node.
                (delivery.ClaimedBy, delivery.ClaimedUntil) = (null, null);
                continue;
            }
            if (await SendAsync(endpoints[delivery.EndpointId], delivery, cancellationToken))
            {
                delivered++;
            }
            // Recorded at once: a crash now sends again at most the delivery that was on the wire.
            await db.SaveChangesAsync(cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        return delivered;
    }

    private async Task<bool> SendAsync(WebhookEndpoint endpoint, WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var recorded = delivery.Event!;
        var body = JsonSerializer.Serialize(EventView.Of(recorded), BodyJson);
        var now = time.GetUtcNow();
        if (Encoding.UTF8.GetByteCount(body) > MaxBodyBytes)
        {
            delivery.RecordFailure(null, $"The event's body is over {MaxBodyBytes} bytes.", now, Random.Shared.NextDouble());
            return false;
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(_secrets.Unprotect(endpoint.ProtectedSecret), now, body));
        request.Headers.Add(WebhookSignature.EventIdHeader, recorded.PublicId);
        try
        {
            // Headers only: the receiver's body is never read, however large.
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                delivery.RecordDelivered(status, time.GetUtcNow());
                return true;
            }
            var error = status is >= 300 and < 400 ? $"HTTP {status}: redirects are not followed" : $"HTTP {status}";
            delivery.RecordFailure(status, error, time.GetUtcNow(), Random.Shared.NextDouble());
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            var error = exception is TaskCanceledException ? $"No answer within {options.Value.Timeout.TotalSeconds:0} s" : exception.Message;
            delivery.RecordFailure(null, error, time.GetUtcNow(), Random.Shared.NextDouble());
        }
        if (delivery.State == WebhookDeliveryState.Failed)
        {
            LogFailedForGood(delivery.Id, recorded.PublicId, endpoint.Id, delivery.LastError);
        }
        return false;
    }

    /// <summary>Claims up to a batch of deliveries due now, of enabled endpoints, not claimed by another node; as the email outbox does.</summary>
    private async Task<IReadOnlyList<long>> ClaimAsync(FacturoDbContext db, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var pending = nameof(WebhookDeliveryState.Pending);
        if (db.Provider == DatabaseProvider.Postgres)
        {
            return await db.Database.SqlQuery<long>($"""
                UPDATE webhook_deliveries SET claimed_by = {Node}, claimed_until = {until}
                WHERE id IN (SELECT d.id FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
                             WHERE d.state = {pending} AND e.enabled AND d.next_attempt_at <= {now} AND (d.claimed_until IS NULL OR d.claimed_until <= {now})
                             ORDER BY d.id LIMIT {BatchSize} FOR UPDATE OF d SKIP LOCKED)
                RETURNING id AS "Value"
                """).ToListAsync(cancellationToken);
        }
        return await db.Database.SqlQuery<long>($"""
            UPDATE webhook_deliveries SET claimed_by = {Node}, claimed_until = {until}
            WHERE id IN (SELECT d.id FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
                         WHERE d.state = {pending} AND e.enabled = 1 AND julianday(d.next_attempt_at) <= julianday({now})
                           AND (d.claimed_until IS NULL OR julianday(d.claimed_until) <= julianday({now}))
                         ORDER BY d.id LIMIT {BatchSize})
            RETURNING id AS "Value"
            """).ToListAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _http.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook round failed")]
    private partial void LogRoundFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook delivery {DeliveryId} of {EventId} to endpoint {EndpointId} failed for good after three days: {Error}; staff send it again at /admin/webhooks")]
    private partial void LogFailedForGood(long deliveryId, string eventId, long endpointId, string? error);
}
