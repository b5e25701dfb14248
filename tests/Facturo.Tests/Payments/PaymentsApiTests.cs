using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Facturo.Api;
using Facturo.Data;
using Facturo.Infrastructure;
using Facturo.Portal;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Payments;

/// <summary>POST /payments (EFT, cheque, debit), GET /payments/{id}, GET /payments and GET /accounts/{n}/bank-accounts over real HTTP.</summary>
public abstract class PaymentsApiTests(DatabaseProvider provider) : PortalTest(provider)
{
    [Fact]
    public async Task A_cheque_for_no_invoice_in_particular_pays_the_oldest_first_and_the_rest_stays_unapplied()
    {
        await AddAccountAsync("1000501");
        await PlaceOrderAsync("1000501", unitPrice: 100m);
        MoveClockTo(2026, 11, 1);
        await BillAsync(October);
        await PlaceOrderAsync("1000501", unitPrice: 100m);
        MoveClockTo(2026, 12, 1);
        await BillAsync(October.Next);

        var response = await PostAsync(new { method = "cheque", customerNumber = "1000501", amount = "250.00", currency = "CAD", receivedOn = "2026-11-30", reference = "CHQ-1001" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal($"/api/v1/payments/{created.GetProperty("id").GetString()}", response.Headers.Location?.OriginalString);
        var read = await Api.GetFromJsonAsync<JsonElement>(response.Headers.Location);
        Assert.Equal(("cheque", "received", "250.00", "24.00", "CHQ-1001"),
            (read.GetProperty("method").GetString(), read.GetProperty("status").GetString(), read.GetProperty("amount").GetString(), read.GetProperty("unapplied").GetString(), read.GetProperty("reference").GetString()));
        Assert.Equal(["F000000001 113.00", "F000000002 113.00"],
            read.GetProperty("invoices").EnumerateArray().Select(i => $"{i.GetProperty("number").GetString()} {i.GetProperty("amount").GetString()}"));
        await LedgerAssertions.AssertBalancedAsync(Database);
    }

    [Fact]
    public async Task An_eft_naming_an_invoice_pays_that_invoice_and_a_second_with_the_same_reference_is_a_conflict()
    {
        var billed = await BilledAccountsAsync("1000502");

        var eft = await PostAsync(new { method = "eft", customerNumber = "1000502", amount = "50.00", currency = "CAD", receivedOn = "2026-10-31", reference = "EFT-77", invoices = new[] { billed[0].Invoice } });
        var again = await PostAsync(new { method = "eft", customerNumber = "1000502", amount = "50.00", currency = "CAD", receivedOn = "2026-10-31", reference = "EFT-77" });

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Conflict), (eft.StatusCode, again.StatusCode));
        Assert.Equal("receipts.already-recorded", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        await using var db = Database.NewContext();
        Assert.Equal((1, 5_000L), (await db.Receipts.CountAsync(), await db.ReceiptAllocations.SumAsync(a => a.AmountCents)));
        await LedgerAssertions.AssertBalancedAsync(Database);
    }

    [Theory]
    [InlineData("{\"method\":\"cheque\",\"customerNumber\":\"1000503\",\"amount\":\"-5.00\",\"currency\":\"CAD\",\"receivedOn\":\"2026-10-31\",\"reference\":\"C1\"}", 422, "receipts.amount-positive", "plus grand que zéro")]
    [InlineData("{\"method\":\"cheque\",\"customerNumber\":\"1000503\",\"amount\":\"0.00\",\"currency\":\"CAD\",\"receivedOn\":\"2026-10-31\",\"reference\":\"C1\"}", 422, "receipts.amount-positive", "plus grand que zéro")]
    [InlineData("{\"method\":\"cheque\",\"customerNumber\":\"1000503\",\"amount\":\"10.005\",\"currency\":\"CAD\",\"receivedOn\":\"2026-10-31\",\"reference\":\"C1\"}", 422, "payments.amount-format", "deux décimales")]
    [InlineData("{\"method\":\"cheque\",\"customerNumber\":\"1000503\",\"amount\":10.00,\"currency\":\"CAD\",\"receivedOn\":\"2026-10-31\",\"reference\":\"C1\"}", 422, "payments.amount-format", "pas un nombre JSON")]
    [InlineData("{\"method\":\"cheque\",\"customerNumber\":\"1000503\",\"amount\":\"10.00\",\"currency\":\"USD\",\"receivedOn\":\"2026-10-31\",\"reference\":\"C1\"}", 422, "receipts.currency-mismatch", "facturé en CAD")]
    [InlineData("{\"method\":\"cheque\",\"customerNumber\":\"1000503\",\"amount\":\"10.00\",\"currency\":\"EUR\",\"receivedOn\":\"2026-10-31\",\"reference\":\"C1\"}", 422, "receipts.currency", "EUR")]
    [InlineData("{\"method\":\"cheque\",\"customerNumber\":\"1000503\",\"amount\":\"10.00\",\"currency\":\"CAD\",\"receivedOn\":\"2026-11-02\",\"reference\":\"C1\"}", 422, "payments.received-on", "2026-11-01")]
    [InlineData("{\"method\":\"cheque\",\"customerNumber\":\"1000503\",\"amount\":\"10.00\",\"currency\":\"CAD\",\"receivedOn\":\"2025-10-01\",\"reference\":\"C1\"}", 422, "payments.received-too-long-ago", "vérifiez l'année")]
    [InlineData("{\"method\":\"cheque\",\"customerNumber\":\"1000503\",\"amount\":\"10.00\",\"currency\":\"CAD\",\"receivedOn\":\"2026-10-31\",\"reference\":\" \"}", 422, "receipts.bank-reference", "numéro du chèque")]
    [InlineData("{\"method\":\"cheque\",\"customerNumber\":\"1000503\",\"amount\":\"10.00\",\"currency\":\"CAD\",\"receivedOn\":\"2026-10-31\",\"reference\":\"C1\",\"invoices\":[\"F000000099\"]}", 422, "payments.invoice-not-open", "F000000099")]
    [InlineData("{\"method\":\"cheque\",\"customerNumber\":\"1000503\",\"amount\":\"10.00\",\"currency\":\"CAD\",\"receivedOn\":\"2026-10-31\",\"reference\":\"C1\",\"invoices\":[\"F000000002\"]}", 422, "payments.invoice-not-open", "F000000002")]
    [InlineData("{\"method\":\"eft\",\"customerNumber\":\"1000503\",\"amount\":\"10.00\",\"currency\":\"CAD\",\"receivedOn\":\"2026-10-31\",\"reference\":\"E1\",\"invoices\":[null]}", 422, "payments.invoice-not-open", "null")]
    [InlineData("{\"method\":\"barter\",\"customerNumber\":\"1000503\",\"amount\":\"10.00\",\"currency\":\"CAD\"}", 422, "payments.method", "barter")]
    [InlineData("{\"method\":\"cheque\",\"customerNumber\":\"1999999\",\"amount\":\"10.00\",\"currency\":\"CAD\",\"receivedOn\":\"2026-10-31\",\"reference\":\"C1\"}", 404, "account.not-found", "1999999")]
    [InlineData("{\"method\":\"cheque\",", 400, "request.invalid-body", "JSON")]
    [InlineData("{\"method\":\"debit\",\"customerNumber\":\"1000503\",\"amount\":\"10.00\",\"currency\":\"CAD\",\"bankAccountId\":1}", 422, "payments.no-agreement", "accord de débit")]
    [InlineData("{\"method\":\"debit\",\"customerNumber\":\"1000503\",\"amount\":\"10.00\",\"currency\":\"CAD\",\"bankAccountId\":2}", 404, "payments.bank-account-not-found", "comptes bancaires")]
    [InlineData("{\"method\":\"debit\",\"customerNumber\":\"1000503\",\"amount\":\"10.00\",\"currency\":\"CAD\",\"bankAccountId\":1,\"invoices\":[\"F000000001\"]}", 422, "payments.debit-invoices-or-amount", "l'un ou l'autre")]
    public async Task Bad_payments_get_a_clear_French_error_and_write_nothing(string body, int status, string code, string expected)
    {
        await BilledAccountsAsync("1000503", "1000504");
        var payer = await RegisterAsync("1000503", "payer@1000503.example", PortalRole.Payer);
        await AddCanadianBankAccountAsync(payer);
        var before = await CountsAsync();

        var response = await PostRawAsync(body, "fr-CA");

        Assert.Equal(status, (int)response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Contains(expected, problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task A_debit_under_the_signed_agreement_is_submitted_in_the_signers_name_and_shows_only_the_masked_number()
    {
        var billed = await BilledAccountsAsync("1000505");
        var payer = await RegisterAsync("1000505", "payer@1000505.example", PortalRole.Payer);
        var bankId = await AddCanadianBankAccountAsync(payer);
        var banksBefore = await Api.GetFromJsonAsync<JsonElement>("/api/v1/accounts/1000505/bank-accounts");
        await SignAgreementAsync(payer, bankId);

        var tooMuch = await PostAsync(new { method = "debit", customerNumber = "1000505", amount = "113.01", currency = "CAD", bankAccountId = bankId });
        var debit = await PostAsync(new { method = "debit", customerNumber = "1000505", invoices = new[] { billed[0].Invoice }, currency = "CAD", bankAccountId = bankId });

        Assert.Equal("payments.invalid-amount", (await tooMuch.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Created, debit.StatusCode);
        var read = await Api.GetFromJsonAsync<JsonElement>(debit.Headers.Location);
        Assert.Equal(("debit", "submitted", "113.00", "••••6789"), (read.GetProperty("method").GetString(), read.GetProperty("status").GetString(),
            read.GetProperty("amount").GetString(), read.GetProperty("bankAccount").GetProperty("accountNumber").GetString()));
        var banks = await Api.GetStringAsync("/api/v1/accounts/1000505/bank-accounts");
        Assert.DoesNotContain("123456789", banks, StringComparison.Ordinal);
        Assert.False(banksBefore[0].GetProperty("debitAgreement").GetBoolean());
        Assert.Contains("\"debitAgreement\":true", banks, StringComparison.Ordinal);
        Assert.Contains("We received your payment P000000001 of $113.00", await ReadEmailAsync("payer@1000505.example", "Payment P000000001"), StringComparison.Ordinal);
        await using var db = Database.NewContext();
        Assert.Equal(payer.Id, (await db.Payments.SingleAsync()).SubmittedByUserId);
        await LedgerAssertions.AssertBalancedAsync(Database);
    }

    [Fact]
    public async Task A_debit_the_bank_returned_reads_back_returned_with_the_reason_in_the_callers_language()
    {
        var billed = await BilledAccountsAsync("1000510");
        var payer = await RegisterAsync("1000510", "payer@1000510.example", PortalRole.Payer);
        var bankId = await AddCanadianBankAccountAsync(payer);
        await SignAgreementAsync(payer, bankId);
        var debit = await PostAsync(new { method = "debit", customerNumber = "1000510", invoices = new[] { billed[0].Invoice }, currency = "CAD", bankAccountId = bankId });
        MoveClockTo(2026, 11, 2);
        var batch = Assert.Single(await InScopeAsync<DebitBatches, IReadOnlyList<DebitBatch>>(async b => (await b.RunAsync(null, CancellationToken.None)).Value!));
        var sent = await FileOfAsync(batch);
        var imported = await InScopeAsync<PaymentReturns, Platform.Outcome<BankFileImport>>(r => r.ImportAsync("returns.txt", ReturnFiles.Cpa005Returns(sent, "901", returnedSegments: 1), CancellationToken.None));
        var request = new HttpRequestMessage(HttpMethod.Get, debit.Headers.Location);
        request.Headers.AcceptLanguage.ParseAdd("fr-CA");

        var read = await (await Api.SendAsync(request)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.True(imported.Succeeded, imported.Error?.Code);
        Assert.Equal(("returned", "901", "provision insuffisante"), (read.GetProperty("status").GetString(),
            read.GetProperty("return").GetProperty("code").GetString(), read.GetProperty("return").GetProperty("reason").GetString()));
        Assert.NotEqual(JsonValueKind.Null, read.GetProperty("sentAt").ValueKind);
        var returned = await Api.GetFromJsonAsync<JsonElement>("/api/v1/payments?status=returned");
        Assert.Equal(["P000000001"], returned.GetProperty("data").EnumerateArray().Select(p => p.GetProperty("id").GetString()));
        await LedgerAssertions.AssertBalancedAsync(Database);
    }

    [Fact]
    public async Task A_key_limited_to_one_account_finds_neither_the_payments_nor_the_bank_accounts_of_another()
    {
        await BilledAccountsAsync("1000506", "1000507");
        var payer = await RegisterAsync("1000506", "payer@1000506.example", PortalRole.Payer);
        var bankId = await AddCanadianBankAccountAsync(payer);
        var cheque = await PostAsync(new { method = "cheque", customerNumber = "1000506", amount = "10.00", currency = "CAD", receivedOn = "2026-10-31", reference = "C-506" });
        using var limited = await ApiClientWithKeyAsync(ApiScopes.All, "1000507");
        using var anonymous = new HttpClient { BaseAddress = BaseAddress };

        var payment = await limited.GetAsync(cheque.Headers.Location);
        var banks = await limited.GetAsync("/api/v1/accounts/1000506/bank-accounts");
        var list = await limited.GetFromJsonAsync<JsonElement>("/api/v1/payments");
        var filtered = await limited.GetAsync("/api/v1/payments?account=1000506");
        var debit = await limited.PostAsJsonAsync("/api/v1/payments", new { method = "debit", customerNumber = "1000506", amount = "1.00", currency = "CAD", bankAccountId = bankId });

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound],
            new[] { payment.StatusCode, banks.StatusCode, filtered.StatusCode, debit.StatusCode });
        Assert.Empty(list.GetProperty("data").EnumerateArray());
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized], new[]
        {
            (await anonymous.GetAsync(cheque.Headers.Location)).StatusCode, (await anonymous.GetAsync("/api/v1/payments")).StatusCode,
            (await anonymous.GetAsync("/api/v1/accounts/1000506/bank-accounts")).StatusCode, (await anonymous.PostAsJsonAsync("/api/v1/payments", new { })).StatusCode,
        });
        using var reader = await ApiClientWithKeyAsync([ApiScope.Read]);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsJsonAsync("/api/v1/payments", new { method = "cheque" })).StatusCode);
        await using var db = Database.NewContext();
        Assert.Equal((1, 0), (await db.Receipts.CountAsync(), await db.Payments.CountAsync()));
    }

