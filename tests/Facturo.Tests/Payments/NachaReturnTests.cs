using Facturo.Accounts;
using Facturo.Data;
using Facturo.Infrastructure;
using Facturo.Platform;
using Facturo.Portal;
using Facturo.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Facturo.Payments;

/// <summary>
/// Return files as banks send them (the layout of moov-io/ach's samples), matched to what we sent by the
/// exact identification, the file's format and its currency; notifications of change go to staff.
/// </summary>
public abstract class NachaReturnTests(DatabaseProvider provider) : PortalTest(provider)
{
    [Fact]
    public async Task A_return_file_in_the_banks_layout_reverses_the_payments_it_names_by_their_reference_and_a_truncated_legacy_identification_matches_nothing()
    {
        var payers = await BilledAccountsAsync(("1000201", "first@returns.example", Language.En, "USD"), ("1000202", "second@returns.example", Language.Fr, "USD"));
        await PayAsync(payers[0], "1000201", "F000000001", paymentId: 1_234);
        await PayAsync(payers[1], "1000202", "F000000002", paymentId: 12_347);
        var sent = Assert.Single(await RunBatchAsync());
        // Before payments were named by their reference, the NACHA writer cut "F000000002/12347" to 15 characters.
        string Legacy(string entry) => entry[12..29].Trim() == "1000201" ? "P000001234" : "F000000002/1234";
        string ByReference(string entry) => entry[12..29].Trim() == "1000201" ? "P000001234" : "P000012347";

        var truncated = await ImportReturnsAsync("truncated.ach", ReturnFiles.NachaReturns(sent.Content, "R01", Legacy));
        var unchanged = await StatusesAsync();
        var imported = await ImportReturnsAsync("returns.ach", ReturnFiles.NachaReturns(sent.Content, "R01", ByReference));

        Assert.Equal("File refused, nothing was imported: line 5, the returned debit matches no payment that was sent (reference or amount).", truncated.Error?.Message(Language.En));
        Assert.Equal([(1_234L, PaymentStatus.SentToBank), (12_347L, PaymentStatus.SentToBank)], unchanged);
        Assert.True(imported.Succeeded, imported.Error?.Message(Language.En));
        Assert.Equal([(1_234L, PaymentStatus.Returned), (12_347L, PaymentStatus.Returned)], await StatusesAsync());
        await using var db = Database.NewContext();
        Assert.Equal([(1_234L, "R01"), (12_347L, "R01")], (await db.FailedPayments.OrderBy(f => f.PaymentId).ToListAsync()).Select(f => (f.PaymentId, f.ReasonCode)));
        Assert.Contains("motif R01 : provision insuffisante", await ReadEmailAsync("second@returns.example", "Paiement P000012347 retourné"), StringComparison.Ordinal);
        await LedgerAssertions.AssertBalancedAsync(Database);
    }

    [Fact]
    public async Task A_cpa005_return_past_payment_one_million_matches_by_reference_or_by_the_whole_legacy_cross_reference()
    {
        var payers = await BilledAccountsAsync(("1000211", "million@returns.example", Language.En, "CAD"), ("1000212", "million2@returns.example", Language.En, "CAD"));
        await PayAsync(payers[0], "1000211", "F000000001", paymentId: 1_000_000);
        await PayAsync(payers[1], "1000212", "F000000002", paymentId: 1_000_001);
        var sent = Assert.Single(await RunBatchAsync());
        var segment = 0;
        string Named(params string[] references) => ReturnFiles.Cpa005Returns(sent.Content, "901", returnedSegments: 2, crossReference: _ => references[segment++ % 2]);

        var unpadded = await ImportReturnsAsync("unpadded.txt", Named("F000000001/1000000", "P1000001"));
        var imported = await ImportReturnsAsync("returns.txt", Named("F000000001/1000000", "P001000001"));

        Assert.Equal("returns.unknown-item", unpadded.Error?.Code);
        Assert.True(imported.Succeeded, imported.Error?.Message(Language.En));
        Assert.Equal([(1_000_000L, PaymentStatus.Returned), (1_000_001L, PaymentStatus.Returned)], await StatusesAsync());
        await LedgerAssertions.AssertBalancedAsync(Database);
    }

