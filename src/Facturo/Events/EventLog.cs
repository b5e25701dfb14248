using System.Text.Json;
using Facturo.Api;
using Facturo.Data;
using Facturo.Platform;
using Facturo.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Events;

/// <summary>
/// Writes events in the caller's unit of work, with one webhook delivery per enabled endpoint subscribed to the type
/// whose key may reach the account. Deliveries are written with the event rather than fanned out later by the
/// sender: the sender then only claims due rows (as the email outbox does), and an endpoint disabled or deleted
/// later never receives what happened while it existed twice or not at all.
/// </summary>
public sealed class EventLog(FacturoDbContext db, BillerClock clock)
{
    private static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web);
    private IReadOnlyList<Subscriber>? _subscribers;

    private sealed record Subscriber(long EndpointId, IReadOnlySet<string> Types, IReadOnlySet<string>? Accounts);

    public Event Compose(string type, string customerNumber, string objectId, object payload) => new()
    {
        Type = type,
        CreatedAt = clock.UtcNow,
        CustomerNumber = customerNumber,
        ObjectId = objectId,
        Payload = JsonSerializer.Serialize(payload, PayloadJson),
    };

    /// <summary>Adds the event and its deliveries to the context: saved by the caller's SaveChanges, with the change.</summary>
    public async Task RecordAsync(string type, string customerNumber, string objectId, object payload, CancellationToken cancellationToken)
    {
        var recorded = Compose(type, customerNumber, objectId, payload);
        db.Events.Add(recorded);
        foreach (var endpointId in await SubscribersOfAsync(recorded, cancellationToken))
        {
            db.Add(new WebhookDelivery { EndpointId = endpointId, Event = recorded, State = WebhookDeliveryState.Pending, NextAttemptAt = recorded.CreatedAt });
        }
    }

    /// <summary>
    /// After a payment, receipt or credit note is posted (saved): invoice.paid for each of the invoices whose receivable it
    /// brought to zero. It had a balance before, since the posting moved it; a return reopens the invoice, and paying it
    /// again says so again.
    /// </summary>
    public async Task RecordPaidInvoicesAsync(IReadOnlyCollection<long> invoiceIds, string paidBy, CancellationToken cancellationToken)
    {
        var open = await db.LedgerEntries.AsNoTracking()
            .Where(e => e.Account == Ledger.LedgerAccount.AccountsReceivable && e.DocumentKind == Ledger.ReceivableKind.Invoice && invoiceIds.Contains(e.DocumentId!.Value))
            .GroupBy(e => e.DocumentId!.Value)
            .Where(g => g.Sum(e => e.AmountCents) != 0)
            .Select(g => g.Key)
            .ToListAsync(cancellationToken);
        var paid = await db.Invoices.AsNoTracking().Where(i => invoiceIds.Contains(i.Id) && !open.Contains(i.Id)).OrderBy(i => i.Id)
            .Select(i => new { i.Id, i.CustomerNumber, i.CurrencyCode, i.TotalCents })
            .ToListAsync(cancellationToken);
        foreach (var invoice in paid)
        {
            var number = Billing.Invoice.FormatNumber(invoice.Id);
            await RecordAsync(EventTypes.InvoicePaid, invoice.CustomerNumber, number,
                new InvoicePaidData(number, invoice.CustomerNumber, invoice.CurrencyCode, new ApiAmount(invoice.TotalCents), paidBy), cancellationToken);
        }
    }

    /// <summary>Writes many composed events set-based in the caller's open transaction (a bill-run batch, a debit file), with their deliveries.</summary>
    public async Task RecordAllAsync(IReadOnlyList<Event> events, CancellationToken cancellationToken)
    {
        await BulkInsert.InsertAsync(db, events, cancellationToken);
        var deliveries = new List<WebhookDelivery>();
        foreach (var recorded in events)
        {
            foreach (var endpointId in await SubscribersOfAsync(recorded, cancellationToken))
            {
                deliveries.Add(new WebhookDelivery { EndpointId = endpointId, EventId = recorded.Id, State = WebhookDeliveryState.Pending, NextAttemptAt = recorded.CreatedAt });
            }
        }
        await BulkInsert.InsertAsync(db, deliveries, cancellationToken);
    }

    private async Task<IEnumerable<long>> SubscribersOfAsync(Event recorded, CancellationToken cancellationToken)
    {
        _subscribers ??= (await db.WebhookEndpoints.AsNoTracking().Where(e => e.Enabled)
                .Join(db.Set<ApiKey>().Where(k => k.RevokedAt == null), e => e.ApiKeyId, k => k.Id, (e, k) => new { e.Id, e.EventTypes, Key = k })
                .ToListAsync(cancellationToken))
            .Select(x => new Subscriber(x.Id, x.EventTypes.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal), x.Key.ToCaller().Accounts))
            .ToList();
        return _subscribers.Where(s => s.Types.Contains(recorded.Type) && (s.Accounts is null || s.Accounts.Contains(recorded.CustomerNumber))).Select(s => s.EndpointId);
    }
}