    [Fact]
    public async Task The_list_pages_through_cheques_and_debits_by_filter_without_skipping_or_repeating_one_recorded_meanwhile()
    {
        var billed = await BilledAccountsAsync("1000508", "1000509");
        var payer = await RegisterAsync("1000508", "payer@1000508.example", PortalRole.Payer);
        var bankId = await AddCanadianBankAccountAsync(payer);
        await SignAgreementAsync(payer, bankId);
        for (var i = 1; i <= 3; i++)
        {
            Clock.Advance(TimeSpan.FromMinutes(1));
            Assert.Equal(HttpStatusCode.Created, (await PostAsync(new { method = "cheque", customerNumber = "1000509", amount = "1.00", currency = "CAD", receivedOn = "2026-10-31", reference = $"C-{i}" })).StatusCode);
            Clock.Advance(TimeSpan.FromMinutes(1));
            Assert.Equal(HttpStatusCode.Created, (await PostAsync(new { method = "debit", customerNumber = "1000508", amount = "1.00", currency = "CAD", bankAccountId = bankId })).StatusCode);
        }

        var seen = new List<string>();
        string? cursor = null;
        for (var page = 0; page < 10; page++)
        {
            var answer = await Api.GetFromJsonAsync<JsonElement>($"/api/v1/payments?limit=4{(cursor is null ? "" : $"&after={cursor}")}");
            seen.AddRange(answer.GetProperty("data").EnumerateArray().Select(p => p.GetProperty("id").GetString()!));
            if (page == 0)
            {
                Clock.Advance(TimeSpan.FromMinutes(1));
                await PostAsync(new { method = "eft", customerNumber = "1000509", amount = "2.00", currency = "CAD", receivedOn = "2026-11-01", reference = "EFT-late" });
            }
            cursor = answer.GetProperty("nextCursor").GetString();
            if (cursor is null)
            {
                break;
            }
        }

        Assert.Equal(["E000000001", "P000000001", "E000000002", "P000000002", "E000000003", "P000000003", "E000000004"], seen);
        var debits = await Api.GetFromJsonAsync<JsonElement>("/api/v1/payments?method=debit&status=submitted&account=1000508&from=2026-11-01&to=2026-11-01");
        Assert.Equal(3, debits.GetProperty("data").GetArrayLength());
        var received = await Api.GetFromJsonAsync<JsonElement>("/api/v1/payments?status=received&from=2026-11-01");
        Assert.Equal(["E000000004"], received.GetProperty("data").EnumerateArray().Select(p => p.GetProperty("id").GetString()));
        var badFilter = await Api.GetAsync("/api/v1/payments?status=lost");
        Assert.Equal("list.parameter-invalid", (await badFilter.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await Api.GetAsync("/api/v1/payments?after=not-a-cursor")).StatusCode);
        Assert.Equal(billed[0].Invoice, (await Api.GetFromJsonAsync<JsonElement>("/api/v1/payments/P000000001")).GetProperty("invoices")[0].GetProperty("number").GetString());
        await LedgerAssertions.AssertBalancedAsync(Database);
    }

