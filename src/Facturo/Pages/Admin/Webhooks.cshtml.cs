using Facturo.Api;
using Facturo.Data;
using Facturo.Events;
using Facturo.Platform;
using Facturo.Staff;
using Facturo.Webhooks;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Pages.Admin;

public sealed record WebhookEndpointRow(long Id, string KeyName, string Url, string EventTypes, bool Enabled, DateTimeOffset CreatedAt);

public sealed record WebhookDeliveryRow(long Id, long EndpointId, string EventId, string EventType, WebhookDeliveryState State, int Attempts,
    int? LastStatusCode, string? LastError, DateTimeOffset? LastAttemptAt, DateTimeOffset NextAttemptAt);

/// <summary>
/// Administrators give an integration's key its webhook endpoints (the signing secret is shown once), turn them on and
/// off, read the delivery log (attempts, last status, when, next try) and send a delivery again. Every change is audited.
/// </summary>
[Authorize(Policy = StaffAuth.AdministratorPolicy)]
public sealed class WebhooksModel(FacturoDbContext db, WebhookEndpoints endpoints) : Portal.PortalPage
{
    private const int Shown = 200;

    [BindProperty] public long ApiKeyId { get; set; }
    [BindProperty] public string? EndpointUrl { get; set; }
    [BindProperty] public List<string> Types { get; set; } = [];
    [BindProperty] public long Id { get; set; }

    public IReadOnlyList<(long Id, string Name)> Keys { get; private set; } = [];
    public IReadOnlyList<WebhookEndpointRow> Endpoints { get; private set; } = [];
    public IReadOnlyList<WebhookDeliveryRow> Deliveries { get; private set; } = [];
    /// <summary>The secret of the endpoint just added: on this answer only, never again.</summary>
    public string? NewSecret { get; private set; }
    public string? Notice { get; private set; }
    public string? Error { get; private set; }

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task OnPostAddAsync(CancellationToken cancellationToken)
    {
        var added = await endpoints.AddAsync(new NewWebhookEndpoint(ApiKeyId, EndpointUrl, Types), cancellationToken);
        if (added.Succeeded)
        {
            NewSecret = added.Value!.Secret;
            Notice = T($"Point de réception {added.Value.Endpoint.Id} ajouté. Copiez son secret de signature maintenant : il ne sera plus affiché.",
                $"Endpoint {added.Value.Endpoint.Id} added. Copy its signing secret now: it will not be shown again.");
            (EndpointUrl, Types) = (null, []);
            ModelState.Clear();
        }
        else
        {
            Error = Message(added.Error!);
        }
        await LoadAsync(cancellationToken);
    }

    public async Task OnPostEnableAsync(CancellationToken cancellationToken) => await SetEnabledAsync(true, cancellationToken);

    public async Task OnPostDisableAsync(CancellationToken cancellationToken) => await SetEnabledAsync(false, cancellationToken);

    public async Task OnPostSendAgainAsync(CancellationToken cancellationToken)
    {
        var again = await endpoints.SendAgainAsync(Id, cancellationToken);
        (Notice, Error) = again.Succeeded
            ? (T($"L'envoi {Id} repart au prochain passage.", $"Delivery {Id} goes out again with the next round."), null)
            : ((string?)null, Message(again.Error!));
        await LoadAsync(cancellationToken);
    }

    public static string Time(DateTimeOffset? instant) => instant?.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture) ?? "—";

    public string StateName(WebhookDeliveryState state) => state switch
    {
        WebhookDeliveryState.Delivered => T("Remis", "Delivered"),
        WebhookDeliveryState.Failed => T("En échec", "Failed"),
        _ => T("En attente", "Pending"),
    };

    private async Task SetEnabledAsync(bool enabled, CancellationToken cancellationToken)
    {
        var changed = await endpoints.SetEnabledAsync(Id, enabled, cancellationToken);
        (Notice, Error) = changed.Succeeded
            ? (enabled ? T($"Point de réception {Id} activé.", $"Endpoint {Id} enabled.") : T($"Point de réception {Id} désactivé : il ne reçoit plus rien.", $"Endpoint {Id} disabled: it receives nothing."), null)
            : ((string?)null, Message(changed.Error!));
        await LoadAsync(cancellationToken);
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Keys = (await db.Set<ApiKey>().AsNoTracking().Where(k => k.RevokedAt == null).OrderBy(k => k.Id).Select(k => new { k.Id, k.Name }).ToListAsync(cancellationToken))
            .Select(k => (k.Id, k.Name)).ToList();
        Endpoints = await db.WebhookEndpoints.AsNoTracking().OrderBy(e => e.Id)
            .Join(db.Set<ApiKey>(), e => e.ApiKeyId, k => k.Id, (e, k) => new WebhookEndpointRow(e.Id, k.Name, e.Url, e.EventTypes, e.Enabled, e.CreatedAt))
            .ToListAsync(cancellationToken);
        Deliveries = (await db.WebhookDeliveries.AsNoTracking().OrderByDescending(d => d.Id).Take(Shown)
                .Join(db.Events, d => d.EventId, e => e.Id, (d, e) => new { d, e.Type })
                .ToListAsync(cancellationToken))
            .Select(x => new WebhookDeliveryRow(x.d.Id, x.d.EndpointId, Event.FormatId(x.d.EventId), x.Type, x.d.State, x.d.Attempts, x.d.LastStatusCode, x.d.LastError, x.d.LastAttemptAt, x.d.NextAttemptAt))
            .ToList();
    }
}
