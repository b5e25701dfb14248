using Facturo.Accounts;
using Facturo.Data;
using Facturo.Infrastructure;
using Facturo.Payments;
using Facturo.Portal;
using Facturo.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Facturo.Admin;

/// <summary>The billing operator's desk in a real browser: bank files, a return file imported, the failed-payment queue, unapplied cash, the audit log.</summary>
public abstract class OperationsTests(DatabaseProvider provider) : PortalTest(provider)
{
    [Fact]
    public async Task An_operator_sends_the_debits_imports_a_return_retries_it_from_the_queue_and_applies_unapplied_cash()
    {
        await AddAccountAsync("1000150");
        await PlaceOrderAsync("1000150", unitPrice: 100m);
        MoveClockTo(2026, 11, 1);
        await BillAsync(October);
        var payer = await RegisterAsync("1000150", "payer@ops.example", PortalRole.Admin);
        var bankId = await AddCanadianBankAccountAsync(payer);
        var paid = await InScopeAsync<SubmitPayment, Platform.Outcome<Payment>>(p =>
            p.SubmitAsync(payer, new PaymentRequest("1000150", ["F000000001"], null, bankId, true, "ops-1", "127.0.0.1"), CancellationToken.None));
        Assert.True(paid.Succeeded, paid.Error?.Code);
        var wire = await InScopeAsync<Receipts, Platform.Outcome<Receipt>>(r => r.RecordAsync(
            new ReceiptEntry(ReceiptMethod.Wire, 5_000, "CAD", new DateOnly(2026, 11, 2), "no reference", "WIRE-OPS-1"), "test", CancellationToken.None));
        Assert.True(wire.Succeeded, wire.Error?.Code);
        await CreateStaffAsync("admin@staff.example", StaffRole.Administrator);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(BaseAddress, "en-CA");
        await SignInAsStaffAsync(page, "admin@staff.example");

        await page.GotoAsync("/admin/bank-files");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the submitted debits now" }).ClickAsync();
        var sent = await page.GetByRole(AriaRole.Status).InnerTextAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("batches").Locator("a").First.ClickAsync());
        var downloadedPath = Path.Combine(MailFolder, "download.txt");
        await download.SaveAsAsync(downloadedPath);
        var downloaded = await File.ReadAllTextAsync(downloadedPath);
        var returnsPath = Path.Combine(MailFolder, "returns-20261105.txt");
        await File.WriteAllTextAsync(returnsPath, ReturnFiles.Cpa005Returns(downloaded, "905", returnedSegments: 1));
        await page.Locator("#file").SetInputFilesAsync(returnsPath);
        await page.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();
        var imported = await page.GetByRole(AriaRole.Status).InnerTextAsync();
        await page.GotoAsync("/admin/failed-payments");
        var queue = await page.GetByTestId("failed-payments").Locator("tbody tr").AllInnerTextsAsync();
        await Screenshot(page, "admin-failed-payments-en");
        await page.GetByRole(AriaRole.Button, new() { Name = "Debit P000000001 again" }).ClickAsync();
        var retried = await page.GetByRole(AriaRole.Status).InnerTextAsync();
        await page.GotoAsync("/admin/unapplied");
        await page.Locator("#invoice-1").FillAsync("F000000001");
        await page.Locator("#amount-1").FillAsync("150.00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        var alreadyPaid = await page.GetByRole(AriaRole.Alert).InnerTextAsync();
        await page.GetByText("Record a cheque, wire or EFT received").ClickAsync();
        await page.Locator("#AmountReceived").FillAsync("20.00");
        await page.Locator("#ReceivedOn").FillAsync("2026-11-03");
        await page.Locator("#BankReference").FillAsync("CHQ-000777");
        await page.Locator("#CustomerNumber").FillAsync("1000150");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the payment" }).ClickAsync();
        var cheque = await page.GetByRole(AriaRole.Status).InnerTextAsync();
        await page.GotoAsync("/admin/audit?Q=bank-file");
        var audit = await page.GetByTestId("audit").Locator("tbody tr").AllInnerTextsAsync();

        Assert.StartsWith("1 file(s) written for the bank: cpa005-", sent, StringComparison.Ordinal);
        Assert.StartsWith("A0000000010123456789", downloaded, StringComparison.Ordinal);
        Assert.Equal("1 returned debit(s) imported.", imported);
        var row = Assert.Single(queue);
        Assert.Contains("905 — account closed", row, StringComparison.Ordinal);
        Assert.Contains("payer@ops.example", row, StringComparison.Ordinal);
        Assert.Equal("New debit P000000002 submitted.", retried);
        Assert.Equal("Invoice F000000001 has nothing left to pay.", alreadyPaid);
        Assert.Equal("Payment E000000002 recorded.", cheque);
        Assert.Equal(3, audit.Count);
        await using var db = Database.NewContext();
        Assert.Equal([(PaymentStatus.Returned, "905"), (PaymentStatus.Submitted, null)], (await db.Payments.OrderBy(p => p.Id).ToListAsync()).Select(p => (p.Status, p.ReturnCode)));
        Assert.Equal("Retried as P000000002", (await db.FailedPayments.SingleAsync()).Resolution);
        Assert.Contains("As your bank returned an earlier payment, we will debit $113.00 again", await ReadEmailAsync("payer@ops.example", "New debit P000000002"), StringComparison.Ordinal);
        Assert.Contains(await db.StaffAuditEntries.Select(e => e.Action).ToListAsync(), a => a == "failed-payment.close");
        var recorded = await db.Receipts.SingleAsync(r => r.BankReference == "CHQ-000777");
        Assert.Equal((ReceiptMethod.Cheque, 2_000L, "staff admin@staff.example"), (recorded.Method, recorded.AmountCents, recorded.RecordedBy));
        await LedgerAssertions.AssertBalancedAsync(Database);
    }