    private async Task SignAgreementAsync(PortalUser payer, long bankId)
    {
        await using var db = Database.NewContext();
        var bank = await db.BankAccounts.SingleAsync(b => b.Id == bankId);
        db.DebitAuthorizations.Add(DebitAgreements.Accepted(bank, DebitScope.PortalPayments, "PAD agreement as read", payer, Clock.GetUtcNow(), "127.0.0.1"));
        await db.SaveChangesAsync();
    }

    private Task<HttpResponseMessage> PostAsync(object body) => Api.PostAsJsonAsync("/api/v1/payments", body);

    private Task<HttpResponseMessage> PostRawAsync(string body, string language)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/payments") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.AcceptLanguage.ParseAdd(language);
        return Api.SendAsync(request);
    }

    private async Task<(int Receipts, int Payments, int Postings, int Agreements)> CountsAsync()
    {
        await using var db = Database.NewContext();
        return (await db.Receipts.CountAsync(), await db.Payments.CountAsync(), await db.LedgerEntries.CountAsync(), await db.DebitAuthorizations.CountAsync());
    }
}

public sealed class PaymentsApiTestsOnSqlite() : PaymentsApiTests(DatabaseProvider.Sqlite);
public sealed class PaymentsApiTestsOnPostgres() : PaymentsApiTests(DatabaseProvider.Postgres);
