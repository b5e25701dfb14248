using System.Net;
using System.Text.Json;
using Facturo.Api;
using Facturo.Accounts;
using Facturo.Billing;
using Facturo.Data;
using Facturo.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Orders;

public abstract class OrdersApiTests(DatabaseProvider provider) : FacturoTest(provider)
{
    [Fact]
    public async Task The_location_of_a_placed_order_reads_it_back_with_its_lines_and_amounts_as_strings()
    {
        await AddAccountAsync("1000001");

        var placed = await PlaceOrderAsync("1000001", unitPrice: 18.95m, quantity: 3, reference: "SHIP-1");
        var order = await Api.JsonAsync(placed.Headers.Location!.OriginalString);

        Assert.Equal(("1000001", "SHIP-1", "BillOnNextInvoice", "CAD"), (order.GetProperty("customerNumber").GetString(), order.GetProperty("externalReference").GetString(),
            order.GetProperty("settlement").GetString(), order.GetProperty("currency").GetString()));
        Assert.Equal(("56.85", "0.00", "56.85"), (order.GetProperty("subtotal").GetString(), order.GetProperty("tax").GetString(), order.GetProperty("total").GetString()));
        var line = order.GetProperty("lines").EnumerateArray().Single();
        Assert.Equal(("Shipping", "18.95", "56.85"), (line.GetProperty("category").GetString(), line.GetProperty("unitPrice").GetString(), line.GetProperty("amount").GetString()));
        Assert.Equal(JsonValueKind.Null, order.GetProperty("invoice").ValueKind);
    }

    [Fact]
    public async Task An_order_once_billed_names_its_invoice()
    {
        await AddAccountAsync("1000001");
        var placed = await PlaceOrderAsync("1000001");
        MoveClockTo(2026, 11, 1);

        await InScopeAsync<BillRunner, Platform.Outcome<BillRunResult>>(runner => runner.RunAsync(BillingPeriod.Parse("2026-10"), 500, null, CancellationToken.None));

        await using var db = Database.NewContext();
        var invoice = await db.Invoices.SingleAsync();
        Assert.Equal(invoice.Number, (await Api.JsonAsync(placed.Headers.Location!.OriginalString)).GetProperty("invoice").GetString());
    }

    [Fact]
    public async Task An_order_paid_by_card_at_creation_shows_its_tax_and_the_card()
    {
        await AddAccountAsync("1000001", BillingProgram.SmallBusiness);
        var placed = await Api.PostAsync("/api/v1/orders", System.Net.Http.Json.JsonContent.Create(new
        {
            customerNumber = "1000001", channel = "Website", paymentMethod = "Card",
            lines = new[] { new { category = "Shipping", description = "Expedited Parcel", quantity = 1, unitPrice = "100.00" } },
            card = new { number = "4242 4242 4242 4242", expiryMonth = 12, expiryYear = 2028, cvc = "123" },
        }));

        var order = await Api.JsonAsync(placed.Headers.Location!.OriginalString);

        Assert.Equal(("PayAtCreation", "13.00", "113.00"), (order.GetProperty("settlement").GetString(), order.GetProperty("tax").GetString(), order.GetProperty("total").GetString()));
        Assert.Equal("Visa ****4242", order.GetProperty("paidWith").GetString());
    }

    [Fact]
    public async Task Another_accounts_order_is_not_found_like_a_missing_one_and_left_out_of_lists()
    {
        await AddAccountAsync("1000001");
        await AddAccountAsync("1000002");
        var theirs = await PlaceOrderAsync("1000001");
        await PlaceOrderAsync("1000002");
        using var limited = await ApiClientWithKeyAsync(ApiScopes.All, "1000002");

        Assert.Equal((HttpStatusCode.NotFound, "order.not-found"), await limited.ProblemAsync(theirs.Headers.Location!.OriginalString));
        Assert.Equal((HttpStatusCode.NotFound, "order.not-found"), await limited.ProblemAsync("/api/v1/orders/999999"));
        var listed = await limited.JsonAsync("/api/v1/orders");
        Assert.Equal(["1000002"], listed.GetProperty("data").EnumerateArray().Select(o => o.GetProperty("customerNumber").GetString()));
        Assert.Empty((await limited.JsonAsync("/api/v1/orders?account=1000001")).GetProperty("data").EnumerateArray());
    }

