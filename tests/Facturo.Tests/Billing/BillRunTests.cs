using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Facturo.Accounts;
using Facturo.Billing;
using Facturo.Data;
using Facturo.Infrastructure;
using Facturo.Ledger;
using Facturo.Taxes;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Billing;

public abstract class BillRunTests(DatabaseProvider provider) : FacturoTest(provider)
{
    private static readonly BillingPeriod October = BillingPeriod.Parse("2026-10");

    private Task<Platform.Outcome<BillRunResult>> RunAsync(BillingPeriod period, int batchSize = 500) =>
        InScopeAsync<BillRunner, Platform.Outcome<BillRunResult>>(runner => runner.RunAsync(period, batchSize, null, CancellationToken.None));

    [Fact]
    public async Task A_month_is_billed_with_taxes_due_dates_paper_fees_and_a_statement_for_small_business()
    {
        await AddAccountAsync("1000001", province: Province.QC, creditTermsDays: 30);
        await AddAccountAsync("1000002", province: Province.ON, creditTermsDays: 15, delivery: DeliveryPreference.Paper);
        await AddAccountAsync("1000003");
        var smallBusiness = await AddAccountAsync("1000004", BillingProgram.SmallBusiness);
        await PlaceOrderAsync("1000001", unitPrice: 100m);
        await PlaceOrderAsync("1000002", unitPrice: 200m);
        MoveClockTo(2026, 11, 1);

        var outcome = await RunAsync(October);

        Assert.True(outcome.Succeeded);
        Assert.Equal((2, 1), (outcome.Value!.InvoicesIssuedNow, outcome.Value.StatementsIssuedNow));
        await using var db = Database.NewContext();
        var invoices = await db.Invoices.Include(i => i.Lines).Include(i => i.Taxes).OrderBy(i => i.Id).ToListAsync();
        var quebec = invoices.Single(i => i.CustomerNumber == "1000001");
        Assert.Equal((10_000L, 1_498L, 11_498L), (quebec.SubtotalCents, quebec.TaxCents, quebec.TotalCents));
        Assert.Equal([(TaxKind.Gst, 500L), (TaxKind.Qst, 998L)], quebec.Taxes.OrderBy(t => t.Kind).Select(t => (t.Kind, t.AmountCents)));
        Assert.Equal((new DateOnly(2026, 11, 1), new DateOnly(2026, 12, 1)), (quebec.IssueDate, quebec.DueDate));
        Assert.Equal(("123456789 RT0001", "1234567890 TQ0001"), (quebec.BillerGstHstNumber, quebec.BillerQstNumber));
        var paper = invoices.Single(i => i.CustomerNumber == "1000002");
        Assert.Equal((20_500L, 2_665L, 23_165L), (paper.SubtotalCents, paper.TaxCents, paper.TotalCents));
        Assert.Contains(paper.Lines, l => l.Category == ChargeCategory.PaperFee && l.AmountCents == 500);
        Assert.Equal(new DateOnly(2026, 11, 16), paper.DueDate);
        Assert.Equal([1L, 2L], invoices.Select(i => i.Id));
        Assert.Equal(smallBusiness.Id, (await db.Statements.SingleAsync()).AccountId);
    }

    [Fact]
    public async Task A_us_dollar_account_on_paper_billing_pays_its_paper_fee_in_us_dollars()
    {
        await AddAccountAsync("1000005", delivery: DeliveryPreference.Paper, currencyCode: "USD");
        await PlaceOrderAsync("1000005", unitPrice: 100m);
        MoveClockTo(2026, 11, 1);

        var outcome = await RunAsync(October);

        Assert.True(outcome.Succeeded, outcome.Error?.Code);
        await using var db = Database.NewContext();
        var invoice = await db.Invoices.Include(i => i.Lines).SingleAsync();
        Assert.Equal("USD", invoice.CurrencyCode);
        Assert.Contains(invoice.Lines, l => l.Category == ChargeCategory.PaperFee && l.AmountCents == 500);
    }

    [Fact]
    public async Task Running_a_period_again_bills_nothing_twice_and_numbers_stay_gap_free()
    {
        foreach (var number in new[] { "1000011", "1000012", "1000013" })
        {
            await AddAccountAsync(number);
            await PlaceOrderAsync(number);
        }
        MoveClockTo(2026, 11, 1);
        await RunAsync(October, batchSize: 2);
        await PlaceOrderAsync("1000012", unitPrice: 40m);

        var again = await RunAsync(October);
        MoveClockTo(2026, 12, 1);
        var november = await RunAsync(October.Next);

        Assert.Equal((0, 3), (again.Value!.InvoicesIssuedNow, again.Value.InvoicesInPeriod));
        Assert.Equal(1, november.Value!.InvoicesIssuedNow);
        await using var db = Database.NewContext();
        Assert.Equal([1L, 2L, 3L, 4L], await db.Invoices.OrderBy(i => i.Id).Select(i => i.Id).ToListAsync());
        Assert.Equal(4000L, (await db.Invoices.SingleAsync(i => i.Period == "2026-11")).SubtotalCents);
        Assert.Equal(BillRunStatus.Completed, (await db.BillRuns.SingleAsync(r => r.Period == "2026-10")).Status);
    }

