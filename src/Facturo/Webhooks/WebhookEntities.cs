using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Facturo.Webhooks;

/// <summary>
/// Where an integration (one API key) receives the events it subscribed to. The signing secret is shown once and kept
/// encrypted with Data Protection; deliveries reach only the accounts the key may reach.
/// </summary>
public sealed class WebhookEndpoint
{
    public long Id { get; set; }
    public long ApiKeyId { get; set; }
    public required string Url { get; set; }
    /// <summary>The event types' codes, space-separated ("invoice.finalized payment.returned").</summary>
    public required string EventTypes { get; set; }
    public required string ProtectedSecret { get; set; }
    public bool Enabled { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public IReadOnlySet<string> Subscribed => EventTypes.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
}

/// <summary>Pending until the endpoint answers 2xx; failed when the retries' three days are over (staff may send it again).</summary>
public enum WebhookDeliveryState { Pending, Delivered, Failed }

/// <summary>
/// One event to one endpoint, written in the same transaction as the event, then sent by <see cref="WebhookSender"/>
/// until the endpoint answers 2xx, with the emails' <see cref="Emails.RetrySchedule"/> between attempts.
/// </summary>
public sealed class WebhookDelivery
{
    public const int MaxErrorLength = 500;

    public long Id { get; set; }
    public long EndpointId { get; set; }
    public long EventId { get; set; }
    public Events.Event? Event { get; set; }
    public WebhookDeliveryState State { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? FirstAttemptAt { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? LastAttemptAt { get; set; }
    /// <summary>The endpoint's HTTP status at the last attempt; null when it did not answer (timeout, refused connection).</summary>
    public int? LastStatusCode { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
    /// <summary>The sender (one per process) sending it now, and until when, as for emails.</summary>
    public string? ClaimedBy { get; set; }
    public DateTimeOffset? ClaimedUntil { get; set; }

    public void RecordDelivered(int statusCode, DateTimeOffset now)
    {
        (Attempts, LastAttemptAt, FirstAttemptAt, LastStatusCode, LastError) = (Attempts + 1, now, FirstAttemptAt ?? now, statusCode, null);
        (State, DeliveredAt, ClaimedBy, ClaimedUntil) = (WebhookDeliveryState.Delivered, now, null, null);
    }

    public void RecordFailure(int? statusCode, string error, DateTimeOffset now, double jitter)
    {
        (Attempts, LastAttemptAt, FirstAttemptAt, LastStatusCode) = (Attempts + 1, now, FirstAttemptAt ?? now, statusCode);
        LastError = error.Length > MaxErrorLength ? error[..MaxErrorLength] : error;
        (ClaimedBy, ClaimedUntil) = (null, null);
        if (Emails.RetrySchedule.NextAttempt(Attempts, FirstAttemptAt.Value, now, jitter) is { } next)
        {
            NextAttemptAt = next;
        }
        else
        {
            State = WebhookDeliveryState.Failed;
        }
    }

    /// <summary>"Send again": due now, with a fresh three days of retries.</summary>
    public void Requeue(DateTimeOffset now) =>
        (State, NextAttemptAt, FirstAttemptAt, Attempts, ClaimedBy, ClaimedUntil) = (WebhookDeliveryState.Pending, now, null, 0, null, null);
}

internal sealed class WebhookEndpointConfiguration : IEntityTypeConfiguration<WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<WebhookEndpoint> endpoint)
    {
        endpoint.Property(e => e.Url).HasMaxLength(WebhookUrls.MaxLength);
        endpoint.Property(e => e.EventTypes).HasMaxLength(400);
        endpoint.Property(e => e.ProtectedSecret).HasMaxLength(400);
        endpoint.Ignore(e => e.Subscribed);
        endpoint.HasOne<Api.ApiKey>().WithMany().HasForeignKey(e => e.ApiKeyId).OnDelete(DeleteBehavior.Restrict);
        endpoint.HasIndex(e => e.ApiKeyId);
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> delivery)
    {
        delivery.Property(d => d.State).HasConversion<string>().HasMaxLength(20);
        delivery.Property(d => d.LastError).HasMaxLength(WebhookDelivery.MaxErrorLength);
        delivery.Property(d => d.ClaimedBy).HasMaxLength(100);
        delivery.HasOne<WebhookEndpoint>().WithMany().HasForeignKey(d => d.EndpointId).OnDelete(DeleteBehavior.Restrict);
        delivery.HasOne(d => d.Event).WithMany().HasForeignKey(d => d.EventId).OnDelete(DeleteBehavior.Restrict);
        // Once per event and endpoint: at-least-once comes from the retries, not from duplicate rows.
        delivery.HasIndex(d => new { d.EndpointId, d.EventId }).IsUnique();
        delivery.HasIndex(d => new { d.State, d.NextAttemptAt });
        delivery.HasIndex(d => d.EventId);
    }
}
