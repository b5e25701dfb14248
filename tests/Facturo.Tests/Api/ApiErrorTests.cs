using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Facturo.Data;
using Facturo.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Api;

/// <summary>Errors ASP.NET raises before an endpoint runs are problems with a code too, in the caller's language, and change nothing.</summary>
public abstract class ApiErrorTests(DatabaseProvider provider) : FacturoTest(provider)
{
    private const string Line = "{\"category\":\"Shipping\",\"description\":\"Colis\",\"quantity\":1,\"unitPrice\":\"10.00\"}";

    private static string Order(string line = Line) =>
        "{\"customerNumber\":\"1000001\",\"channel\":\"Website\",\"paymentMethod\":\"OnAccount\",\"lines\":[" + line + "]}";

    private async Task<(HttpStatusCode Status, string Code, string Title)> SendAsync(HttpMethod method, string path, string? body, string language = "en-CA", string mediaType = "application/json")
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, mediaType);
        }
        request.Headers.AcceptLanguage.ParseAdd(language);
        var response = await Api.SendAsync(request);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (response.StatusCode, problem.GetProperty("code").GetString()!, problem.GetProperty("title").GetString()!);
    }

    private async Task NothingWasRecordedAsync()
    {
        await using var db = Database.NewContext();
        Assert.Equal((0, 0), (await db.Orders.CountAsync(), await db.Charges.CountAsync()));
    }

    [Theory]
    [InlineData("en-CA", "not valid JSON (line 1, position 2)")]
    [InlineData("fr-CA", "n'est pas un JSON valide (ligne 1, position 2)")]
    public async Task Malformed_JSON_is_a_400_with_its_code_and_where_it_broke_in_the_callers_language(string language, string expected)
    {
        await AddAccountAsync("1000001");

        var (status, code, title) = await SendAsync(HttpMethod.Post, "/api/v1/orders", "{oops", language);

        Assert.Equal((HttpStatusCode.BadRequest, "request.malformed-json"), (status, code));
        Assert.Contains(expected, title, StringComparison.Ordinal);
        await NothingWasRecordedAsync();
    }

    [Theory]
    [InlineData("{\"category\":\"Shipping\",\"description\":\"Colis\",\"quantity\":\"one\",\"unitPrice\":\"10.00\"}", "lines[0].quantity", "a JSON number")]
    [InlineData("{\"category\":\"Shipping\",\"description\":\"Colis\",\"quantity\":1e400,\"unitPrice\":\"10.00\"}", "lines[0].quantity", "a JSON number within range")]
    [InlineData("{\"category\":\"Shipping\",\"description\":42,\"quantity\":1,\"unitPrice\":\"10.00\"}", "lines[0].description", "a JSON string")]
    public async Task A_field_of_the_wrong_type_or_out_of_range_is_a_400_naming_the_field_and_what_was_expected(string line, string field, string expected)
    {
        await AddAccountAsync("1000001");

        var (status, code, title) = await SendAsync(HttpMethod.Post, "/api/v1/orders", Order(line));

        Assert.Equal((HttpStatusCode.BadRequest, "request.invalid-field"), (status, code));
        Assert.Contains(field, title, StringComparison.Ordinal);
        Assert.Contains(expected, title, StringComparison.Ordinal);
        await NothingWasRecordedAsync();
    }

    [Fact]
    public async Task A_card_expiry_month_beyond_any_integer_is_a_400_not_a_failure()
    {
        await AddAccountAsync("1000001");
        var body = "{\"customerNumber\":\"1000001\",\"channel\":\"Website\",\"paymentMethod\":\"Card\",\"card\":{\"number\":\"4242424242424242\",\"expiryMonth\":99999999999999999999,\"expiryYear\":2030,\"cvc\":\"123\"},\"lines\":[" + Line + "]}";

        var (status, code, title) = await SendAsync(HttpMethod.Post, "/api/v1/orders", body, "fr-CA");

        Assert.Equal((HttpStatusCode.BadRequest, "request.invalid-field"), (status, code));
        Assert.Contains("card.expiryMonth", title, StringComparison.Ordinal);
        Assert.Contains("un nombre entier JSON", title, StringComparison.Ordinal);
        await NothingWasRecordedAsync();
    }

    [Theory]
    [InlineData("en-CA", "never as a JSON number")]
    [InlineData("fr-CA", "jamais comme un nombre JSON")]
    public async Task A_unit_price_sent_as_a_JSON_number_is_refused_with_the_amount_code(string language, string expected)
    {
        await AddAccountAsync("1000001");

        var (status, code, title) = await SendAsync(HttpMethod.Post, "/api/v1/orders",
            Order("{\"category\":\"Shipping\",\"description\":\"Colis\",\"quantity\":1,\"unitPrice\":10.5}"), language);

        Assert.Equal((HttpStatusCode.BadRequest, "request.amount-expected"), (status, code));
        Assert.Contains("lines[0].unitPrice", title, StringComparison.Ordinal);
        Assert.Contains(expected, title, StringComparison.Ordinal);
        await NothingWasRecordedAsync();
    }

    [Fact]
    public async Task A_credit_note_amount_sent_as_a_JSON_number_is_refused_with_the_amount_code()
    {
        var (status, code, title) = await SendAsync(HttpMethod.Post, "/api/v1/invoices/F000000001/credit-notes", "{\"amount\":40.00,\"reason\":\"Damaged parcel\"}");

        Assert.Equal((HttpStatusCode.BadRequest, "request.amount-expected"), (status, code));
        Assert.Contains("amount", title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_body_is_a_400_that_says_a_body_is_needed()
    {
        var (status, code, _) = await SendAsync(HttpMethod.Post, "/api/v1/orders", "");

        Assert.Equal((HttpStatusCode.BadRequest, "request.missing-body"), (status, code));
        await NothingWasRecordedAsync();
    }

    [Fact]
    public async Task A_body_that_is_not_sent_as_JSON_is_a_415_that_names_the_content_type()
    {
        await AddAccountAsync("1000001");

        var (status, code, title) = await SendAsync(HttpMethod.Post, "/api/v1/orders", Order(), mediaType: "text/plain");

        Assert.Equal((HttpStatusCode.UnsupportedMediaType, "request.unsupported-media-type"), (status, code));
        Assert.Contains("application/json", title, StringComparison.Ordinal);
        await NothingWasRecordedAsync();
    }

    [Theory]
    [InlineData("en-CA", "No API operation exists at /api/v1/nothing-here")]
    [InlineData("fr-CA", "Aucune opération de l'API n'existe à l'adresse /api/v1/nothing-here")]
    public async Task An_unknown_address_under_the_API_is_a_404_problem_not_a_page(string language, string expected)
    {
        var (status, code, title) = await SendAsync(HttpMethod.Get, "/api/v1/nothing-here", null, language);

        Assert.Equal((HttpStatusCode.NotFound, "request.not-found"), (status, code));
        Assert.Contains(expected, title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_method_the_address_does_not_take_is_a_405_problem()
    {
        var (status, code, title) = await SendAsync(HttpMethod.Delete, "/api/v1/orders", null);

        Assert.Equal((HttpStatusCode.MethodNotAllowed, "request.method-not-allowed"), (status, code));
        Assert.Contains("DELETE", title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failure_of_ours_is_a_500_problem_with_a_code_and_no_details()
    {
        await AddAccountAsync("1000001");
        await using (var db = Database.NewContext())
        {
            // Orders then fail to save, as they would in an outage.
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE charges RENAME TO charges_elsewhere");
        }

        var response = await Api.PostAsync("/api/v1/orders", new StringContent(Order(), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal("request.failed", problem.GetProperty("code").GetString());
        Assert.True(problem.TryGetProperty("traceId", out _));
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.DoesNotContain("charges", body, StringComparison.Ordinal);
    }
}

public sealed class ApiErrorTestsOnSqlite() : ApiErrorTests(DatabaseProvider.Sqlite);
public sealed class ApiErrorTestsOnPostgres() : ApiErrorTests(DatabaseProvider.Postgres);

/// <summary>Development used to answer malformed JSON with a 500 and its stack trace.</summary>
public abstract class ApiErrorsInDevelopmentTests(DatabaseProvider provider) : FacturoTest(provider)
{
    protected override IEnumerable<string> MoreHostArgs => ["--environment=Development"];

    [Fact]
    public async Task Malformed_JSON_in_Development_is_the_same_400_with_its_code()
    {
        var response = await Api.PostAsync("/api/v1/orders", new StringContent("{oops", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal("request.malformed-json", JsonDocument.Parse(body).RootElement.GetProperty("code").GetString());
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
    }
}

public sealed class ApiErrorsInDevelopmentTestsOnSqlite() : ApiErrorsInDevelopmentTests(DatabaseProvider.Sqlite);
public sealed class ApiErrorsInDevelopmentTestsOnPostgres() : ApiErrorsInDevelopmentTests(DatabaseProvider.Postgres);
