using System.Net;
using System.Net.Http.Json;
using Facturo.Data;
using Facturo.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Api;

/// <summary>Every API write names the key that made it in the audit log, committed with the change or not at all.</summary>
public abstract class ApiAuditTests(DatabaseProvider provider) : FacturoTest(provider)
{
    [Fact]
    public async Task An_order_placed_with_a_key_is_in_the_audit_log_under_that_key()
    {
        await AddAccountAsync("1000501");
        using var shippingTool = await ApiClientWithKeyAsync([ApiScope.Orders]);

        var placed = await shippingTool.PostAsJsonAsync("/api/v1/orders", Order("1000501"));

        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        await using var db = Database.NewContext();
        var key = await db.Set<ApiKey>().SingleAsync(k => k.Name == "limited");
        var entry = await db.Set<ApiAuditEntry>().SingleAsync();
        Assert.Equal((key.Id, "limited", "PlaceOrder", placed.Headers.Location!.OriginalString, 201),
            (entry.ApiKeyId, entry.KeyName, entry.Action, entry.Subject, entry.Status));
        Assert.Equal(Clock.GetUtcNow(), entry.At);
    }

    [Fact]
    public async Task A_refused_write_leaves_no_audit_entry()
    {
        await AddAccountAsync("1000502", Accounts.BillingProgram.SmallBusiness);

        var refused = await Api.PostAsJsonAsync("/api/v1/orders", Order("1000502"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        await using var db = Database.NewContext();
        Assert.Equal(0, await db.Set<ApiAuditEntry>().CountAsync());
    }

    [Fact]
    public async Task An_order_is_not_placed_when_its_audit_entry_cannot_be_written()
    {
        await AddAccountAsync("1000503");
        await AuditTrigger.RefuseApiAuditEntriesAsync(Database, Provider);

        var failed = await Api.PostAsJsonAsync("/api/v1/orders", Order("1000503"));

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        await using var db = Database.NewContext();
        Assert.Equal((0, 0), (await db.Orders.CountAsync(), await db.Charges.CountAsync()));
    }

    private static object Order(string customerNumber) => new
    {
        customerNumber, channel = "ShippingTool", paymentMethod = "OnAccount",
        lines = new[] { new { category = "Shipping", description = "Expedited Parcel", quantity = 1, unitPrice = "10.00" } },
    };
}

public sealed class ApiAuditTestsOnSqlite() : ApiAuditTests(DatabaseProvider.Sqlite);
public sealed class ApiAuditTestsOnPostgres() : ApiAuditTests(DatabaseProvider.Postgres);
