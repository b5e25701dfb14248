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
    [InlineData("{\"customerNumber\":\"1000004\",\"channel\":\"Pigeon\",\"paymentMethod\":\"OnAccount\",\"lines\":[{\"category\":\"Shipping\",\"description\":\"x\",\"quantity\":1,\"unitPrice\":\"1.00\"}]}", "order.invalid-channel", "Canal de commande inconnu")]
    [InlineData("{\"customerNumber\":\"1000004\",\"channel\":\"Website\",\"paymentMethod\":\"OnAccount\",\"lines\":[]}", "order.no-lines", "au moins une ligne")]
    [InlineData("{\"customerNumber\":\"1000004\",\"channel\":\"Website\",\"paymentMethod\":\"OnAccount\",\"lines\":[{\"category\":\"Shipping\",\"description\":\"x\",\"quantity\":0,\"unitPrice\":\"1.00\"}]}", "order.line-invalid-quantity", "Ligne 1 : la quantité")]
    [InlineData("{\"customerNumber\":\"1000004\",\"channel\":\"Website\",\"paymentMethod\":\"OnAccount\",\"lines\":[{\"category\":\"Shipping\",\"description\":\"x\",\"quantity\":1,\"unitPrice\":\"-1.00\"}]}", "order.line-invalid-price", "deux décimales")]
    [InlineData("{\"customerNumber\":\"1000004\",\"channel\":\"Website\",\"paymentMethod\":\"OnAccount\",\"lines\":[{\"category\":\"PaperFee\",\"description\":\"x\",\"quantity\":1,\"unitPrice\":\"1.00\"}]}", "order.invalid-category", "catégorie inconnue")]
    [InlineData("{\"customerNumber\":\"1000004\",\"channel\":\"Website\",\"paymentMethod\":\"Barter\",\"lines\":[]}", "order.invalid-payment-method", "Mode de paiement inconnu")]
    [InlineData("{\"customerNumber\":\"7777777\",\"channel\":\"Website\",\"paymentMethod\":\"OnAccount\",\"lines\":[{\"category\":\"Shipping\",\"description\":\"x\",\"quantity\":1,\"unitPrice\":\"1.00\"}]}", "account.not-found", "7777777")]
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

    private async Task<HttpResponseMessage> PostOrderAsync(object order, string language = "en-CA")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/orders") { Content = JsonContent.Create(order) };
        request.Headers.AcceptLanguage.ParseAdd(language);
        return await Api.SendAsync(request);
    }

    private static object Order(string customerNumber, object[] lines, string? externalReference = null, string? currency = null) =>
        new { customerNumber, channel = "ShippingTool", paymentMethod = "OnAccount", externalReference, currency, lines };

    private static object Parcel(string unitPrice = "18.95", string description = "Expedited Parcel") =>
        new { category = "Shipping", description, quantity = 1, unitPrice };

    private async Task<string> RefusedAsync(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.UnprocessableEntity)
    {
        Assert.Equal(status, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return problem.GetProperty("code").GetString() + " " + problem.GetProperty("title").GetString();
    }

    private async Task NothingWasRecordedAsync()
    {
        await using var db = Database.NewContext();
        Assert.Equal((0, 0), (await db.Orders.CountAsync(), await db.Charges.CountAsync()));
    }

    [Theory]
    [InlineData("en-CA", "Line 1: the unit price (unitPrice) is required")]
    [InlineData("fr-CA", "Ligne 1 : le prix unitaire (unitPrice) est obligatoire")]
    public async Task A_line_without_a_unit_price_is_refused_rather_than_charged_zero(string language, string expected)
    {
        await AddAccountAsync("1000010");

        var response = await PostOrderAsync(Order("1000010", [new { category = "Shipping", description = "Expedited Parcel", quantity = 1 }]), language);

        var refusal = await RefusedAsync(response);
        Assert.StartsWith("order.line-missing-price ", refusal, StringComparison.Ordinal);
        Assert.Contains(expected, refusal, StringComparison.Ordinal);
        await NothingWasRecordedAsync();
    }

    [Theory]
    [InlineData("USD")]
    [InlineData("XYZ")]
    public async Task An_order_in_another_currency_than_the_accounts_is_refused(string currency)
    {
        await AddAccountAsync("1000011");

        var response = await PostOrderAsync(Order("1000011", [Parcel()], currency: currency));

        var refusal = await RefusedAsync(response);
        Assert.StartsWith("order.currency-not-the-accounts ", refusal, StringComparison.Ordinal);
        Assert.Contains($"The order is in {currency}, but account 1000011 is billed in CAD", refusal, StringComparison.Ordinal);
        await NothingWasRecordedAsync();
    }

    [Fact]
    public async Task An_order_that_names_the_accounts_currency_is_placed()
    {
        await AddAccountAsync("1000012", currencyCode: "USD");

        var response = await PostOrderAsync(Order("1000012", [Parcel()], currency: "USD"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("USD", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("currency").GetString());
    }

    [Fact]
    public async Task An_order_of_more_than_500_lines_is_refused_and_500_are_placed()
    {
        await AddAccountAsync("1000013");

        var tooMany = await PostOrderAsync(Order("1000013", Enumerable.Repeat(Parcel(), PlaceOrder.MaximumLines + 1).ToArray()));
        var refusal = await RefusedAsync(tooMany);
        await NothingWasRecordedAsync();
        var most = await PostOrderAsync(Order("1000013", Enumerable.Repeat(Parcel(), PlaceOrder.MaximumLines).ToArray()));

        Assert.StartsWith("order.too-many-lines ", refusal, StringComparison.Ordinal);
        Assert.Contains("The order has 501 lines; an order has at most 500", refusal, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, most.StatusCode);
    }

    [Theory]
    [InlineData("Expedited\\u0000Parcel")]
    [InlineData("Expedited\\nParcel")]
    [InlineData("Expedited\\u001bParcel")]
    public async Task A_description_with_control_characters_is_refused(string escaped)
    {
        await AddAccountAsync("1000014");
        var body = "{\"customerNumber\":\"1000014\",\"channel\":\"ShippingTool\",\"paymentMethod\":\"OnAccount\",\"lines\":[{\"category\":\"Shipping\",\"description\":\"" + escaped + "\",\"quantity\":1,\"unitPrice\":\"1.00\"}]}";
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/orders") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.AcceptLanguage.ParseAdd("fr-CA");

        var refusal = await RefusedAsync(await Api.SendAsync(request));

        Assert.StartsWith("order.line-control-characters ", refusal, StringComparison.Ordinal);
        Assert.Contains("Ligne 1 : la description contient des caractères de contrôle", refusal, StringComparison.Ordinal);
        await NothingWasRecordedAsync();
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("SHIP\\u0000-1")]
    [InlineData("SHIP 42")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task An_external_reference_that_is_empty_too_long_or_not_plain_text_is_refused(string reference)
    {
        await AddAccountAsync("1000015");
        var body = "{\"customerNumber\":\"1000015\",\"channel\":\"ShippingTool\",\"paymentMethod\":\"OnAccount\",\"externalReference\":\"" + reference + "\",\"lines\":[{\"category\":\"Shipping\",\"description\":\"Parcel\",\"quantity\":1,\"unitPrice\":\"1.00\"}]}";

        var refusal = await RefusedAsync(await Api.PostAsync("/api/v1/orders", new StringContent(body, System.Text.Encoding.UTF8, "application/json")));

        Assert.StartsWith("order.invalid-reference ", refusal, StringComparison.Ordinal);
        Assert.Contains("1 to 64 characters", refusal, StringComparison.Ordinal);
        await NothingWasRecordedAsync();
    }

    [Fact]
    public async Task Two_orders_without_an_external_reference_are_two_orders()
    {
        await AddAccountAsync("1000016");

        var first = await PostOrderAsync(Order("1000016", [Parcel()]));
        var second = await PostOrderAsync(Order("1000016", [Parcel()]));

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.StatusCode, second.StatusCode));
        await using var db = Database.NewContext();
        Assert.Equal(2, await db.Orders.CountAsync());
    }

    [Theory]
    [InlineData("en-CA", "External reference SHIP-77 was already used for another order on this account, with different content")]
    [InlineData("fr-CA", "La référence externe SHIP-77 a déjà servi pour une autre commande de ce compte, au contenu différent")]
    public async Task Reusing_an_external_reference_with_different_content_is_refused_and_nothing_is_written(string language, string expected)
    {
        await AddAccountAsync("1000017");
        var first = await PostOrderAsync(Order("1000017", [Parcel("18.95")], externalReference: "SHIP-77"));

        var reused = await PostOrderAsync(Order("1000017", [Parcel("99.00")], externalReference: "SHIP-77"), language);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var refusal = await RefusedAsync(reused);
        Assert.StartsWith("order.reference-reused ", refusal, StringComparison.Ordinal);
        Assert.Contains(expected, refusal, StringComparison.Ordinal);
        await using var db = Database.NewContext();
        Assert.Equal((1, 1, 18_95L), (await db.Orders.CountAsync(), await db.Charges.CountAsync(), await db.Charges.SumAsync(c => c.AmountCents)));
    }

    [Fact]
    public async Task The_created_orders_location_is_its_address_under_the_API()
    {
        await AddAccountAsync("1000018");

        var response = await PostOrderAsync(Order("1000018", [Parcel()]));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var orderId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetInt64();
        Assert.Equal($"/api/v1/orders/{orderId}", response.Headers.Location?.OriginalString);
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