    [Fact]
    public async Task An_operator_starts_a_bill_run_watches_it_end_and_starting_it_again_issues_nothing_twice()
    {
        foreach (var number in new[] { "1000152", "1000153" })
        {
            await AddAccountAsync(number);
            await PlaceOrderAsync(number, unitPrice: 100m);
        }
        MoveClockTo(2026, 11, 2);
        await CreateStaffAsync("runner@staff.example", StaffRole.BillingOperator);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(BaseAddress, "en-CA");
        await SignInAsStaffAsync(page, "runner@staff.example");

        await page.GotoAsync("/admin/bill-runs");
        var notEnded = await StartAndWaitAsync(page, "2026-11");
        var first = await StartAndWaitAsync(page, "2026-10");
        var again = await StartAndWaitAsync(page, "2026-10");

        Assert.Contains("Period 2026-11 has not ended", notEnded, StringComparison.Ordinal);
        Assert.Contains("Completed", first, StringComparison.Ordinal);
        // Invoices, statements, portal / email / paper, no working channel, starts.
        Assert.Matches(@"\t2\t0\t[^\t]*\t[^\t]*\t1\t", first);
        Assert.Matches(@"\t2\t0\t[^\t]*\t[^\t]*\t2\t", again);
        await using var db = Database.NewContext();
        Assert.Equal(2, await db.Invoices.CountAsync());
        Assert.Equal(3, await db.StaffAuditEntries.CountAsync(e => e.Action == "bill-run.start"));
    }

    /// <summary>Starts the period's run and reloads the page (a bounded number of times) until it shows how the run ended.</summary>
    private static async Task<string> StartAndWaitAsync(IPage page, string period)
    {
        await page.Locator("#Period").FillAsync(period);
        await page.GetByRole(AriaRole.Button, new() { Name = "Start the bill run" }).ClickAsync();
        for (var attempt = 0; attempt < 60; attempt++)
        {
            await page.GotoAsync("/admin/bill-runs");
            var errors = await page.GetByTestId("run-error").AllInnerTextsAsync();
            if (errors.FirstOrDefault(e => e.StartsWith(period, StringComparison.Ordinal)) is { } error)
            {
                return error;
            }
            var rows = await page.GetByTestId("bill-runs").Locator("tbody tr").AllInnerTextsAsync();
            if (rows.FirstOrDefault(r => r.StartsWith(period, StringComparison.Ordinal) && r.Contains("Completed", StringComparison.Ordinal)) is { } done
                && !string.IsNullOrWhiteSpace(done.Split('\t')[^1]))
            {
                return done;
            }
            await Task.Delay(500);
        }
        throw new TimeoutException($"The bill run for {period} did not end within 30 s.");
    }

    [Fact]
    public async Task A_customer_session_reaches_no_back_office_page()
    {
        await AddAccountAsync("1000151");
        await PlaceOrderAsync("1000151", unitPrice: 100m);
        MoveClockTo(2026, 11, 1);
        await BillAsync(October);
        var link = await InviteAndReadLinkAsync("1000151", "nosy@client.example", Language.En);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(BaseAddress, "en-CA");
        await RegisterAsync(page, link);

        var landed = new List<string>();
        foreach (var path in new[] { "/admin", "/admin/customers/1000151", "/admin/failed-payments", "/admin/unapplied", "/admin/bank-files", "/admin/audit", "/admin/bank-files?handler=Download&id=1" })
        {
            await page.GotoAsync(path);
            landed.Add(new Uri(page.Url).AbsolutePath);
        }

        Assert.All(landed, path => Assert.Equal("/admin/signin", path));
    }
}

public sealed class OperationsTestsOnSqlite() : OperationsTests(DatabaseProvider.Sqlite);
public sealed class OperationsTestsOnPostgres() : OperationsTests(DatabaseProvider.Postgres);
