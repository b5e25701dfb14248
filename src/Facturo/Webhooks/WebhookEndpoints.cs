using Facturo.Api;
using Facturo.Data;
using Facturo.Events;
using Facturo.Platform;
using Facturo.Staff;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Webhooks;

public sealed record NewWebhookEndpoint(long ApiKeyId, string? Url, IReadOnlyCollection<string> EventTypes);

/// <summary>The endpoint added and its signing secret, shown this once.</summary>
public sealed record AddedWebhookEndpoint(WebhookEndpoint Endpoint, string Secret);

/// <summary>
/// Administrators add an integration's webhook endpoints, turn them on and off, and send a delivery again. Each change
/// is audited in its own transaction (<see cref="Transactions.InTransactionAsync{T}"/>); the secret never is.
/// </summary>
public sealed class WebhookEndpoints(FacturoDbContext db, StaffAudit audit, IDataProtectionProvider protection, IHostEnvironment environment, TimeProvider time)
{
    private readonly IDataProtector _secrets = SecretProtector(protection);

    public static IDataProtector SecretProtector(IDataProtectionProvider protection) => protection.CreateProtector("Facturo.Webhooks.SigningSecret.v1");

    public async Task<Outcome<AddedWebhookEndpoint>> AddAsync(NewWebhookEndpoint request, CancellationToken cancellationToken)
    {
        if (WebhookUrls.Refusal(request.Url, environment.IsProduction()) is { } refused)
        {
            return refused;
        }
        var types = request.EventTypes.Where(EventTypes.All.Contains).Distinct().Order(StringComparer.Ordinal).ToList();
        if (types.Count == 0 || types.Count != request.EventTypes.Distinct().Count())
        {
            return UserError.Validation("webhooks.no-event-types", string.Join(", ", EventTypes.All));
        }
        if (!await db.Set<ApiKey>().AnyAsync(k => k.Id == request.ApiKeyId && k.RevokedAt == null, cancellationToken))
        {
            return UserError.Validation("webhooks.key-not-found", request.ApiKeyId);
        }
        var secret = WebhookSignature.NewSecret();
        return await db.InTransactionAsync<AddedWebhookEndpoint>(async () =>
        {
            var endpoint = new WebhookEndpoint
            {
                ApiKeyId = request.ApiKeyId, Url = request.Url!.Trim(), EventTypes = string.Join(' ', types), ProtectedSecret = _secrets.Protect(secret),
                Enabled = true, CreatedAt = time.GetUtcNow(),
            };
            db.WebhookEndpoints.Add(endpoint);
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync("webhook.add", Subject(endpoint), null, new { endpoint.ApiKeyId, endpoint.Url, endpoint.EventTypes }, cancellationToken);
            return new AddedWebhookEndpoint(endpoint, secret);
        }, cancellationToken);
    }

    /// <summary>A disabled endpoint gets no delivery for events written meanwhile, and its pending ones wait until it is enabled again.</summary>
    public async Task<Outcome<WebhookEndpoint>> SetEnabledAsync(long endpointId, bool enabled, CancellationToken cancellationToken)
    {
        var endpoint = await db.WebhookEndpoints.SingleOrDefaultAsync(e => e.Id == endpointId, cancellationToken);
        if (endpoint is null)
        {
            return UserError.NotFound("webhooks.not-found", endpointId);
        }
        return await db.InTransactionAsync<WebhookEndpoint>(async () =>
        {
            var before = new { endpoint.Enabled };
            endpoint.Enabled = enabled;
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync(enabled ? "webhook.enable" : "webhook.disable", Subject(endpoint), before, new { endpoint.Enabled }, cancellationToken);
            return endpoint;
        }, cancellationToken);
    }

    /// <summary>"Send again": due now with three new days of retries, whether it failed or was delivered (a receiver that lost it asks).</summary>
    public async Task<Outcome<WebhookDelivery>> SendAgainAsync(long deliveryId, CancellationToken cancellationToken)
    {
        var delivery = await db.WebhookDeliveries.SingleOrDefaultAsync(d => d.Id == deliveryId, cancellationToken);
        if (delivery is null)
        {
            return UserError.NotFound("webhooks.delivery-not-found", deliveryId);
        }
        return await db.InTransactionAsync<WebhookDelivery>(async () =>
        {
            var before = new { State = delivery.State.ToString(), delivery.Attempts, delivery.LastStatusCode };
            delivery.Requeue(time.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync("webhook.send-again", $"webhook delivery {delivery.Id} ({Event.FormatId(delivery.EventId)})", before, new { State = delivery.State.ToString() }, cancellationToken);
            return delivery;
        }, cancellationToken);
    }

    private static string Subject(WebhookEndpoint endpoint) => $"webhook endpoint {endpoint.Id} ({endpoint.Url})";
}
