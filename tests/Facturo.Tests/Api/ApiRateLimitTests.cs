using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Facturo.Data;
using Facturo.Infrastructure;

namespace Facturo.Api;

/// <summary>Each key has its own allowance of calls per window; one key spending it does not slow another.</summary>
public abstract class ApiRateLimitTests(DatabaseProvider provider) : FacturoTest(provider)
{
    private const int Limit = 3;

    protected override IEnumerable<string> MoreHostArgs => [$"--Api:RateLimit:PermitLimit={Limit}", "--Api:RateLimit:WindowSeconds=600", "--Api:RateLimit:UnknownKeyPermitLimit=2"];

    [Fact]
    public async Task The_call_past_a_keys_limit_is_refused_with_429_and_retry_after_and_another_key_is_not_slowed()
    {
        await AddAccountAsync("1000601");
        using var other = await ApiClientWithKeyAsync(ApiScopes.All);
        // A key's first call on a node is counted with the unknown keys': the limiter recognises it from then on.
        Assert.Equal(HttpStatusCode.OK, (await Api.GetAsync("/api/v1/accounts/1000601")).StatusCode);
        for (var call = 1; call <= Limit; call++)
        {
            Assert.Equal(HttpStatusCode.OK, (await Api.GetAsync("/api/v1/accounts/1000601")).StatusCode);
        }

        var refused = await Api.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/v1/accounts/1000601") { Headers = { AcceptLanguage = { new("fr-CA") } } });
        var otherKey = await other.GetAsync("/api/v1/accounts/1000601");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 600);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("api.rate-limited", problem.GetProperty("code").GetString());
        Assert.Contains("Trop de requêtes", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, otherKey.StatusCode);
    }

    [Theory]
    [InlineData("PermitLimit", "0")]
    [InlineData("WindowSeconds", "-5")]
    [InlineData("UnknownKeyPermitLimit", "1000")]
    public async Task Rate_limit_settings_that_make_no_sense_stop_facturo_at_start(string setting, string value)
    {
        await using var app = FacturoWeb.Build(["--environment=Test", $"--Database:Provider={Provider}", $"--Database:ConnectionString={Database.Options.ConnectionString}",
            "--urls=http://127.0.0.1:0", $"--DataProtection:KeyDirectory={Path.Combine(MailFolder, "keys")}", $"--Api:RateLimit:{setting}={value}"]);

        var refused = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => app.StartAsync());

        Assert.Contains($"Api:RateLimit:{setting}", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Made_up_keys_share_one_small_allowance()
    {
        using var guesser = new HttpClient { BaseAddress = BaseAddress };

        var answers = new List<HttpStatusCode>();
        foreach (var guess in new[] { "guess-1", "guess-2", "guess-3" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/accounts/1000601") { Headers = { { "X-Api-Key", guess } } };
            answers.Add((await guesser.SendAsync(request)).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], answers);
    }
}

public sealed class ApiRateLimitTestsOnSqlite() : ApiRateLimitTests(DatabaseProvider.Sqlite);
public sealed class ApiRateLimitTestsOnPostgres() : ApiRateLimitTests(DatabaseProvider.Postgres);
