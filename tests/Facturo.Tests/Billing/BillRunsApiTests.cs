using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Facturo.Api;
using Facturo.Data;
using Facturo.Infrastructure;
using Facturo.Platform;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Billing;

/// <summary>POST /bill-runs hands the period to the background worker; GET /bill-runs/{id} and GET /bill-runs follow it.</summary>
public abstract class BillRunsApiTests(DatabaseProvider provider) : Portal.PortalTest(provider)
{
    [Fact]
    public async Task Billing_a_period_before_the_billers_first_is_refused_from_the_back_office_and_the_api_alike()
    {
        await AddAccountAsync("1000601");
        await PlaceOrderAsync("1000601");
        MoveClockTo(2026, 11, 1);

        var runner = await InScopeAsync<BillRunner, Outcome<BillRunResult>>(r => r.RunAsync(BillingPeriod.Parse("2020-01"), 500, null, CancellationToken.None));
        var api = await PostAsync("{\"period\":\"2020-01\"}", "en-CA");

        Assert.Equal("billrun.before-first-period", runner.Error?.Code);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, api.StatusCode);
        var problem = await api.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("billrun.before-first-period", problem.GetProperty("code").GetString());
        Assert.Contains("2026-10", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        await using var db = Database.NewContext();
        Assert.Equal(0, await db.BillRuns.CountAsync());
    }

    [Fact]
    public async Task A_bill_run_started_through_the_api_runs_in_the_background_and_starting_it_again_returns_the_same_run()
    {
        await AddAccountAsync("1000602");
        await AddAccountAsync("1000603");
        await PlaceOrderAsync("1000602", unitPrice: 100m);
        await PlaceOrderAsync("1000603", unitPrice: 100m);
        MoveClockTo(2026, 11, 1);

        var started = await PostAsync("{\"period\":\"2026-10\"}", "en-CA");
        var finished = await PollUntilFinishedAsync(started.Headers.Location!);
        var again = await PostAsync("{\"period\":\"2026-10\"}", "en-CA");

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (started.StatusCode, again.StatusCode));
        var first = await started.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal($"/api/v1/bill-runs/{first.GetProperty("id").GetInt64()}", started.Headers.Location!.OriginalString);
        Assert.Equal(started.Headers.Location, again.Headers.Location);
        Assert.Equal(("completed", 2, 2, 2), (finished.GetProperty("status").GetString(), finished.GetProperty("accountsBilled").GetInt32(),
            finished.GetProperty("accountsToBill").GetInt32(), finished.GetProperty("invoices").GetInt32()));
        Assert.Equal("CAD 226.00", string.Join(", ", finished.GetProperty("totals").EnumerateArray().Select(t => $"{t.GetProperty("currency").GetString()} {t.GetProperty("total").GetString()}")));
        Assert.NotEqual(JsonValueKind.Null, finished.GetProperty("finishedAt").ValueKind);
        await using var db = Database.NewContext();
        Assert.Equal((1, 2), (await db.BillRuns.CountAsync(), await db.Invoices.CountAsync()));
        await LedgerAssertions.AssertBalancedAsync(Database);
    }

    [Theory]
    [InlineData("{\"period\":\"2026-11\"}", 422, "billrun.period-not-ended", "2026-12-01")]
    [InlineData("{\"period\":\"2026-13\"}", 422, "billrun.invalid-period", "2026-13")]
    [InlineData("{}", 422, "billrun.invalid-period", "AAAA-MM")]
    [InlineData("{\"period\":202610}", 400, "request.invalid-body", "JSON")]
    public async Task A_bad_period_gets_a_clear_French_error_and_starts_nothing(string body, int status, string code, string expected)
    {
        await AddAccountAsync("1000604");
        await PlaceOrderAsync("1000604");
        MoveClockTo(2026, 11, 1);

        var response = await PostAsync(body, "fr-CA");

        Assert.Equal(status, (int)response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Contains(expected, problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        await using var db = Database.NewContext();
        Assert.Equal((0, 0), (await db.BillRuns.CountAsync(), await db.Invoices.CountAsync()));
    }

    [Fact]
    public async Task Only_a_key_with_the_billing_scope_that_reaches_every_account_starts_a_bill_run()
    {
        await AddAccountAsync("1000605");
        await PlaceOrderAsync("1000605");
        MoveClockTo(2026, 11, 1);
        using var limited = await ApiClientWithKeyAsync(ApiScopes.All, "1000605");
        using var reader = await ApiClientWithKeyAsync([ApiScope.Read]);
        using var anonymous = new HttpClient { BaseAddress = BaseAddress };
        var body = new { period = "2026-10" };

        var byLimited = await limited.PostAsJsonAsync("/api/v1/bill-runs", body);
        var byReader = await reader.PostAsJsonAsync("/api/v1/bill-runs", body);
        var byNobody = await anonymous.PostAsJsonAsync("/api/v1/bill-runs", body);

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Unauthorized), (byLimited.StatusCode, byReader.StatusCode, byNobody.StatusCode));
        Assert.Equal("billrun.key-limited-to-accounts", (await byLimited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal("api.scope-missing", (await byReader.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/bill-runs")).StatusCode);
        await using var db = Database.NewContext();
        Assert.Equal(0, await db.BillRuns.CountAsync());
    }

    [Fact]
    public async Task The_list_of_bill_runs_pages_with_a_cursor()
    {
        await AddAccountAsync("1000606");
        await PlaceOrderAsync("1000606");
        MoveClockTo(2026, 11, 1);
        await PollUntilFinishedAsync((await PostAsync("{\"period\":\"2026-10\"}", "en-CA")).Headers.Location!);
        await PlaceOrderAsync("1000606");
        MoveClockTo(2026, 12, 1);
        await PollUntilFinishedAsync((await PostAsync("{\"period\":\"2026-11\"}", "en-CA")).Headers.Location!);

        var first = await Api.GetFromJsonAsync<JsonElement>("/api/v1/bill-runs?limit=1");
        var second = await Api.GetFromJsonAsync<JsonElement>($"/api/v1/bill-runs?limit=1&after={first.GetProperty("nextCursor").GetString()}");

        Assert.Equal(["2026-10", "2026-11"], new[] { first, second }.Select(p => p.GetProperty("data")[0].GetProperty("period").GetString()));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);
        Assert.Equal(HttpStatusCode.NotFound, (await Api.GetAsync("/api/v1/bill-runs/999")).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await Api.GetAsync("/api/v1/bill-runs?limit=0")).StatusCode);
    }

    /// <summary>Reads the run until it is no longer running: bounded, so a run that never ends fails the test instead of hanging it.</summary>
    private async Task<JsonElement> PollUntilFinishedAsync(Uri location)
    {
        // Four reads a second: well inside the key's rate limit, however long a loaded machine takes to bill.
        for (var attempt = 0; attempt < 240; attempt++)
        {
            var answer = await Api.GetAsync(location);
            Assert.True(answer.IsSuccessStatusCode, $"GET {location}: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
            var run = await answer.Content.ReadFromJsonAsync<JsonElement>();
            if (run.GetProperty("status").GetString() != "running")
            {
                return run;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
        throw new TimeoutException($"{location} still running after 30 s.");
    }

    private Task<HttpResponseMessage> PostAsync(string body, string language)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/bill-runs") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.AcceptLanguage.ParseAdd(language);
        return Api.SendAsync(request);
    }
}

public sealed class BillRunsApiTestsOnSqlite() : BillRunsApiTests(DatabaseProvider.Sqlite);
public sealed class BillRunsApiTestsOnPostgres() : BillRunsApiTests(DatabaseProvider.Postgres);