    [Fact]
    public async Task Two_bill_runs_at_once_still_bill_every_account_exactly_once()
    {
        for (var n = 0; n < 40; n++)
        {
            var number = $"10001{n:D2}";
            await AddAccountAsync(number);
            await PlaceOrderAsync(number);
        }
        MoveClockTo(2026, 11, 1);

        await Task.WhenAll(RunAsync(October, batchSize: 3), RunAsync(October, batchSize: 5));

        await using var db = Database.NewContext();
        Assert.Equal(40, await db.Invoices.Select(i => i.AccountId).Distinct().CountAsync());
        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), await db.Invoices.OrderBy(i => i.Id).Select(i => i.Id).ToListAsync());
    }

    [Fact]
    public async Task A_period_that_has_not_ended_cannot_be_billed()
    {
        MoveClockTo(2026, 10, 31);

        var outcome = await RunAsync(October);

        Assert.Equal("billrun.period-not-ended", outcome.Error!.Code);
        Assert.Contains("2026-11-01", outcome.Error.Message(Language.En), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Months_of_billing_keep_the_ledger_balanced_and_aging_follows_the_clock()
    {
        await AddAccountAsync("1000021", province: Province.NS, creditTermsDays: 15);
        for (var month = 10; month <= 12; month++)
        {
            MoveClockTo(2026, month, 15);
            await PlaceOrderAsync("1000021", unitPrice: 100m);
            var next = new DateOnly(2026, month, 1).AddMonths(1);
            MoveClockTo(next.Year, next.Month, 1);
            await RunAsync(new BillingPeriod(2026, month));
        }
        MoveClockTo(2027, 1, 20);

        var account = await Api.GetFromJsonAsync<JsonElement>("/api/v1/accounts/1000021");

        // Three invoices of 114.00 $ (14 % HST in Nova Scotia since 2025-04-01), due on the 16th of Nov, Dec and Jan.
        Assert.Equal("342.00", account.GetProperty("balance").GetString());
        Assert.Equal("342.00", account.GetProperty("totalOverdue").GetString());
        var aging = account.GetProperty("aging");
        Assert.Equal(("0.00", "114.00", "114.00", "114.00"), (aging.GetProperty("current").GetString(), aging.GetProperty("days1To30").GetString(), aging.GetProperty("days31To60").GetString(), aging.GetProperty("days61To90").GetString()));
        await LedgerAssertions.AssertBalancedAsync(Database);
    }

    [Fact]
    public async Task A_credit_note_corrects_an_invoice_which_itself_never_changes()
    {
        await AddAccountAsync("1000031", province: Province.QC);
        await PlaceOrderAsync("1000031", unitPrice: 100m);
        MoveClockTo(2026, 11, 1);
        await RunAsync(October);
        await using var before = Database.NewContext();
        var invoice = await before.Invoices.AsNoTracking().SingleAsync();

        var credited = await Api.PostAsJsonAsync("/api/v1/invoices/F000000001/credit-notes", new { amount = "40.00", reason = "Damaged parcel" });
        var overCredited = await Api.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/invoices/F000000001/credit-notes")
        {
            Content = JsonContent.Create(new { amount = "60.01", reason = "Too much" }),
            Headers = { AcceptLanguage = { new("fr-CA") } },
        });

        Assert.Equal(HttpStatusCode.Created, credited.StatusCode);
        var note = await credited.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("NC00000001", "45.99"), (note.GetProperty("number").GetString(), note.GetProperty("total").GetString())); // 40 + 2.00 GST + 3.99 QST
        Assert.Equal(HttpStatusCode.UnprocessableEntity, overCredited.StatusCode);
        Assert.Contains("ne peut dépasser", (await overCredited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString(), StringComparison.Ordinal);
        var account = await Api.GetFromJsonAsync<JsonElement>("/api/v1/accounts/1000031");
        Assert.Equal("68.99", account.GetProperty("balance").GetString());
        await using var after = Database.NewContext();
        var unchanged = await after.Invoices.AsNoTracking().SingleAsync();
        Assert.Equal((invoice.TotalCents, invoice.SubtotalCents, invoice.TaxCents), (unchanged.TotalCents, unchanged.SubtotalCents, unchanged.TaxCents));
        await LedgerAssertions.AssertBalancedAsync(Database);
    }

    [Fact]
    public async Task The_database_refuses_to_rewrite_the_ledger_or_a_finalised_invoice()
    {
        await AddAccountAsync("1000041");
        await PlaceOrderAsync("1000041");
        MoveClockTo(2026, 11, 1);
        await RunAsync(October);
        await using var db = Database.NewContext();

        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE ledger_entries SET amount_cents = 0"));
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM ledger_postings"));
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE invoices SET total_cents = 1"));
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM invoice_lines"));
        var invoice = await db.Invoices.SingleAsync();
        invoice.TotalCents = 1;
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        Assert.Contains("append-only", refused.Message, StringComparison.Ordinal);
        await using var check = Database.NewContext();
        Assert.NotEqual(1, (await check.Invoices.SingleAsync()).TotalCents);
        Assert.Equal(await check.Invoices.SumAsync(i => i.TotalCents), await check.LedgerEntries.Where(e => e.Account == LedgerAccount.AccountsReceivable).SumAsync(e => e.AmountCents));
    }
}

public sealed class BillRunTestsOnSqlite() : BillRunTests(DatabaseProvider.Sqlite);
public sealed class BillRunTestsOnPostgres() : BillRunTests(DatabaseProvider.Postgres);
