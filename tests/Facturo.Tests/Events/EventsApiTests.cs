using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Facturo.Api;
using Facturo.Billing;
using Facturo.Data;
using Facturo.Platform;
using Facturo.Portal;

namespace Facturo.Events;

public abstract class EventsApiTests(DatabaseProvider provider) : PortalTest(provider)
{
    private static readonly string[] Customers = ["1000411", "1000412", "1000413", "1000414", "1000415"];

    [Fact]
    public async Task Events_are_listed_page_by_page_without_repeats_or_gaps_even_when_one_is_written_between_pages()
    {
        await BillCustomersAsync();

        var first = await PageAsync(Api, "/api/v1/events?limit=2");
        await CreditAsync(1);
        var rest = new List<JsonElement>();
        for (var (cursor, pages) = (first.NextCursor, 0); cursor is not null && pages < 10; pages++)
        {
            var page = await PageAsync(Api, $"/api/v1/events?limit=2&after={cursor}");
            rest.AddRange(page.Data);
            cursor = page.NextCursor;
        }

        var ids = first.Data.Concat(rest).Select(e => e.GetProperty("id").GetString()!).ToList();
        Assert.Equal(7, ids.Count);   // five invoices, then the credit note written between pages and the invoice it paid
        Assert.Equal(ids.Distinct().Order(StringComparer.Ordinal), ids);
        Assert.Equal(["invoice.finalized", "invoice.finalized", "invoice.finalized", "invoice.finalized", "invoice.finalized", "credit_note.created"],
            first.Data.Concat(rest).Select(e => e.GetProperty("type").GetString()).Take(6));
        var one = await Api.GetFromJsonAsync<JsonElement>($"/api/v1/events/{ids[0]}");
        Assert.Equal(("invoice.finalized", "1000411", "F000000001", "113.00"),
            (one.GetProperty("type").GetString(), one.GetProperty("customerNumber").GetString(), one.GetProperty("objectId").GetString(), one.GetProperty("data").GetProperty("total").GetString()));
    }

    [Fact]
    public async Task Events_are_filtered_by_type_and_account()
    {
        await BillCustomersAsync();
        await CreditAsync(2);

        var credits = await PageAsync(Api, "/api/v1/events?type=credit_note.created");
        var ofOneAccount = await PageAsync(Api, "/api/v1/events?customerNumber=1000412");

        Assert.Equal(["credit_note.created"], credits.Data.Select(e => e.GetProperty("type").GetString()));
        Assert.Equal(["invoice.finalized", "credit_note.created", "invoice.paid"], ofOneAccount.Data.Select(e => e.GetProperty("type").GetString()));
        Assert.All(ofOneAccount.Data, e => Assert.Equal("1000412", e.GetProperty("customerNumber").GetString()));
    }

    [Fact]
    public async Task A_key_limited_to_one_account_sees_only_that_accounts_events()
    {
        await BillCustomersAsync();
        using var limited = await ApiClientWithKeyAsync([ApiScope.Read], "1000413");
        var all = await PageAsync(Api, "/api/v1/events");
        var other = all.Data.First(e => e.GetProperty("customerNumber").GetString() == "1000411").GetProperty("id").GetString();

        var seen = await PageAsync(limited, "/api/v1/events");
        var askedForAnother = await PageAsync(limited, "/api/v1/events?customerNumber=1000411");
        var anotherById = await limited.GetAsync($"/api/v1/events/{other}");

        Assert.Equal(["1000413"], seen.Data.Select(e => e.GetProperty("customerNumber").GetString()));
        Assert.Empty(askedForAnother.Data);
        Assert.Equal(HttpStatusCode.NotFound, anotherById.StatusCode);
        Assert.Equal("events.not-found", (await anotherById.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Events_need_a_key_and_bad_list_parameters_are_refused_in_the_callers_language()
    {
        using var anonymous = new HttpClient { BaseAddress = BaseAddress };
        var french = new HttpRequestMessage(HttpMethod.Get, "/api/v1/events?after=not-a-cursor");
        french.Headers.AcceptLanguage.ParseAdd("fr-CA");

        var withoutKey = await anonymous.GetAsync("/api/v1/events");
        var badCursor = await Api.SendAsync(french);
        var badLimit = await Api.GetAsync("/api/v1/events?limit=0");
        var badType = await Api.GetAsync("/api/v1/events?type=invoice.deleted");

        Assert.Equal(HttpStatusCode.Unauthorized, withoutKey.StatusCode);
        Assert.Equal((HttpStatusCode.UnprocessableEntity, HttpStatusCode.UnprocessableEntity, HttpStatusCode.UnprocessableEntity), (badCursor.StatusCode, badLimit.StatusCode, badType.StatusCode));
        var problem = await badCursor.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("events.invalid-query", problem.GetProperty("code").GetString());
        Assert.StartsWith("Paramètres de liste non valides", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Contains("invoice.finalized", (await badType.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    private async Task BillCustomersAsync()
    {
        foreach (var customer in Customers)
        {
            await AddAccountAsync(customer);
            await PlaceOrderAsync(customer, unitPrice: 100m);
        }
        MoveClockTo(2026, 11, 2);
        await BillAsync(October);
    }

    /// <summary>Credits the invoice whole: a credit note, and the invoice paid by it.</summary>
    private async Task CreditAsync(long invoiceId)
    {
        var credited = await InScopeAsync<IssueCreditNote, Outcome<IssuedCreditNote>>(c => c.HandleAsync(invoiceId, new IssueCreditNoteRequest(new Api.ApiAmount(100_00), "Goodwill"), CancellationToken.None));
        Assert.True(credited.Succeeded, credited.Error?.Code);
    }

    private static async Task<(List<JsonElement> Data, string? NextCursor)> PageAsync(HttpClient client, string path)
    {
        var page = await client.GetFromJsonAsync<JsonElement>(path);
        var next = page.GetProperty("nextCursor");
        return (page.GetProperty("data").EnumerateArray().ToList(), next.ValueKind == JsonValueKind.Null ? null : next.GetString());
    }
}

public sealed class EventsApiTestsOnSqlite() : EventsApiTests(DatabaseProvider.Sqlite);
public sealed class EventsApiTestsOnPostgres() : EventsApiTests(DatabaseProvider.Postgres);
