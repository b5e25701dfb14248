using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Facturo.Accounts;
using Facturo.Api;
using Facturo.Data;
using Facturo.Infrastructure;
using Facturo.Payments;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Billing;

public abstract class InvoicesApiTests(DatabaseProvider provider) : FacturoTest(provider)
{
    private static readonly BillingPeriod October = BillingPeriod.Parse("2026-10");

    private async Task BillAsync(BillingPeriod period) =>
        Assert.True((await InScopeAsync<BillRunner, Platform.Outcome<BillRunResult>>(runner => runner.RunAsync(period, 500, null, CancellationToken.None))).Succeeded);

    /// <summary>Account 1000001 in Ontario with one October invoice of 113.00 (100.00 + 13 % HST), issued 2026-11-01, due 2026-12-01.</summary>
    private async Task<string> OneInvoiceAsync(string customerNumber = "1000001", int creditTermsDays = 30)
    {
        await AddAccountAsync(customerNumber, creditTermsDays: creditTermsDays);
        await PlaceOrderAsync(customerNumber, unitPrice: 100m);
        MoveClockTo(2026, 11, 1);
        await BillAsync(October);
        await using var db = Database.NewContext();
        return (await db.Invoices.SingleAsync(i => i.CustomerNumber == customerNumber)).Number;
    }

