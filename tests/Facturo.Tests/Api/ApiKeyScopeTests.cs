using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Facturo.Data;
using Facturo.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Api;

public abstract class ApiKeyScopeTests(DatabaseProvider provider) : FacturoTest(provider)
{
    private static readonly object Order = new
    {
        customerNumber = "1000001", channel = "Website", paymentMethod = "OnAccount",
        lines = new[] { new { category = "Shipping", description = "Colis", quantity = 1, unitPrice = "10.00" } },
    };

    [Fact]
    public async Task A_read_only_key_cannot_place_an_order_and_nothing_is_written()
    {
        await AddAccountAsync("1000001");
        using var reader = await ApiClientWithKeyAsync([ApiScope.Read]);

        var response = await reader.PostAsJsonAsync("/api/v1/orders", Order);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("api.scope-missing", problem.GetProperty("code").GetString());
        Assert.Contains("orders", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        await using var db = Database.NewContext();
        Assert.Equal(0, await db.Orders.CountAsync());
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/v1/accounts/1000001")).StatusCode);
    }

    [Fact]
    public async Task A_key_limited_to_one_account_finds_no_other_account_and_cannot_order_for_it()
    {
        await AddAccountAsync("1000001");
        await AddAccountAsync("1000002");
        using var limited = await ApiClientWithKeyAsync(ApiScopes.All, "1000002");

        var other = await limited.GetAsync("/api/v1/accounts/1000001");
        var missing = await limited.GetAsync("/api/v1/accounts/1999999");
        var order = await limited.PostAsJsonAsync("/api/v1/orders", Order);

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (other.StatusCode, order.StatusCode));
        // The same answer as for an account that does not exist, so the key learns nothing of the others.
        Assert.Equal(WithoutTrace(await missing.Content.ReadAsStringAsync()).Replace("1999999", "1000001"), WithoutTrace(await other.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.OK, (await limited.GetAsync("/api/v1/accounts/1000002")).StatusCode);
        await using var db = Database.NewContext();
        Assert.Equal(0, await db.Orders.CountAsync());
    }

    [Fact]
    public async Task A_key_stored_as_before_scopes_existed_keeps_every_scope()
    {
        await AddAccountAsync("1000001");
        await using (var db = Database.NewContext())
        {
            // Only the columns an earlier release wrote: the migration's default gives the key its scopes.
            await db.Database.ExecuteSqlInterpolatedAsync($"INSERT INTO api_key (name, key_hash, created_at) VALUES ('earlier', {ApiKey.Hash("earlier-key")}, {Clock.GetUtcNow()})");
        }
        using var earlier = new HttpClient { BaseAddress = BaseAddress };
        earlier.DefaultRequestHeaders.Add("X-Api-Key", "earlier-key");

        var response = await earlier.PostAsJsonAsync("/api/v1/orders", Order);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private static string WithoutTrace(string problem) => System.Text.RegularExpressions.Regex.Replace(problem, "\"traceId\":\"[^\"]*\"", "");
}

public sealed class ApiKeyScopeTestsOnSqlite() : ApiKeyScopeTests(DatabaseProvider.Sqlite);
public sealed class ApiKeyScopeTestsOnPostgres() : ApiKeyScopeTests(DatabaseProvider.Postgres);