    [Fact]
    public async Task Orders_cannot_be_read_without_a_key()
    {
        await AddAccountAsync("1000001");
        var placed = await PlaceOrderAsync("1000001");
        using var anonymous = new HttpClient { BaseAddress = BaseAddress };

        Assert.Equal((HttpStatusCode.Unauthorized, "api.key-missing"), await anonymous.ProblemAsync(placed.Headers.Location!.OriginalString));
        Assert.Equal((HttpStatusCode.Unauthorized, "api.key-missing"), await anonymous.ProblemAsync("/api/v1/orders"));
    }

    [Fact]
    public async Task A_list_of_120_orders_comes_in_pages_of_50_50_and_20_and_an_order_placed_between_pages_appears_once()
    {
        var account = await AddAccountAsync("1000001");
        await AddOrdersAsync(account.Id, 120);

        var pages = await Api.AllPagesAsync("/api/v1/orders", 50, async _ => await AddOrdersAsync(account.Id, 1));

        Assert.Equal([50, 50, 22], pages.Select(p => p.Count));
        var ids = pages.SelectMany(p => p).Select(o => o.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(ids.Distinct().Order(), ids);
    }

    [Fact]
    public async Task Orders_are_filtered_by_account_external_reference_and_order_date()
    {
        await AddAccountAsync("1000001");
        await AddAccountAsync("1000002");
        await PlaceOrderAsync("1000001", reference: "A-1");
        MoveClockTo(2026, 10, 20);
        await PlaceOrderAsync("1000001", reference: "A-2");
        await PlaceOrderAsync("1000002", reference: "A-1");

        async Task<IEnumerable<string?>> ReferencesAsync(string query) =>
            (await Api.JsonAsync($"/api/v1/orders?{query}")).GetProperty("data").EnumerateArray().Select(o => $"{o.GetProperty("customerNumber").GetString()}/{o.GetProperty("externalReference").GetString()}");

        Assert.Equal(["1000001/A-1", "1000001/A-2"], await ReferencesAsync("account=1000001"));
        Assert.Equal(["1000001/A-1", "1000002/A-1"], await ReferencesAsync("externalReference=A-1"));
        Assert.Equal(["1000001/A-2", "1000002/A-1"], await ReferencesAsync("from=2026-10-16"));
        Assert.Equal(["1000001/A-1"], await ReferencesAsync("to=2026-10-15"));
    }

    [Theory]
    [InlineData("/api/v1/orders?limit=0", "api.limit-invalid", "1 à 200")]
    [InlineData("/api/v1/orders?limit=201", "api.limit-invalid", "1 à 200")]
    [InlineData("/api/v1/orders?limit=ten", "api.limit-invalid", "1 à 200")]
    [InlineData("/api/v1/orders?after=not-a-cursor", "api.cursor-invalid", "nextCursor")]
    [InlineData("/api/v1/orders?after=%25%25%25", "api.cursor-invalid", "nextCursor")]
    [InlineData("/api/v1/orders?from=2026-13-01", "api.filter-invalid", "« from »")]
    public async Task A_bad_filter_or_page_is_a_400_with_its_code_in_the_callers_language(string path, string code, string expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.AcceptLanguage.ParseAdd("fr-CA");

        var response = await Api.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<JsonElement>(response.Content);
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Contains(expected, problem.GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    private async Task AddOrdersAsync(long accountId, int count)
    {
        await using var db = Database.NewContext();
        db.Orders.AddRange(Enumerable.Range(0, count).Select(_ => new Order
        {
            AccountId = accountId, Channel = OrderChannel.ShippingTool, PaymentMethod = PaymentMethod.OnAccount, PlacedAt = Clock.GetUtcNow(), OrderDate = new DateOnly(2026, 10, 15),
            SubtotalCents = 1_00,
            Lines = [new OrderLine { LineNumber = 1, Category = ChargeCategory.Shipping, Description = "Parcel", Quantity = 1, UnitPriceCents = 1_00, AmountCents = 1_00 }],
        }));
        await db.SaveChangesAsync();
    }
}

public sealed class OrdersApiTestsOnSqlite() : OrdersApiTests(DatabaseProvider.Sqlite);
public sealed class OrdersApiTestsOnPostgres() : OrdersApiTests(DatabaseProvider.Postgres);
