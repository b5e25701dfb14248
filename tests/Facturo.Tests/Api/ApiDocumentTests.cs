using System.Net;
using System.Text.Json;
using Facturo.Data;
using Facturo.Infrastructure;

namespace Facturo.Api;

/// <summary>
/// The served document describes every operation the same way, whoever added it: these checks walk all of them,
/// so an endpoint mapped later in the /api/v1 group is held to them too. The document reads no database.
/// </summary>
public sealed class ApiDocumentTests() : FacturoTest(DatabaseProvider.Sqlite)
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    private async Task<JsonElement> DocumentAsync()
    {
        using var anonymous = new HttpClient { BaseAddress = BaseAddress };
        var response = await anonymous.GetAsync("/api/v1/openapi.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private static IEnumerable<(string Name, JsonElement Operation)> Operations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject().SelectMany(path => path.Value.EnumerateObject()
            .Where(o => Methods.Contains(o.Name))
            .Select(o => ($"{o.Name.ToUpperInvariant()} {path.Name}", o.Value)));

    private static IEnumerable<JsonElement> Descendants(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Descendants(p.Value)).Prepend(element),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Descendants).Prepend(element),
        _ => [element],
    };

    [Fact]
    public async Task Every_operation_needs_the_api_key_and_answers_401_with_a_problem_that_has_a_code()
    {
        var document = await DocumentAsync();
        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal(("apiKey", "header", "X-Api-Key"), (scheme.GetProperty("type").GetString(), scheme.GetProperty("in").GetString(), scheme.GetProperty("name").GetString()));
        var problem = document.GetProperty("components").GetProperty("schemas").GetProperty("Problem");
        Assert.Contains("code", problem.GetProperty("required").EnumerateArray().Select(r => r.GetString()));

        var operations = Operations(document).ToList();

        Assert.NotEmpty(operations);
        Assert.All(operations, operation =>
        {
            var (name, o) = operation;
            Assert.True(o.GetProperty("security").EnumerateArray().Any(r => r.TryGetProperty("ApiKey", out _)), $"{name} has no security requirement");
            var unauthorized = o.GetProperty("responses").GetProperty("401").GetProperty("content").GetProperty("application/problem+json");
            Assert.Equal("#/components/schemas/Problem", unauthorized.GetProperty("schema").GetProperty("$ref").GetString());
        });
    }

    [Fact]
    public async Task Every_operation_has_an_id_a_summary_a_tag_a_success_schema_and_its_errors()
    {
        var document = await DocumentAsync();

        Assert.All(Operations(document), operation =>
        {
            var (name, o) = operation;
            Assert.False(string.IsNullOrEmpty(o.GetProperty("operationId").GetString()), $"{name} has no operationId");
            Assert.False(string.IsNullOrEmpty(o.GetProperty("summary").GetString()), $"{name} has no summary");
            Assert.NotEmpty(o.GetProperty("tags").EnumerateArray());
            var responses = o.GetProperty("responses").EnumerateObject().ToDictionary(r => r.Name, r => r.Value);
            Assert.True(responses.Any(r => r.Key.StartsWith('2') && r.Value.TryGetProperty("content", out _)), $"{name} has no success schema");
            Assert.All(["400", "401", "429", "500"], status => Assert.True(responses.ContainsKey(status), $"{name} does not say it can answer {status}"));
        });
        var placeOrder = Operations(document).Single(o => o.Name == "POST /orders").Operation.GetProperty("responses");
        Assert.All(["403", "404", "409", "422"], status => Assert.True(placeOrder.TryGetProperty(status, out _), $"POST /orders does not say it can answer {status}"));
    }

    [Fact]
    public async Task No_number_is_described_as_a_double_and_amounts_are_strings_with_their_pattern()
    {
        var document = await DocumentAsync();

        Assert.DoesNotContain(Descendants(document), e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("format", out var format) && format.ValueKind == JsonValueKind.String && format.GetString() is "double" or "float");
        var line = document.GetProperty("components").GetProperty("schemas").GetProperty("PlaceOrderLine").GetProperty("properties");
        Assert.Contains(Descendants(line.GetProperty("unitPrice")), e => e.ValueKind == JsonValueKind.String && e.GetString() == "#/components/schemas/ApiAmount");
        var amount = document.GetProperty("components").GetProperty("schemas").GetProperty("ApiAmount");
        Assert.Equal(("string", ApiAmount.Pattern), (amount.GetProperty("type").GetString(), amount.GetProperty("pattern").GetString()));
        Assert.Equal("decimal", line.GetProperty("quantity").GetProperty("format").GetString());
        var request = document.GetProperty("components").GetProperty("schemas").GetProperty("PlaceOrderRequest").GetProperty("properties");
        Assert.Equal(PlaceOrderLimits, (request.GetProperty("lines").GetProperty("maxItems").GetInt32(), request.GetProperty("externalReference").GetProperty("maxLength").GetInt32()));
    }

    private static readonly (int, int) PlaceOrderLimits = (Orders.PlaceOrder.MaximumLines, Orders.PlaceOrder.MaximumReferenceLength);

    [Fact]
    public async Task The_reference_page_is_served_by_Facturo_with_only_its_own_scripts()
    {
        using var anonymous = new HttpClient { BaseAddress = BaseAddress };

        var page = await anonymous.GetAsync("/api/v1/docs/index.html");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script src=\"http", html, StringComparison.OrdinalIgnoreCase);
        var policy = string.Join(' ', page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
        foreach (var script in System.Text.RegularExpressions.Regex.Matches(html, "<script src=\"([^\"]+)\"").Select(m => m.Groups[1].Value))
        {
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(new Uri(new Uri(BaseAddress, "/api/v1/docs/"), script))).StatusCode);
        }
    }
}
