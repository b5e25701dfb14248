using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Facturo.Data;
using Facturo.Infrastructure;
using Facturo.Payments;
using Facturo.Portal;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Facturo.Api;

/// <summary>
/// An integration that retries a POST with the same Idempotency-Key gets the first answer again, and nothing is done twice:
/// a retry after a timeout, two nodes, a request still running, a different request under the same key.
/// </summary>
public abstract class IdempotencyTests(DatabaseProvider provider) : PortalTest(provider)
{
    private HeldCardCharges cards = null!;

    protected override void ReplaceServices(IServiceCollection services)
    {
        cards = new HeldCardCharges(new SandboxCardGateway(Clock));
        services.Replace(ServiceDescriptor.Singleton<ICardGateway>(cards));
    }

    [Fact]
    public async Task Two_credit_notes_sent_with_the_same_idempotency_key_make_one_and_the_retry_gets_the_first_answer()
    {
        await BilledInvoiceAsync();

        var first = await CreditAsync("retry-after-timeout", 10.00m);
        var retry = await CreditAsync("retry-after-timeout", 10.00m);

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.StatusCode, retry.StatusCode));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.False(first.Headers.Contains(ApiWrites.ReplayedHeader));
        Assert.Equal("true", retry.Headers.GetValues(ApiWrites.ReplayedHeader).Single());
        await using var db = Database.NewContext();
        Assert.Equal(1, await db.CreditNotes.CountAsync());
        Assert.Equal(1, await db.Set<ApiAuditEntry>().CountAsync(e => e.Action == "IssueCreditNote"));
    }

    [Fact]
    public async Task Without_an_idempotency_key_two_posts_make_two_credit_notes_as_before()
    {
        await BilledInvoiceAsync();

        await CreditAsync(null, 10.00m);
        await CreditAsync(null, 10.00m);

        await using var db = Database.NewContext();
        Assert.Equal(2, await db.CreditNotes.CountAsync());
    }

    [Fact]
    public async Task The_same_idempotency_key_with_a_different_body_is_refused_with_422_and_nothing_more_is_written()
    {
        await BilledInvoiceAsync();
        await CreditAsync("one-key", 10.00m);

        var different = await CreditAsync("one-key", 11.00m, language: "fr-CA");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, different.StatusCode);
        var problem = await different.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("idempotency.key-reused", problem.GetProperty("code").GetString());
        Assert.Contains("déjà servi", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        await using var db = Database.NewContext();
        Assert.Equal(1, await db.CreditNotes.CountAsync());
    }

    [Fact]
    public async Task A_request_sent_again_while_the_first_is_still_running_gets_409_and_the_first_completes_once()
    {
        await AddAccountAsync("1000401", Accounts.BillingProgram.SmallBusiness);
        cards.Hold();

        var first = CardOrderAsync("in-flight");
        await cards.Charging.Task;
        var second = await CardOrderAsync("in-flight");
        cards.Release();
        var firstAnswer = await first;

        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.Created), (second.StatusCode, firstAnswer.StatusCode));
        Assert.Equal("idempotency.in-progress", (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        var replay = await CardOrderAsync("in-flight");
        Assert.Equal((HttpStatusCode.Created, await firstAnswer.Content.ReadAsStringAsync()), (replay.StatusCode, await replay.Content.ReadAsStringAsync()));
        Assert.Equal(1, cards.Charges);
        await using var db = Database.NewContext();
        Assert.Equal(1, await db.Orders.CountAsync());
    }

    [Fact]
    public async Task An_answer_is_replayed_for_24_hours_and_after_that_the_key_starts_a_new_request()
    {
        await BilledInvoiceAsync();
        await CreditAsync("a-day", 10.00m);
        Clock.Advance(TimeSpan.FromHours(23));
        var withinTheDay = await CreditAsync("a-day", 10.00m);
        Clock.Advance(TimeSpan.FromHours(1));

        var nextDay = await CreditAsync("a-day", 10.00m);

        Assert.True(withinTheDay.Headers.Contains(ApiWrites.ReplayedHeader));
        Assert.Equal(HttpStatusCode.Created, nextDay.StatusCode);
        Assert.False(nextDay.Headers.Contains(ApiWrites.ReplayedHeader));
        await using var db = Database.NewContext();
        Assert.Equal(2, await db.CreditNotes.CountAsync());
        Assert.Equal(1, await db.Set<IdempotentRequest>().CountAsync());
    }

    [Fact]
    public async Task Answers_older_than_24_hours_are_removed_when_the_key_sends_new_requests()
    {
        await AddAccountAsync("1000402");
        await OrderAsync(Api, "yesterday-1");
        await OrderAsync(Api, "yesterday-2");
        Clock.Advance(ApiWrites.Retention);

        await OrderAsync(Api, "today");

        await using var db = Database.NewContext();
        Assert.Equal(["today"], await db.Set<IdempotentRequest>().Select(r => r.Key).ToListAsync());
        Assert.Equal(3, await db.Orders.CountAsync());
    }

    [Fact]
    public async Task The_same_idempotency_key_from_two_api_keys_are_two_requests()
    {
        await AddAccountAsync("1000402");
        using var other = await ApiClientWithKeyAsync(ApiScopes.All);

        var mine = await OrderAsync(Api, "shared-key");
        var theirs = await OrderAsync(other, "shared-key");

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (mine.StatusCode, theirs.StatusCode));
        Assert.False(theirs.Headers.Contains(ApiWrites.ReplayedHeader));
        await using var db = Database.NewContext();
        Assert.Equal(2, await db.Orders.CountAsync());
    }

    [Theory]
    [InlineData("")]
    [InlineData("tab\tinside")]
    public async Task A_malformed_idempotency_key_is_refused_with_400_and_nothing_is_written(string key)
    {
        await AddAccountAsync("1000403");
        var request = OrderRequest();
        request.Headers.TryAddWithoutValidation(ApiWrites.KeyHeader, key);
        request.Headers.AcceptLanguage.ParseAdd("fr-CA");

        var response = await Api.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("idempotency.invalid-key", problem.GetProperty("code").GetString());
        Assert.Contains("ASCII imprimables", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        await using var db = Database.NewContext();
        Assert.Equal(0, await db.Orders.CountAsync());
    }

    [Fact]
    public async Task A_key_of_255_characters_is_accepted_and_one_of_256_is_not()
    {
        await AddAccountAsync("1000404");

        var longest = await OrderAsync(Api, new string('k', 255));
        var tooLong = await OrderAsync(Api, new string('k', 256));

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.BadRequest), (longest.StatusCode, tooLong.StatusCode));
    }

    [Fact]
    public async Task A_refused_request_is_replayed_as_refused_but_a_failed_one_may_be_retried()
    {
        await BilledInvoiceAsync();
        var refused = await CreditAsync("too-much", 1_000.00m);
        var refusedAgain = await CreditAsync("too-much", 1_000.00m);
        await AuditTrigger.RefuseApiAuditEntriesAsync(Database, Provider);

        var failed = await CreditAsync("server-failed", 10.00m);
        await AuditTrigger.AllowApiAuditEntriesAsync(Database, Provider);
        var retried = await CreditAsync("server-failed", 10.00m);

        Assert.Equal((HttpStatusCode.UnprocessableEntity, HttpStatusCode.UnprocessableEntity), (refused.StatusCode, refusedAgain.StatusCode));
        Assert.Equal("true", refusedAgain.Headers.GetValues(ApiWrites.ReplayedHeader).Single());
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        Assert.False(retried.Headers.Contains(ApiWrites.ReplayedHeader));
        await using var db = Database.NewContext();
        Assert.Equal(1, await db.CreditNotes.CountAsync());
    }

    private async Task BilledInvoiceAsync()
    {
        await AddAccountAsync("1000400");
        await PlaceOrderAsync("1000400", unitPrice: 100m);
        MoveClockTo(2026, 11, 1);
        await BillAsync(October);
    }

    private Task<HttpResponseMessage> CreditAsync(string? idempotencyKey, decimal amount, string? language = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/invoices/F000000001/credit-notes") { Content = JsonContent.Create(new { amount = amount.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), reason = "Damaged parcel" }) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add(ApiWrites.KeyHeader, idempotencyKey);
        }
        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }
        return Api.SendAsync(request);
    }

    private static HttpRequestMessage OrderRequest(string customerNumber = "1000403") => new(HttpMethod.Post, "/api/v1/orders")
    {
        Content = JsonContent.Create(new
        {
            customerNumber, channel = "ShippingTool", paymentMethod = "OnAccount",
            lines = new[] { new { category = "Shipping", description = "Expedited Parcel", quantity = 1, unitPrice = "10.00" } },
        }),
    };

    private static Task<HttpResponseMessage> OrderAsync(HttpClient client, string idempotencyKey)
    {
        var request = OrderRequest(idempotencyKey.Length > 200 ? "1000404" : "1000402");
        request.Headers.TryAddWithoutValidation(ApiWrites.KeyHeader, idempotencyKey);
        return client.SendAsync(request);
    }

    private Task<HttpResponseMessage> CardOrderAsync(string idempotencyKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/orders")
        {
            Content = JsonContent.Create(new
            {
                customerNumber = "1000401", channel = "Website", paymentMethod = "Card",
                lines = new[] { new { category = "Shipping", description = "Expedited Parcel", quantity = 1, unitPrice = "100.00" } },
                card = new { number = "4242424242424242", expiryMonth = 12, expiryYear = 2028, cvc = "123" },
            }),
        };
        request.Headers.Add(ApiWrites.KeyHeader, idempotencyKey);
        return Api.SendAsync(request);
    }

    /// <summary>A card processor that, when held, keeps the first charge waiting until the test releases it: a request still running, without sleeps.</summary>
    private sealed class HeldCardCharges(SandboxCardGateway sandbox) : ICardGateway
    {
        private TaskCompletionSource release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int charges;

        public TaskCompletionSource Charging { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public int Charges => charges;

        public void Hold() => release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => release.TrySetResult();

        public async Task<CardResult> ChargeAsync(CardCharge charge, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref charges);
            Charging.TrySetResult();
            await release.Task.WaitAsync(cancellationToken);
            return await sandbox.ChargeAsync(charge, cancellationToken);
        }

        public Task VoidAsync(string token, CancellationToken cancellationToken) => sandbox.VoidAsync(token, cancellationToken);
    }
}