    [Fact]
    public async Task A_return_with_an_unknown_reason_a_missing_control_or_naming_a_payment_of_another_format_or_currency_imports_nothing()
    {
        var payers = await BilledAccountsAsync(("1000221", "us@returns.example", Language.En, "USD"), ("1000222", "ca@returns.example", Language.En, "CAD"));
        await PayAsync(payers[0], "1000221", "F000000001");
        await PayAsync(payers[1], "1000222", "F000000002");
        var batches = await RunBatchAsync();
        var nacha = batches.Single(b => b.Format == BankFileFormat.Nacha).Content;
        var cpa005 = batches.Single(b => b.Format == BankFileFormat.Cpa005).Content;
        var cadReference = cpa005.Split("\r\n")[1].Substring(24 + 150, 19).TrimEnd();
        var withoutBatchControl = string.Join('\n', ReturnFiles.NachaReturns(nacha, "R01").Split('\n').Where(l => l[0] != '8')) + "\n" + new string('9', 94);

        var refused = new[]
        {
            await ImportReturnsAsync("unknown.ach", ReturnFiles.NachaReturns(nacha, "R0X")),
            await ImportReturnsAsync("blank.ach", ReturnFiles.NachaReturns(nacha, "   ")),
            await ImportReturnsAsync("no-control.ach", withoutBatchControl),
            await ImportReturnsAsync("cad-in-nacha.ach", ReturnFiles.NachaReturns(nacha, "R01", _ => cadReference)),
            await ImportReturnsAsync("cad-as-usd.txt", ReturnFiles.Cpa005Returns(cpa005, "901", returnedSegments: 1, currency: "USD")),
        };

        Assert.Equal(
        [
            "File refused, nothing was imported: line 4, return reason code: 'R0X' is not a NACHA return reason code (R01–R85).",
            "File refused, nothing was imported: line 4, return reason code: '   ' is not a NACHA return reason code (R01–R85).",
            "File refused, nothing was imported: line 5, batch control: the file control where the batch control of the batch at line 2 must be.",
            "File refused, nothing was imported: line 3, individual identification number: payment P000000002 went out in a CPA-005 file in CAD, not in a NACHA file in USD.",
            "Fichier refusé, rien n'a été importé : ligne 2, originator's cross reference : le paiement P000000002 est parti dans un fichier CPA-005 en CAD, pas dans un fichier CPA-005 en USD.",
        ], refused.Select((r, i) => r.Error?.Message(i < 4 ? Language.En : Language.Fr)));
        Assert.Equal([(1L, PaymentStatus.SentToBank), (2L, PaymentStatus.SentToBank)], await StatusesAsync());
        await using var db = Database.NewContext();
        Assert.Empty(await db.FailedPayments.ToListAsync());
        Assert.Empty(await db.BankFileImports.ToListAsync());
    }

    [Fact]
    public async Task A_notification_of_change_beside_a_return_is_recorded_for_staff_who_see_it_and_nobody_is_emailed_about_it()
    {
        var payers = await BilledAccountsAsync(("1000231", "returned@noc.example", Language.En, "USD"), ("1000232", "changed@noc.example", Language.En, "USD"));
        await PayAsync(payers[0], "1000231", "F000000001");
        await PayAsync(payers[1], "1000232", "F000000002");
        var sent = Assert.Single(await RunBatchAsync());
        await using (var before = Database.NewContext())
        {
            await before.OutboxEmails.ExecuteDeleteAsync();
        }
        var file = ReturnFiles.Together(ReturnFiles.NachaReturns(sent.Content, "R02", returnedEntries: 1), ReturnFiles.NachaChangeNotice(sent.Content, "C01", "1918171614", debit: 1));

        var imported = await ImportReturnsAsync("returns-and-noc.ach", file);

        Assert.True(imported.Succeeded, imported.Error?.Message(Language.En));
        Assert.Equal([(1L, PaymentStatus.Returned), (2L, PaymentStatus.SentToBank)], await StatusesAsync());
        await using (var db = Database.NewContext())
        {
            var notice = await db.BankChangeNotices.SingleAsync();
            var payment = await db.Payments.SingleAsync(p => p.Id == 2);
            Assert.Equal((2L, payment.BankAccountId, "C01", "••••1614", ChangeNoticeStatus.Open), (notice.PaymentId, notice.BankAccountId, notice.ChangeCode, notice.CorrectedDataShown, notice.Status));
            Assert.DoesNotContain("1918171614", notice.ProtectedCorrectedData, StringComparison.Ordinal);
            Assert.Equal(["returned@noc.example"], await db.OutboxEmails.Select(e => e.ToAddress).ToListAsync());
        }
        await CreateStaffAsync("ops@staff.example", StaffRole.Administrator);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(BaseAddress, "en-CA");
        await SignInAsStaffAsync(page, "ops@staff.example");
        await page.GotoAsync("/admin/failed-payments");
        var notices = await page.GetByTestId("change-notices").Locator("tbody tr").AllInnerTextsAsync();
        await page.Locator("#notice-resolution-1").FillAsync("Called the customer; new account added in the portal");
        await page.GetByRole(AriaRole.Button, new() { Name = "Close the notice for P000000002" }).ClickAsync();
        var closed = await page.GetByRole(AriaRole.Status).InnerTextAsync();

        var row = Assert.Single(notices);
        Assert.Contains("P000000002", row, StringComparison.Ordinal);
        Assert.Contains("C01 — incorrect account number", row, StringComparison.Ordinal);
        Assert.Contains("••••1614", row, StringComparison.Ordinal);
        Assert.Equal("Closed.", closed);
        await using var check = Database.NewContext();
        Assert.Equal(ChangeNoticeStatus.Closed, (await check.BankChangeNotices.SingleAsync()).Status);
        Assert.Contains(await check.StaffAuditEntries.Select(a => a.Action).ToListAsync(), a => a == "change-notice.close");
    }

