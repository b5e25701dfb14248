using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Facturo.Accounts;
using Facturo.Data;
using Facturo.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Orders;

public abstract class PlaceOrderTests(DatabaseProvider provider) : FacturoTest(provider)
{
    [Fact]
    public async Task A_commercial_order_on_account_becomes_charges_for_the_next_invoice()
    {
        var account = await AddAccountAsync("1000001");

        var response = await PlaceOrderAsync("1000001", unitPrice: 18.95m, quantity: 3);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        await using var db = Database.NewContext();
        var charge = await db.Charges.SingleAsync();
        Assert.Equal((account.Id, 56_85L, new DateOnly(2026, 10, 15)), (charge.AccountId, charge.AmountCents, charge.ServiceDate));
    }

    [Theory]
    [InlineData("fr-CA", "Solutions pour petites entreprises, qui n'est pas admissible à la facturation au compte")]
    [InlineData("en-CA", "Small Business program, which is not eligible for on-account billing")]
    public async Task A_small_business_order_on_account_is_refused_in_the_callers_language_and_nothing_is_recorded(string language, string expected)
    {
        await AddAccountAsync("1000002", BillingProgram.SmallBusiness);

        var response = await PlaceOrderAsync("1000002", language: language);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("order.on-account-not-allowed", problem.GetProperty("code").GetString());
        Assert.Contains(expected, problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Contains("1000002", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        await using var db = Database.NewContext();
        Assert.Equal((0, 0, 0), (await db.Orders.CountAsync(), await db.Charges.CountAsync(), await db.LedgerEntries.CountAsync()));
    }

    [Fact]
    public async Task Retrying_an_order_with_the_same_external_reference_records_it_once()
    {
        await AddAccountAsync("1000003");

        var first = await PlaceOrderAsync("1000003", reference: "SHIP-42");
        var retry = await PlaceOrderAsync("1000003", reference: "SHIP-42");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        var (a, b) = (await first.Content.ReadFromJsonAsync<JsonElement>(), await retry.Content.ReadFromJsonAsync<JsonElement>());
        Assert.Equal(a.GetProperty("orderId").GetInt64(), b.GetProperty("orderId").GetInt64());
        await using var db = Database.NewContext();
        Assert.Equal((1, 1), (await db.Orders.CountAsync(), await db.Charges.CountAsync()));
    }

    [Theory]
    [InlineData("{\"customerNumber\":\"1000004\",\"channel\":\"Pigeon\",\"paymentMethod\":\"OnAccount\",\"lines\":[{\"category\":\"Shipping\",\"description\":\"x\",\"quantity\":1,\"unitPrice\":1}]}", "order.invalid-channel", "Canal de commande inconnu")]
    [InlineData("{\"customerNumber\":\"1000004\",\"channel\":\"Website\",\"paymentMethod\":\"OnAccount\",\"lines\":[]}", "order.no-lines", "au moins une ligne")]
    [InlineData("{\"customerNumber\":\"1000004\",\"channel\":\"Website\",\"paymentMethod\":\"OnAccount\",\"lines\":[{\"category\":\"Shipping\",\"description\":\"x\",\"quantity\":0,\"unitPrice\":1}]}", "order.line-invalid-quantity", "Ligne 1 : la quantité")]
    [InlineData("{\"customerNumber\":\"1000004\",\"channel\":\"Website\",\"paymentMethod\":\"OnAccount\",\"lines\":[{\"category\":\"Shipping\",\"description\":\"x\",\"quantity\":1,\"unitPrice\":1.001}]}", "order.line-invalid-price", "deux décimales")]
    [InlineData("{\"customerNumber\":\"1000004\",\"channel\":\"Website\",\"paymentMethod\":\"OnAccount\",\"lines\":[{\"category\":\"PaperFee\",\"description\":\"x\",\"quantity\":1,\"unitPrice\":1}]}", "order.invalid-category", "catégorie inconnue")]
    [InlineData("{\"customerNumber\":\"1000004\",\"channel\":\"Website\",\"paymentMethod\":\"Barter\",\"lines\":[]}", "order.invalid-payment-method", "Mode de paiement inconnu")]
    [InlineData("{\"customerNumber\":\"7777777\",\"channel\":\"Website\",\"paymentMethod\":\"OnAccount\",\"lines\":[{\"category\":\"Shipping\",\"description\":\"x\",\"quantity\":1,\"unitPrice\":1}]}", "account.not-found", "7777777")]
    public async Task Bad_orders_get_a_clear_French_error_and_change_nothing(string body, string code, string expected)
    {
        await AddAccountAsync("1000004");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/orders") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.AcceptLanguage.ParseAdd("fr-CA");

        var response = await Api.SendAsync(request);

        Assert.True((int)response.StatusCode is 404 or 422, $"status {response.StatusCode}");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Contains(expected, problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        await using var db = Database.NewContext();
        Assert.Equal((0, 0), (await db.Orders.CountAsync(), await db.Charges.CountAsync()));
    }

    [Fact]
    public async Task The_API_refuses_a_caller_without_a_valid_key()
    {
        await AddAccountAsync("1000005");
        using var anonymous = new HttpClient { BaseAddress = Api.BaseAddress };
        anonymous.DefaultRequestHeaders.Add("X-Api-Key", "not-a-key");

        var response = await anonymous.GetAsync("/api/v1/accounts/1000005");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("api.key-missing", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }
}

public sealed class PlaceOrderTestsOnSqlite() : PlaceOrderTests(DatabaseProvider.Sqlite);
public sealed class PlaceOrderTestsOnPostgres() : PlaceOrderTests(DatabaseProvider.Postgres);