    private Task<HttpResponseMessage> CreditAsync(string invoice, decimal amount) =>
        Api.PostAsJsonAsync($"/api/v1/invoices/{invoice}/credit-notes", new { amount = amount.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), reason = "Damaged parcel" });

    [Fact]
    public async Task An_invoice_reads_with_its_status_balance_the_payments_applied_and_its_credit_notes()
    {
        var number = await OneInvoiceAsync();
        var fresh = await Api.JsonAsync($"/api/v1/invoices/{number}");
        Assert.Equal(("open", "113.00", "113.00"), (fresh.GetProperty("status").GetString(), fresh.GetProperty("balance").GetString(), fresh.GetProperty("total").GetString()));
        Assert.Empty(fresh.GetProperty("paymentsApplied").EnumerateArray());

        await InScopeAsync<Receipts, Platform.Outcome<Receipt>>(receipts => receipts.RecordAsync(
            new ReceiptEntry(ReceiptMethod.Cheque, 50_00, "CAD", new DateOnly(2026, 11, 5), number, "CHQ-1"), "test", CancellationToken.None));
        (await CreditAsync(number, 10m)).EnsureSuccessStatusCode();
        var invoice = await Api.JsonAsync($"/api/v1/invoices/{number}");

        // 113.00 − 50.00 by cheque − 11.30 credited (10.00 + 1.30 HST).
        Assert.Equal(("partly-paid", "51.70"), (invoice.GetProperty("status").GetString(), invoice.GetProperty("balance").GetString()));
        var payment = invoice.GetProperty("paymentsApplied").EnumerateArray().Single();
        Assert.Equal(("2026-11-05", "cheque", "50.00", "E000000001"),
            (payment.GetProperty("date").GetString(), payment.GetProperty("method").GetString(), payment.GetProperty("amount").GetString(), payment.GetProperty("reference").GetString()));
        var note = invoice.GetProperty("creditNotes").EnumerateArray().Single();
        Assert.Equal(("NC00000001", "11.30"), (note.GetProperty("number").GetString(), note.GetProperty("total").GetString()));
        MoveClockTo(2026, 12, 2);
        Assert.Equal("overdue", (await Api.JsonAsync($"/api/v1/invoices/{number}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Each_status_filter_finds_exactly_the_invoices_that_show_that_status()
    {
        await AddAccountAsync("1000001");
        await AddAccountAsync("1000002");
        await AddAccountAsync("1000003");
        await AddAccountAsync("1000004", creditTermsDays: 15);
        foreach (var customer in new[] { "1000001", "1000002", "1000003", "1000004" })
        {
            await PlaceOrderAsync(customer, unitPrice: 100m);
        }
        MoveClockTo(2026, 11, 1);
        await BillAsync(October);
        (await CreditAsync("F000000002", 40m)).EnsureSuccessStatusCode();
        (await CreditAsync("F000000003", 100m)).EnsureSuccessStatusCode();
        MoveClockTo(2026, 11, 20);

        var shown = new Dictionary<string, string?>();
        foreach (var number in new[] { "F000000001", "F000000002", "F000000003", "F000000004" })
        {
            shown[number] = (await Api.JsonAsync($"/api/v1/invoices/{number}")).GetProperty("status").GetString();
        }
        Assert.Equal(["open", "partly-paid", "paid", "overdue"], shown.Values);
        foreach (var status in new[] { "open", "partly-paid", "paid", "overdue", "debit-in-progress" })
        {
            var listed = (await Api.JsonAsync($"/api/v1/invoices?status={status}")).GetProperty("data").EnumerateArray().Select(i => i.GetProperty("number").GetString());
            Assert.Equal(shown.Where(s => s.Value == status).Select(s => s.Key), listed);
        }
    }

    [Fact]
    public async Task Invoices_are_filtered_by_account_period_and_issue_date()
    {
        await OneInvoiceAsync("1000001");
        await AddAccountAsync("1000002");
        await PlaceOrderAsync("1000002");
        MoveClockTo(2026, 12, 1);
        await BillAsync(BillingPeriod.Parse("2026-11"));

        async Task<IEnumerable<string?>> NumbersAsync(string query) =>
            (await Api.JsonAsync($"/api/v1/invoices?{query}")).GetProperty("data").EnumerateArray().Select(i => $"{i.GetProperty("customerNumber").GetString()} {i.GetProperty("period").GetString()}");

        Assert.Equal(["1000002 2026-11"], await NumbersAsync("account=1000002"));
        Assert.Equal(["1000001 2026-10"], await NumbersAsync("period=2026-10"));
        Assert.Equal(["1000002 2026-11"], await NumbersAsync("issuedFrom=2026-11-02"));
        Assert.Equal(["1000001 2026-10"], await NumbersAsync("issuedTo=2026-11-01"));
    }

    [Fact]
    public async Task A_list_of_120_invoices_comes_in_pages_of_50_50_and_20_and_an_invoice_issued_between_pages_appears_once()
    {
        var accounts = new List<CustomerAccount>();
        for (var n = 0; n < 121; n++)
        {
            accounts.Add(await AddAccountAsync($"{1_000_001 + n}"));
        }
        await using (var db = Database.NewContext())
        {
            db.Charges.AddRange(accounts.Take(120).Select(a => new Charge
            {
                AccountId = a.Id, Category = ChargeCategory.Shipping, Description = "Parcel", Quantity = 1, UnitPriceCents = 10_00, AmountCents = 10_00, ServiceDate = new DateOnly(2026, 10, 15), CreatedAt = Clock.GetUtcNow(),
            }));
            db.Charges.Add(new Charge
            {
                AccountId = accounts[120].Id, Category = ChargeCategory.Shipping, Description = "Parcel", Quantity = 1, UnitPriceCents = 10_00, AmountCents = 10_00, ServiceDate = new DateOnly(2026, 11, 15), CreatedAt = Clock.GetUtcNow(),
            });
            await db.SaveChangesAsync();
        }
        MoveClockTo(2026, 11, 1);
        await BillAsync(October);
        MoveClockTo(2026, 12, 1);

        var pages = await Api.AllPagesAsync("/api/v1/invoices", 50, async page =>
        {
            if (page == 1)
            {
                await BillAsync(BillingPeriod.Parse("2026-11"));
            }
        });

        Assert.Equal([50, 50, 21], pages.Select(p => p.Count));
        var numbers = pages.SelectMany(p => p).Select(i => i.GetProperty("number").GetString()).ToList();
        Assert.Equal(numbers.Distinct().Order(StringComparer.Ordinal), numbers);
        Assert.All(pages.SelectMany(p => p), i => Assert.Equal(JsonValueKind.String, i.GetProperty("total").ValueKind));
    }

    [Theory]
    [InlineData("fr", "FACTURE")]
    [InlineData("en", "INVOICE")]
    public async Task The_invoice_pdf_comes_with_the_key_in_the_language_asked_for(string language, string title)
    {
        var number = await OneInvoiceAsync();

        var response = await Api.GetAsync($"/api/v1/invoices/{number}/pdf?language={language}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        using var pdf = UglyToad.PdfPig.PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        var text = string.Join(' ', pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        Assert.Contains(title, text, StringComparison.Ordinal);
        Assert.Contains(number, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pdf_in_an_unknown_language_is_a_400_with_its_code()
    {
        var number = await OneInvoiceAsync();

        Assert.Equal((HttpStatusCode.BadRequest, "api.filter-invalid"), await Api.ProblemAsync($"/api/v1/invoices/{number}/pdf?language=de"));
    }

    [Fact]
    public async Task A_credit_note_reads_back_at_its_location_with_its_lines_and_the_taxes_given_back()
    {
        var number = await OneInvoiceAsync();

        var issued = await CreditAsync(number, 40m);
        var note = await Api.JsonAsync(issued.Headers.Location!.OriginalString);
        var listed = await Api.JsonAsync($"/api/v1/invoices/{number}/credit-notes");

        Assert.Equal(("/api/v1/credit-notes/NC00000001", "NC00000001", number), (issued.Headers.Location!.OriginalString, note.GetProperty("number").GetString(), note.GetProperty("invoiceNumber").GetString()));
        Assert.Equal(("40.00", "5.20", "45.20"), (note.GetProperty("subtotal").GetString(), note.GetProperty("tax").GetString(), note.GetProperty("total").GetString()));
        Assert.Equal([(1, "40.00")], note.GetProperty("lines").EnumerateArray().Select(l => (l.GetProperty("line").GetInt32(), l.GetProperty("amount").GetString())));
        Assert.Equal([("HST-ON", "5.20")], note.GetProperty("taxes").EnumerateArray().Select(t => (t.GetProperty("tax").GetString(), t.GetProperty("amount").GetString())));
        Assert.Equal(["NC00000001"], listed.EnumerateArray().Select(n => n.GetProperty("number").GetString()));
    }

    [Fact]
    public async Task Another_accounts_invoice_and_credit_notes_are_not_found_like_missing_ones_and_left_out_of_lists()
    {
        var theirs = await OneInvoiceAsync();
        (await CreditAsync(theirs, 10m)).EnsureSuccessStatusCode();
        await AddAccountAsync("1000002");
        using var limited = await ApiClientWithKeyAsync(ApiScopes.All, "1000002");

        Assert.Equal((HttpStatusCode.NotFound, "invoice.not-found"), await limited.ProblemAsync($"/api/v1/invoices/{theirs}"));
        Assert.Equal((HttpStatusCode.NotFound, "invoice.not-found"), await limited.ProblemAsync("/api/v1/invoices/F000000999"));
        Assert.Equal((HttpStatusCode.NotFound, "invoice.not-found"), await limited.ProblemAsync($"/api/v1/invoices/{theirs}/pdf"));
        Assert.Equal((HttpStatusCode.NotFound, "invoice.not-found"), await limited.ProblemAsync($"/api/v1/invoices/{theirs}/credit-notes"));
        Assert.Equal((HttpStatusCode.NotFound, "creditnote.not-found"), await limited.ProblemAsync("/api/v1/credit-notes/NC00000001"));
        Assert.Equal((HttpStatusCode.NotFound, "creditnote.not-found"), await limited.ProblemAsync("/api/v1/credit-notes/NC00000099"));
        var credit = await limited.PostAsJsonAsync($"/api/v1/invoices/{theirs}/credit-notes", new { amount = "1.00", reason = "Not mine" });
        Assert.Equal(HttpStatusCode.NotFound, credit.StatusCode);
        Assert.Empty((await limited.JsonAsync("/api/v1/invoices")).GetProperty("data").EnumerateArray());
        await using var db = Database.NewContext();
        Assert.Equal(1, await db.CreditNotes.CountAsync());
    }

    [Theory]
    [InlineData("/api/v1/invoices")]
    [InlineData("/api/v1/invoices/F000000001")]
    [InlineData("/api/v1/invoices/F000000001/pdf")]
    [InlineData("/api/v1/invoices/F000000001/credit-notes")]
    [InlineData("/api/v1/credit-notes/NC00000001")]
    public async Task Invoices_and_credit_notes_cannot_be_read_without_a_key(string path)
    {
        var number = await OneInvoiceAsync();
        (await CreditAsync(number, 10m)).EnsureSuccessStatusCode();
        using var anonymous = new HttpClient { BaseAddress = BaseAddress };

        Assert.Equal((HttpStatusCode.Unauthorized, "api.key-missing"), await anonymous.ProblemAsync(path));
    }

    [Theory]
    [InlineData("/api/v1/invoices?status=late", "« status »")]
    [InlineData("/api/v1/invoices?status=1", "« status »")]
    [InlineData("/api/v1/invoices?period=2026-13", "« period »")]
    [InlineData("/api/v1/invoices?issuedFrom=01/11/2026", "« issuedFrom »")]
    public async Task A_bad_invoice_filter_is_a_400_that_names_it_in_the_callers_language(string path, string expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.AcceptLanguage.ParseAdd("fr-CA");

        var response = await Api.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("api.filter-invalid", problem.GetProperty("code").GetString());
        Assert.Contains(expected, problem.GetProperty("title").GetString(), StringComparison.Ordinal);
    }
}

public sealed class InvoicesApiTestsOnSqlite() : InvoicesApiTests(DatabaseProvider.Sqlite);
public sealed class InvoicesApiTestsOnPostgres() : InvoicesApiTests(DatabaseProvider.Postgres);
