using System.Text.Json;
using Facturo.Accounts;
using Facturo.Billing;
using Facturo.Data;
using Facturo.Events;
using Facturo.Platform;
using Facturo.Portal;
using Facturo.Staff;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Webhooks;

public abstract class WebhookTests(DatabaseProvider provider) : PortalTest(provider)
{
    private static readonly string[] BillingEvents = [EventTypes.InvoiceFinalized, EventTypes.CreditNoteCreated, EventTypes.InvoicePaid];

    // The test sends rounds itself, moving its clock between them.
    protected override IEnumerable<string> MoreHostArgs => ["--Webhooks:PollInterval=01:00:00"];

    [Fact]
    public async Task A_receiver_down_for_the_first_attempts_gets_every_event_exactly_once_by_id_with_a_valid_signature()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 2);
        var staff = await CreateStaffAsync("admin@webhooks.example", StaffRole.Administrator);
        receiver.Secret = (await AddEndpointAsync(staff, new Uri(receiver.Address, "/hooks"), BillingEvents)).Secret;
        await BillAndCreditAsync("1000421");

        var rounds = await SendUntilAsync(() => Delivered(receiver).Count == 3);

        await using var db = Database.NewContext();
        var events = await db.Events.OrderBy(e => e.Id).ToListAsync();
        // Retries may overtake one another: receivers get each event once, not in order.
        Assert.Equal(events.Select(e => e.PublicId), Delivered(receiver).Select(r => r.EventId).Order(StringComparer.Ordinal));
        Assert.Equal(2, receiver.Received.Count(r => r.Answered == 500));
        Assert.All(receiver.Received, r => Assert.True(r.SignatureValid, $"signature of {r.EventId}"));
        Assert.All(receiver.Received, r => Assert.Equal(r.EventId, JsonDocument.Parse(r.Body).RootElement.GetProperty("id").GetString()));
        Assert.InRange(rounds, 2, 10);
        var deliveries = await db.WebhookDeliveries.OrderBy(d => d.Id).ToListAsync();
        Assert.All(deliveries, d => Assert.Equal((WebhookDeliveryState.Delivered, 200), (d.State, d.LastStatusCode)));
        Assert.Equal(5, deliveries.Sum(d => d.Attempts));
    }

    [Fact]
    public async Task A_disabled_endpoint_receives_nothing_and_an_enabled_one_only_what_it_subscribed_to()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var staff = await CreateStaffAsync("admin@webhooks.example", StaffRole.Administrator);
        receiver.Secret = (await AddEndpointAsync(staff, new Uri(receiver.Address, "/invoices"), [EventTypes.InvoiceFinalized])).Secret;
        var disabled = await AddEndpointAsync(staff, new Uri(receiver.Address, "/disabled"), BillingEvents);
        var turnedOff = await AsStaffAsync(staff, s => s.GetRequiredService<WebhookEndpoints>().SetEnabledAsync(disabled.Endpoint.Id, false, CancellationToken.None));
        await BillAndCreditAsync("1000422");

        await SendUntilAsync(() => Delivered(receiver).Count == 1);
        await App.Services.GetRequiredService<WebhookSender>().SendDueAsync(CancellationToken.None);

        Assert.True(turnedOff.Succeeded);
        var only = Assert.Single(receiver.Received);
        Assert.Equal("/invoices", only.Path);
        Assert.Contains("\"type\":\"invoice.finalized\"", only.Body, StringComparison.Ordinal);
        await using var db = Database.NewContext();
        Assert.False(await db.WebhookDeliveries.AnyAsync(d => d.EndpointId == disabled.Endpoint.Id));
        Assert.Equal(["webhook.add", "webhook.add", "webhook.disable"], await db.StaffAuditEntries.OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
    }

    [Fact]
    public async Task A_redirect_is_not_followed_and_the_delivery_is_tried_again_later_then_sent_again_by_staff()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var staff = await CreateStaffAsync("admin@webhooks.example", StaffRole.Administrator);
        await AddEndpointAsync(staff, new Uri(receiver.Address, "/moved"), [EventTypes.InvoiceFinalized]);
        await BillAndCreditAsync("1000423");

        await App.Services.GetRequiredService<WebhookSender>().SendDueAsync(CancellationToken.None);
        await using var db = Database.NewContext();
        var delivery = await db.WebhookDeliveries.AsNoTracking().SingleAsync();
        Clock.Advance(TimeSpan.FromDays(4));
        await App.Services.GetRequiredService<WebhookSender>().SendDueAsync(CancellationToken.None);
        var givenUp = await db.WebhookDeliveries.AsNoTracking().SingleAsync();
        var again = await AsStaffAsync(staff, s => s.GetRequiredService<WebhookEndpoints>().SendAgainAsync(delivery.Id, CancellationToken.None));
        var requeued = await db.WebhookDeliveries.AsNoTracking().SingleAsync();

        Assert.Equal(["/moved", "/moved"], receiver.Received.Select(r => r.Path));
        Assert.Equal((WebhookDeliveryState.Pending, 302, 1), (delivery.State, delivery.LastStatusCode, delivery.Attempts));
        Assert.Contains("redirects are not followed", delivery.LastError, StringComparison.Ordinal);
        Assert.Equal(Clock.GetUtcNow().AddDays(-4), delivery.LastAttemptAt);
        Assert.InRange(delivery.NextAttemptAt - delivery.LastAttemptAt!.Value, TimeSpan.FromSeconds(48), TimeSpan.FromSeconds(72));
        Assert.Equal((WebhookDeliveryState.Failed, 2), (givenUp.State, givenUp.Attempts));
        Assert.True(again.Succeeded);
        Assert.Equal((WebhookDeliveryState.Pending, 0, Clock.GetUtcNow()), (requeued.State, requeued.Attempts, requeued.NextAttemptAt));
        Assert.Equal("webhook.send-again", (await db.StaffAuditEntries.OrderBy(e => e.Id).LastAsync()).Action);
    }

    [Theory]
    [InlineData("not a url", "webhooks.url-invalid", "n'est pas une URL complète", "is not a complete URL")]
    [InlineData("http://hooks.example.com/facturo", "webhooks.url-not-https", "doit commencer par https://", "must start with https://")]
    [InlineData("ftp://127.0.0.1/hooks", "webhooks.url-not-https", "doit commencer par https://", "must start with https://")]
    [InlineData("https://user:secret@hooks.example.com/", "webhooks.url-invalid", "sans identifiants", "no credentials")]
    public async Task A_bad_url_is_refused_in_french_and_english_and_nothing_is_saved(string url, string code, string french, string english)
    {
        var staff = await CreateStaffAsync("admin@webhooks.example", StaffRole.Administrator);

        var added = await AsStaffAsync(staff, s => s.GetRequiredService<WebhookEndpoints>().AddAsync(new NewWebhookEndpoint(1, url, [EventTypes.InvoicePaid]), CancellationToken.None));

        Assert.Equal(code, added.Error?.Code);
        Assert.Contains(french, added.Error!.Message(Language.Fr), StringComparison.Ordinal);
        Assert.Contains(english, added.Error.Message(Language.En), StringComparison.Ordinal);
        await using var db = Database.NewContext();
        Assert.Empty(await db.WebhookEndpoints.ToListAsync());
        Assert.Empty(await db.StaffAuditEntries.ToListAsync());
    }

    [Theory]
    [InlineData("https://10.1.2.3/hooks")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://192.168.0.10/")]
    [InlineData("https://[::1]/hooks")]
    [InlineData("https://[fd00::1]/hooks")]
    [InlineData("https://localhost/hooks")]
    [InlineData("https://intranet/hooks")]
    public void In_production_an_internal_address_is_refused(string url)
    {
        Assert.Equal("webhooks.url-internal", WebhookUrls.Refusal(url, production: true)?.Code);
        Assert.Equal("webhooks.url-not-https", WebhookUrls.Refusal(url.Replace("https://", "http://", StringComparison.Ordinal), production: true)?.Code);
        Assert.Null(WebhookUrls.Refusal("https://hooks.example.com/facturo", production: true));
    }

    [Fact]
    public async Task An_endpoint_needs_a_known_event_type_and_an_active_key()
    {
        var staff = await CreateStaffAsync("admin@webhooks.example", StaffRole.Administrator);

        var noType = await AsStaffAsync(staff, s => s.GetRequiredService<WebhookEndpoints>().AddAsync(new NewWebhookEndpoint(1, "http://127.0.0.1:9/hooks", []), CancellationToken.None));
        var unknownType = await AsStaffAsync(staff, s => s.GetRequiredService<WebhookEndpoints>().AddAsync(new NewWebhookEndpoint(1, "http://127.0.0.1:9/hooks", ["invoice.deleted"]), CancellationToken.None));
        var noKey = await AsStaffAsync(staff, s => s.GetRequiredService<WebhookEndpoints>().AddAsync(new NewWebhookEndpoint(99, "http://127.0.0.1:9/hooks", [EventTypes.InvoicePaid]), CancellationToken.None));

        Assert.Equal(("webhooks.no-event-types", "webhooks.no-event-types", "webhooks.key-not-found"), (noType.Error?.Code, unknownType.Error?.Code, noKey.Error?.Code));
        await using var db = Database.NewContext();
        Assert.Empty(await db.WebhookEndpoints.ToListAsync());
    }

    private Task<AddedWebhookEndpoint> AddEndpointAsync(StaffMember staff, Uri url, IReadOnlyCollection<string> types) =>
        AsStaffAsync(staff, async s =>
        {
            var added = await s.GetRequiredService<WebhookEndpoints>().AddAsync(new NewWebhookEndpoint(1, url.ToString(), types), CancellationToken.None);
            Assert.True(added.Succeeded, added.Error?.Code);
            return added.Value!;
        });

    /// <summary>One invoice (invoice.finalized), then credited whole (credit_note.created, invoice.paid).</summary>
    private async Task BillAndCreditAsync(string customerNumber)
    {
        await AddAccountAsync(customerNumber);
        await PlaceOrderAsync(customerNumber, unitPrice: 100m);
        MoveClockTo(2026, 11, 2);
        await BillAsync(October);
        var credited = await InScopeAsync<IssueCreditNote, Outcome<IssuedCreditNote>>(c => c.HandleAsync(1, new IssueCreditNoteRequest(new Api.ApiAmount(100_00), "Goodwill"), CancellationToken.None));
        Assert.True(credited.Succeeded, credited.Error?.Code);
    }

    /// <summary>Rounds of the sender, the clock moved an hour (past any retry delay) between them; returns how many it took.</summary>
    private async Task<int> SendUntilAsync(Func<bool> done)
    {
        var sender = App.Services.GetRequiredService<WebhookSender>();
        for (var round = 1; round <= 10; round++)
        {
            await sender.SendDueAsync(CancellationToken.None);
            if (done())
            {
                return round;
            }
            Clock.Advance(TimeSpan.FromHours(1));
        }
        return int.MaxValue;
    }

    private static List<ReceivedWebhook> Delivered(WebhookReceiver receiver) => receiver.Received.Where(r => r.Answered == 200).ToList();
}

public sealed class WebhookTestsOnSqlite() : WebhookTests(DatabaseProvider.Sqlite);
public sealed class WebhookTestsOnPostgres() : WebhookTests(DatabaseProvider.Postgres);