    private async Task<IReadOnlyList<(long Id, PaymentStatus Status)>> StatusesAsync()
    {
        await using var db = Database.NewContext();
        return (await db.Payments.OrderBy(p => p.Id).ToListAsync()).Select(p => (p.Id, p.Status)).ToList();
    }

    /// <summary>Each account gets one $113.00 invoice (F000000001, F000000002… in this order) and a registered admin.</summary>
    private async Task<PortalUser[]> BilledAccountsAsync(params (string CustomerNumber, string Email, Language Language, string Currency)[] accounts)
    {
        foreach (var (number, _, _, currency) in accounts)
        {
            await AddAccountAsync(number, currencyCode: currency);
            await PlaceOrderAsync(number, unitPrice: 100m);
        }
        MoveClockTo(2026, 11, 1);
        await BillAsync(October);
        var admins = new List<PortalUser>();
        foreach (var (number, email, language, _) in accounts)
        {
            admins.Add(await RegisterAsync(number, email, PortalRole.Admin, language));
        }
        return [.. admins];
    }

    /// <summary>Pays the invoice by debit from a bank account of the invoice's country, whose account number is the customer number; the payment gets the id asked for.</summary>
    private async Task PayAsync(PortalUser payer, string customerNumber, string invoice, long? paymentId = null)
    {
        await using (var db = Database.NewContext())
        {
            var usd = (await db.Accounts.SingleAsync(a => a.CustomerNumber == customerNumber)).CurrencyCode == "USD";
            var bank = await InScopeAsync<BankAccounts, Outcome<BankAccount>>(p => p.AddAsync(payer, usd
                ? new BankAccountForm(BankCountry.US, "Payer Inc", null, null, "021000021", customerNumber)
                : new BankAccountForm(BankCountry.CA, "Payer Inc", "815", "30800", null, customerNumber), CancellationToken.None));
            Assert.True(bank.Succeeded, bank.Error?.Code);
            if (paymentId is { } next)
            {
                await NextPaymentIdIsAsync(db, next);
            }
            var paid = await InScopeAsync<SubmitPayment, Outcome<Payment>>(p =>
                p.SubmitAsync(payer, new PaymentRequest(customerNumber, [invoice], null, bank.Value!.Id, true, $"pay-{customerNumber}", "127.0.0.1"), CancellationToken.None));
            Assert.True(paid.Succeeded, paid.Error?.Code);
            Assert.Equal(paymentId ?? paid.Value!.Id, paid.Value!.Id);
        }
    }

    private async Task NextPaymentIdIsAsync(FacturoDbContext db, long next)
    {
        if (Provider == DatabaseProvider.Postgres)
        {
            await db.Database.ExecuteSqlAsync($"SELECT setval(pg_get_serial_sequence('payments', 'id'), {next - 1})");
            return;
        }
        await db.Database.ExecuteSqlAsync($"DELETE FROM sqlite_sequence WHERE name = 'payments'");
        await db.Database.ExecuteSqlAsync($"INSERT INTO sqlite_sequence (name, seq) VALUES ('payments', {next - 1})");
    }

    /// <summary>The batches written, each with its file as the bank gets it (it is stored encrypted).</summary>
    private async Task<IReadOnlyList<DebitBatch>> RunBatchAsync()
    {
        var batches = await InScopeAsync<DebitBatches, IReadOnlyList<DebitBatch>>(async b => (await b.RunAsync(null, CancellationToken.None)).Value!);
        foreach (var batch in batches)
        {
            batch.Content = await FileOfAsync(batch);
        }
        return batches;
    }

    private Task<Outcome<BankFileImport>> ImportReturnsAsync(string name, string content) =>
        InScopeAsync<PaymentReturns, Outcome<BankFileImport>>(r => r.ImportAsync(name, content, CancellationToken.None));
}

public sealed class NachaReturnTestsOnSqlite() : NachaReturnTests(DatabaseProvider.Sqlite);
public sealed class NachaReturnTestsOnPostgres() : NachaReturnTests(DatabaseProvider.Postgres);
