using System.Net;
using Facturo.Api;
using Facturo.Data;
using Facturo.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Accounts;

public abstract class AccountsApiTests(DatabaseProvider provider) : FacturoTest(provider)
{
    [Fact]
    public async Task An_account_reads_with_its_balance_and_aging_as_strings()
    {
        await AddAccountAsync("1000001");

        var account = await Api.JsonAsync("/api/v1/accounts/1000001");

        Assert.Equal(("0.00", "0.00", "0.00"), (account.GetProperty("balance").GetString(), account.GetProperty("totalOverdue").GetString(), account.GetProperty("aging").GetProperty("over90").GetString()));
    }

    [Fact]
    public async Task Accounts_are_filtered_by_status_program_and_currency()
    {
        await AddAccountAsync("1000001");
        await AddAccountAsync("1000002", BillingProgram.SmallBusiness);
        await AddAccountAsync("1000003", currencyCode: "USD");
        await using (var db = Database.NewContext())
        {
            (await db.Accounts.SingleAsync(a => a.CustomerNumber == "1000001")).Status = AccountStatus.Cancelled;
            await db.SaveChangesAsync();
        }

        async Task<IEnumerable<string?>> NumbersAsync(string query) =>
            (await Api.JsonAsync($"/api/v1/accounts?{query}")).GetProperty("data").EnumerateArray().Select(a => a.GetProperty("customerNumber").GetString());

        Assert.Equal(["1000001", "1000002", "1000003"], await NumbersAsync(""));
        Assert.Equal(["1000002", "1000003"], await NumbersAsync("status=active"));
        Assert.Equal(["1000002"], await NumbersAsync("program=SmallBusiness"));
        Assert.Equal(["1000003"], await NumbersAsync("currency=usd"));
    }

    [Fact]
    public async Task A_list_of_120_accounts_comes_in_pages_of_50_50_and_20_and_one_opened_between_pages_appears_once()
    {
        for (var n = 0; n < 120; n++)
        {
            await AddAccountAsync($"{1_000_001 + n}");
        }

        var pages = await Api.AllPagesAsync("/api/v1/accounts", 50, async page => await AddAccountAsync($"{1_000_200 + page}"));

        Assert.Equal([50, 50, 22], pages.Select(p => p.Count));
        var numbers = pages.SelectMany(p => p).Select(a => a.GetProperty("customerNumber").GetString()).ToList();
        Assert.Equal(numbers.Distinct().Order(StringComparer.Ordinal), numbers);
    }

    [Fact]
    public async Task A_key_limited_to_some_accounts_lists_only_those_and_cannot_read_the_others()
    {
        await AddAccountAsync("1000001");
        await AddAccountAsync("1000002");
        using var limited = await ApiClientWithKeyAsync(ApiScopes.All, "1000002");
        using var anonymous = new HttpClient { BaseAddress = BaseAddress };

        Assert.Equal(["1000002"], (await limited.JsonAsync("/api/v1/accounts")).GetProperty("data").EnumerateArray().Select(a => a.GetProperty("customerNumber").GetString()));
        Assert.Equal((HttpStatusCode.NotFound, "account.not-found"), await limited.ProblemAsync("/api/v1/accounts/1000001"));
        Assert.Equal((HttpStatusCode.Unauthorized, "api.key-missing"), await anonymous.ProblemAsync("/api/v1/accounts"));
    }

    [Theory]
    [InlineData("/api/v1/accounts?status=Closed", "api.filter-invalid")]
    [InlineData("/api/v1/accounts?program=Gold", "api.filter-invalid")]
    [InlineData("/api/v1/accounts?currency=EUR", "api.filter-invalid")]
    [InlineData("/api/v1/accounts?limit=-1", "api.limit-invalid")]
    public async Task A_bad_account_filter_is_a_400_with_its_code(string path, string code) =>
        Assert.Equal((HttpStatusCode.BadRequest, code), await Api.ProblemAsync(path));
}

public sealed class AccountsApiTestsOnSqlite() : AccountsApiTests(DatabaseProvider.Sqlite);
public sealed class AccountsApiTestsOnPostgres() : AccountsApiTests(DatabaseProvider.Postgres);
