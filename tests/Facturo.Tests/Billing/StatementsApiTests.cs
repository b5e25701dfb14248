using System.Net;
using System.Net.Http.Json;
using Facturo.Accounts;
using Facturo.Api;
using Facturo.Data;
using Facturo.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Billing;

public abstract class StatementsApiTests(DatabaseProvider provider) : FacturoTest(provider)
{
    private async Task BillAsync(string period) =>
        Assert.True((await InScopeAsync<BillRunner, Platform.Outcome<BillRunResult>>(runner => runner.RunAsync(BillingPeriod.Parse(period), 500, null, CancellationToken.None))).Succeeded);

    private Task<HttpResponseMessage> PayByCardAsync(string customerNumber, decimal unitPrice) =>
        Api.PostAsJsonAsync("/api/v1/orders", new
        {
            customerNumber, channel = "Website", paymentMethod = "Card",
            lines = new[] { new { category = "Shipping", description = "Expedited Parcel", quantity = 1, unitPrice = unitPrice.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) } },
            card = new { number = "4242424242424242", expiryMonth = 12, expiryYear = 2028, cvc = "123" },
        });

    [Fact]
    public async Task A_small_business_statement_lists_the_orders_it_paid_with_amounts_as_strings()
    {
        await AddAccountAsync("1000001", BillingProgram.SmallBusiness);
        (await PayByCardAsync("1000001", 100m)).EnsureSuccessStatusCode();
        (await PayByCardAsync("1000001", 20m)).EnsureSuccessStatusCode();
        MoveClockTo(2026, 11, 1);
        await BillAsync("2026-10");
        await using var db = Database.NewContext();
        var number = (await db.Statements.SingleAsync()).Number;

        var statement = await Api.JsonAsync($"/api/v1/statements/{number}");
        var listed = await Api.JsonAsync("/api/v1/statements?account=1000001&period=2026-10");

        Assert.Equal(("1000001", "2026-10", "120.00", "15.60", "135.60"), (statement.GetProperty("customerNumber").GetString(), statement.GetProperty("period").GetString(),
            statement.GetProperty("subtotal").GetString(), statement.GetProperty("tax").GetString(), statement.GetProperty("total").GetString()));
        Assert.Equal(["113.00", "22.60"], statement.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("total").GetString()));
        Assert.Equal([number], listed.GetProperty("data").EnumerateArray().Select(s => s.GetProperty("number").GetString()));
        Assert.Empty((await Api.JsonAsync("/api/v1/statements?period=2026-09")).GetProperty("data").EnumerateArray());
    }

    [Fact]
    public async Task Another_accounts_statement_is_not_found_like_a_missing_one_and_left_out_of_the_list()
    {
        await AddAccountAsync("1000001", BillingProgram.SmallBusiness);
        await AddAccountAsync("1000002", BillingProgram.SmallBusiness);
        (await PayByCardAsync("1000001", 100m)).EnsureSuccessStatusCode();
        MoveClockTo(2026, 11, 1);
        await BillAsync("2026-10");
        using var limited = await ApiClientWithKeyAsync(ApiScopes.All, "1000002");
        using var anonymous = new HttpClient { BaseAddress = BaseAddress };

        Assert.Equal((HttpStatusCode.NotFound, "statement.not-found"), await limited.ProblemAsync("/api/v1/statements/R000000001"));
        Assert.Equal((HttpStatusCode.NotFound, "statement.not-found"), await limited.ProblemAsync("/api/v1/statements/R000000099"));
        // The bill run gave 1000002 its own statement, with nothing on it: the only one the key lists.
        Assert.Equal(["1000002"], (await limited.JsonAsync("/api/v1/statements")).GetProperty("data").EnumerateArray().Select(s => s.GetProperty("customerNumber").GetString()));
        Assert.Equal((HttpStatusCode.Unauthorized, "api.key-missing"), await anonymous.ProblemAsync("/api/v1/statements/R000000001"));
        Assert.Equal((HttpStatusCode.Unauthorized, "api.key-missing"), await anonymous.ProblemAsync("/api/v1/statements"));
    }

    [Fact]
    public async Task A_list_of_120_statements_comes_in_pages_of_50_50_and_20_and_one_issued_between_pages_appears_once()
    {
        var accounts = new List<CustomerAccount>();
        for (var n = 0; n < 121; n++)
        {
            accounts.Add(await AddAccountAsync($"{1_000_001 + n}", BillingProgram.SmallBusiness));
        }
        await AddStatementsAsync(accounts.Take(120), "2026-10");

        var pages = await Api.AllPagesAsync("/api/v1/statements", 50, async page =>
        {
            if (page == 1)
            {
                await AddStatementsAsync(accounts.Skip(120), "2026-11");
            }
        });

        Assert.Equal([50, 50, 21], pages.Select(p => p.Count));
        var numbers = pages.SelectMany(p => p).Select(s => s.GetProperty("number").GetString()).ToList();
        Assert.Equal(numbers.Distinct().Order(StringComparer.Ordinal), numbers);
    }

    [Theory]
    [InlineData("/api/v1/statements?period=October", "api.filter-invalid")]
    [InlineData("/api/v1/statements?limit=500", "api.limit-invalid")]
    [InlineData("/api/v1/statements?after=%%%", "api.cursor-invalid")]
    public async Task A_bad_statement_filter_is_a_400_with_its_code(string path, string code) =>
        Assert.Equal((HttpStatusCode.BadRequest, code), await Api.ProblemAsync(path));

    /// <summary>Statements as a bill run writes them, without the orders behind them: the list reads only the statements.</summary>
    private async Task AddStatementsAsync(IEnumerable<CustomerAccount> accounts, string period)
    {
        await using var db = Database.NewContext();
        var run = new BillRun { Period = period, StartedAt = Clock.GetUtcNow(), Status = BillRunStatus.Completed };
        db.BillRuns.Add(run);
        await db.SaveChangesAsync();
        var next = (await db.Statements.MaxAsync(s => (long?)s.Id) ?? 0) + 1;
        db.Statements.AddRange(accounts.Select(a => new Statement
        {
            Id = next++, AccountId = a.Id, BillRunId = run.Id, Period = period, IssueDate = new DateOnly(2026, 11, 1), CustomerNumber = a.CustomerNumber, CustomerLegalName = a.LegalName,
            SubtotalCents = 10_00, TotalCents = 10_00, CreatedAt = Clock.GetUtcNow(),
        }));
        await db.SaveChangesAsync();
    }
}

public sealed class StatementsApiTestsOnSqlite() : StatementsApiTests(DatabaseProvider.Sqlite);
public sealed class StatementsApiTestsOnPostgres() : StatementsApiTests(DatabaseProvider.Postgres);
