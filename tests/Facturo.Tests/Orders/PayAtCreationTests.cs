using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Facturo.Accounts;
using Facturo.Data;
using Facturo.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Orders;

/// <summary>Orders paid when they are placed: by card through the sandbox gateway, or by the postage-meter supplier's account.</summary>
public abstract class PayAtCreationTests(DatabaseProvider provider) : FacturoTest(provider)
{
    [Fact]
    public async Task A_small_business_pays_by_card_and_only_the_token_brand_last_four_and_expiry_are_kept()
    {
        await AddAccountAsync("1000101", BillingProgram.SmallBusiness, Province.QC);

        var response = await OrderAsync("1000101", "Website", "Card", card: new { number = "4242 4242 4242 4242", expiryMonth = 12, expiryYear = 2028, cvc = "123" });
        var retry = await OrderAsync("1000101", "Website", "Card", card: new { number = "4242 4242 4242 4242", expiryMonth = 12, expiryYear = 2028, cvc = "123" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var placed = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("PayAtCreation", 100.00m, 14.98m, 114.98m, "Visa ****4242"),
            (placed.GetProperty("settlement").GetString(), placed.GetProperty("subtotal").GetDecimal(), placed.GetProperty("taxes").GetDecimal(),
             placed.GetProperty("total").GetDecimal(), placed.GetProperty("paidWith").GetString()));
        Assert.Equal(placed.GetProperty("orderId").GetInt64(), (await retry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetInt64());
        await using var db = Database.NewContext();
        var order = await db.Orders.SingleAsync();
        Assert.StartsWith("tok_sandbox_", order.CardToken, StringComparison.Ordinal);
        Assert.Equal(("Visa", "4242", "12/2028"), (order.CardBrand, order.CardLast4, order.CardExpiry));
        Assert.Empty(await db.Charges.ToListAsync());
        var row = JsonSerializer.Serialize(order);
        Assert.DoesNotContain("4242424242424242", row, StringComparison.Ordinal);
        Assert.DoesNotContain("\"123\"", row, StringComparison.Ordinal);
        await LedgerAssertions.AssertBalancedAsync(Database);
        Assert.Equal(0L, await db.LedgerEntries.Where(e => e.Account == Ledger.LedgerAccount.AccountsReceivable).SumAsync(e => e.AmountCents));
        Assert.Equal(11_498L, await db.LedgerEntries.Where(e => e.Account == Ledger.LedgerAccount.CardClearing).SumAsync(e => e.AmountCents));
    }

    [Fact]
    public async Task Two_identical_card_orders_at_the_same_instant_make_one_order_and_the_other_charge_is_voided()
    {
        await AddAccountAsync("1000106", BillingProgram.SmallBusiness);
        var sandbox = (Payments.SandboxCardGateway)App.Services.GetRequiredService<Payments.ICardGateway>();

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            OrderAsync("1000106", "Website", "Card", card: new { number = "4242424242424242", expiryMonth = 12, expiryYear = 2028, cvc = "123" })));

        var orderIds = new List<long>();
        foreach (var response in responses)
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            orderIds.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetInt64());
        }
        Assert.Single(orderIds.Distinct());
        await using var db = Database.NewContext();
        var order = await db.Orders.SingleAsync();
        var charges = sandbox.Charges.Where(c => c.Reference.StartsWith("1000106/", StringComparison.Ordinal)).ToList();
        Assert.Equal([order.CardToken], charges.Where(c => !c.Voided).Select(c => c.Token));
        Assert.All(charges.Where(c => c.Token != order.CardToken), c => Assert.True(c.Voided));
        await LedgerAssertions.AssertBalancedAsync(Database);
    }

    [Theory]
    [InlineData("4000 0000 0000 0002", 12, 2028, "order.card-declined", "declined by its issuer")]
    [InlineData("4000000000009995", 12, 2028, "order.card-insufficientfunds", "insufficient funds")]
    [InlineData("4000000000000069", 12, 2028, "order.card-expired", "has expired")]
    [InlineData("4242424242424242", 9, 2026, "order.card-expired", "has expired")]
    [InlineData("4242424242424241", 12, 2028, "order.card-invalid-number", "not valid")]
    [InlineData("4242424242424242", 13, 2028, "order.card-invalid-expiry", "expiry date is not valid")]
    public async Task A_refused_card_records_nothing_and_says_why(string number, int month, int year, string code, string expected)
    {
        await AddAccountAsync("1000102", BillingProgram.SmallBusiness);

        var response = await OrderAsync("1000102", "Website", "Card", card: new { number, expiryMonth = month, expiryYear = year, cvc = "123" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Contains(expected, problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        await using var db = Database.NewContext();
        Assert.Equal((0, 0), (await db.Orders.CountAsync(), await db.LedgerEntries.CountAsync()));
    }

    [Fact]
    public async Task The_supplier_account_pays_shipping_tool_orders_and_each_channel_takes_only_its_methods()
    {
        await AddAccountAsync("1000103", BillingProgram.SmallBusiness);

        var supplier = await OrderAsync("1000103", "ShippingTool", "SupplierAccount", supplierAccount: "pm123456");
        var badSupplier = await OrderAsync("1000103", "ShippingTool", "SupplierAccount", supplierAccount: "12");
        var cardAtPartner = await OrderAsync("1000103", "Partner", "Card", card: new { number = "4242424242424242", expiryMonth = 12, expiryYear = 2028, cvc = "123" }, language: "fr-CA");
        var supplierOnWebsite = await OrderAsync("1000103", "Website", "SupplierAccount", supplierAccount: "PM123456");

        Assert.Equal(HttpStatusCode.Created, supplier.StatusCode);
        Assert.Equal("Supplier account PM123456", (await supplier.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("paidWith").GetString());
        Assert.Equal("order.supplier-account-invalid", await CodeAsync(badSupplier));
        var partner = await cardAtPartner.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("order.method-not-allowed", partner.GetProperty("code").GetString());
        Assert.Equal("Le mode de paiement Card n'est pas accepté pour le canal Partner. Modes acceptés : OnAccount, SupplierAccount. Aucune commande n'a été enregistrée.", partner.GetProperty("title").GetString());
        Assert.Equal("order.method-not-allowed", await CodeAsync(supplierOnWebsite));
        await using var db = Database.NewContext();
        Assert.Equal(1, await db.Orders.CountAsync());
        await LedgerAssertions.AssertBalancedAsync(Database);
        Assert.Equal(11_300L, await db.LedgerEntries.Where(e => e.Account == Ledger.LedgerAccount.SupplierAccountClearing).SumAsync(e => e.AmountCents));
    }

    private static async Task<string?> CodeAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString();

    private Task<HttpResponseMessage> OrderAsync(string customerNumber, string channel, string paymentMethod, object? card = null, string? supplierAccount = null, string? language = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/orders")
        {
            Content = JsonContent.Create(new
            {
                customerNumber,
                channel,
                paymentMethod,
                externalReference = "WEB-1",
                lines = new[] { new { category = "Shipping", description = "Expedited Parcel", quantity = 1, unitPrice = "100.00" } },
                card,
                supplierAccount,
            }),
        };
        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }
        return Api.SendAsync(request);
    }
}

public sealed class PayAtCreationTestsOnSqlite() : PayAtCreationTests(DatabaseProvider.Sqlite);
public sealed class PayAtCreationTestsOnPostgres() : PayAtCreationTests(DatabaseProvider.Postgres);