/// <summary>Makes the API audit table refuse every insert, as a full disk or a lost connection would.</summary>
public static class AuditTrigger
{
    public static async Task RefuseApiAuditEntriesAsync(TestDatabase database, DatabaseProvider provider)
    {
        await using var db = database.NewContext();
        await db.Database.ExecuteSqlRawAsync(provider == DatabaseProvider.Sqlite
            ? "CREATE TRIGGER refuse_api_audit BEFORE INSERT ON api_audit_entry BEGIN SELECT RAISE(ABORT, 'audit log unavailable'); END;"
            : """
              CREATE FUNCTION refuse_api_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit log unavailable'; END $$;
              CREATE TRIGGER refuse_api_audit BEFORE INSERT ON api_audit_entry FOR EACH ROW EXECUTE FUNCTION refuse_api_audit();
              """);
    }

    public static async Task AllowApiAuditEntriesAsync(TestDatabase database, DatabaseProvider provider)
    {
        await using var db = database.NewContext();
        await db.Database.ExecuteSqlRawAsync(provider == DatabaseProvider.Sqlite ? "DROP TRIGGER refuse_api_audit;" : "DROP TRIGGER refuse_api_audit ON api_audit_entry;");
    }
}

public sealed class IdempotencyTestsOnSqlite() : IdempotencyTests(DatabaseProvider.Sqlite);
public sealed class IdempotencyTestsOnPostgres() : IdempotencyTests(DatabaseProvider.Postgres);
