using Facturo.Accounts;
using Facturo.Data;
using Facturo.Emails;
using Facturo.Infrastructure;
using Facturo.Portal;
using Facturo.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using MimeKit;

namespace Facturo.Billing;

/// <summary>Every invoice reaches its customer: portal users are told, others get the PDF at their billing email, the rest go on paper.</summary>
public abstract class InvoiceDeliveryTests(DatabaseProvider provider) : PortalTest(provider)
{
    [Fact]
    public async Task An_account_without_portal_users_gets_its_invoice_pdf_at_its_billing_email()
    {
        await AddAccountAsync("1000201", province: Province.QC);
        await PlaceOrderAsync("1000201", unitPrice: 100m);
        MoveClockTo(2026, 11, 1);

        await BillAsync(October);

        var received = await DeliveredToAsync("billing@1000201.example");
        var email = Assert.Single(received);
        var pdf = Assert.Single(email.Attachments.OfType<MimePart>());
        Assert.Contains("F000000001", PdfText(ContentOf(pdf)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bill_run_over_a_portal_account_an_email_only_account_and_one_with_neither_tells_one_emails_one_pdf_and_prints_one()
    {
        await AddAccountAsync("1000211");
        await AddAccountAsync("1000212", province: Province.QC);
        await AddAccountAsync("1000213");
        await RegisterAsync("1000211", "user@1000211.example", PortalRole.Admin);
        await SetBillingEmailAsync("1000213", "");
        foreach (var number in new[] { "1000211", "1000212", "1000213" })
        {
            await PlaceOrderAsync(number, unitPrice: 100m);
        }
        MoveClockTo(2026, 11, 1);

        var outcome = await InScopeAsync<BillRunner, Platform.Outcome<BillRunResult>>(runner => runner.RunAsync(October, 500, null, CancellationToken.None));

        var report = outcome.Value!.Deliveries;
        Assert.Equal((1, 1, 1), (report.Portal, report.Email, report.Paper));
        var unreached = Assert.Single(report.NoWorkingChannel);
        Assert.Equal(("1000213", PaperReason.NoEmail), (unreached.CustomerNumber, unreached.Reason));
        await using var db = Database.NewContext();
        var emails = await db.OutboxEmails.AsNoTracking().Where(e => e.Kind.StartsWith("invoice-")).ToListAsync();
        Assert.Equal([("invoice-pdf", "billing@1000212.example"), ("invoice-ready", "user@1000211.example")], emails.Select(e => (e.Kind, e.ToAddress)).Order());
        var withPdf = Assert.Single(await DeliveredToAsync("billing@1000212.example"));
        var invoice = await db.Invoices.SingleAsync(i => i.CustomerNumber == "1000212");
        var text = PdfText(ContentOf(Assert.Single(withPdf.Attachments.OfType<MimePart>())));
        Assert.Contains(invoice.Number, text, StringComparison.Ordinal);
        Assert.Contains("114.98", text, StringComparison.Ordinal);
        var paper = await db.Invoices.Include(i => i.Lines).SingleAsync(i => i.CustomerNumber == "1000213");
        Assert.Equal(DeliveryPreference.Paper, paper.Delivery);
        Assert.DoesNotContain(paper.Lines, l => l.Category == ChargeCategory.PaperFee);
        var toPrint = await InScopeAsync<InvoicesToPrint, IReadOnlyList<InvoiceToPrint>>(p => p.ListAsync(October, CancellationToken.None));
        Assert.Equal([("1000213", PaperReason.NoEmail)], toPrint.Select(p => (p.CustomerNumber, p.Reason!.Value)));
    }

    [Fact]
    public async Task An_account_put_on_paper_for_lack_of_an_email_stays_on_the_no_channel_list_until_its_billing_email_is_fixed()
    {
        await AddAccountAsync("1000281");
        await SetBillingEmailAsync("1000281", "");
        await PlaceOrderAsync("1000281", unitPrice: 100m);
        MoveClockTo(2026, 11, 1);
        await BillAsync(October);

        var beforeFix = await InScopeAsync<UnreachedCustomers, IReadOnlyList<UnreachedCustomer>>(u => u.ListAsync(CancellationToken.None));
        await SetBillingEmailAsync("1000281", "accounts@1000281.example");
        var afterFix = await InScopeAsync<UnreachedCustomers, IReadOnlyList<UnreachedCustomer>>(u => u.ListAsync(CancellationToken.None));

        Assert.Equal([("1000281", PaperReason.NoEmail)], beforeFix.Select(c => (c.CustomerNumber, c.Reason!.Value)));
        Assert.Empty(afterFix);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_paper_fee_applies_to_an_account_put_on_paper_for_lack_of_an_email_only_when_the_biller_says_so(bool feeForLackOfEmail)
    {
        await using (var settings = Database.NewContext())
        {
            await settings.BillerSettings.ExecuteUpdateAsync(s => s.SetProperty(b => b.PaperFeeForLackOfEmail, feeForLackOfEmail));
        }
        await AddAccountAsync("1000221");
        await AddAccountAsync("1000222", delivery: DeliveryPreference.Paper);
        await SetBillingEmailAsync("1000221", "not an address");
        await PlaceOrderAsync("1000221", unitPrice: 100m);
        await PlaceOrderAsync("1000222", unitPrice: 100m);
        MoveClockTo(2026, 11, 1);

        await BillAsync(October);

        await using var db = Database.NewContext();
        var deliveries = await db.InvoiceDeliveries.AsNoTracking().OrderBy(d => d.InvoiceId).ToListAsync();
        Assert.Equal([(PaperReason.NoEmail, feeForLackOfEmail), (PaperReason.Chosen, true)], deliveries.Select(d => (d.PaperReason!.Value, d.PaperFeeCharged)));
        var forLackOfEmail = await db.Invoices.Include(i => i.Lines).SingleAsync(i => i.CustomerNumber == "1000221");
        Assert.Equal(feeForLackOfEmail, forLackOfEmail.Lines.Any(l => l.Category == ChargeCategory.PaperFee && l.AmountCents == 500));
    }

    [Fact]
    public async Task The_invoice_email_is_written_in_the_accounts_language()
    {
        await AddAccountAsync("1000231", province: Province.QC, language: Language.Fr);
        await AddAccountAsync("1000232", language: Language.En);
        await PlaceOrderAsync("1000231", unitPrice: 100m);
        await PlaceOrderAsync("1000232", unitPrice: 100m);
        MoveClockTo(2026, 11, 1);

        await BillAsync(October);

        var french = Assert.Single(await DeliveredToAsync("billing@1000231.example"));
        var english = Assert.Single(await DeliveredToAsync("billing@1000232.example"));
        Assert.Equal(("Facture F000000001 de Postes Test", "Invoice F000000002 from Postes Test"), (french.Subject, english.Subject));
        Assert.Contains("la facture F000000001 du compte 1000231 (Customer 1000231) : 114,98 $, payable au plus tard le 1 décembre 2026", Spaces(french.TextBody ?? ""), StringComparison.Ordinal);
        Assert.Contains("invoice F000000002 for account 1000232 (Customer 1000232): $113.00, due by December 1, 2026", Spaces(english.TextBody ?? ""), StringComparison.Ordinal);
        Assert.Contains("FACTURE", PdfText(ContentOf(french.Attachments.OfType<MimePart>().Single())), StringComparison.Ordinal);
        Assert.Equal("F000000002.pdf", english.Attachments.OfType<MimePart>().Single().FileName);
    }

    [Fact]
    public async Task A_bill_run_killed_after_its_first_batch_and_run_again_emails_each_invoice_once()
    {
        foreach (var number in new[] { "1000241", "1000242", "1000243" })
        {
            await AddAccountAsync(number);
            await PlaceOrderAsync(number);
        }
        MoveClockTo(2026, 11, 1);
        // Progress is reported after a batch commits: failing there is a crash between the invoices and their emails.
        var crashing = new SynchronousProgress(p => throw new InvalidOperationException($"killed after {p.InvoicesIssued} invoice(s)"));

        var killed = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            InScopeAsync<BillRunner, Platform.Outcome<BillRunResult>>(runner => runner.RunAsync(October, 1, crashing, CancellationToken.None)));
        await using (var afterCrash = Database.NewContext())
        {
            Assert.Equal((1, 0), (await afterCrash.Invoices.CountAsync(), await afterCrash.OutboxEmails.CountAsync()));
        }
        await BillAsync(October);
        await BillAsync(October);

        Assert.Equal("killed after 1 invoice(s)", killed.Message);
        await using var db = Database.NewContext();
        var emails = await db.OutboxEmails.Where(e => e.Kind == InvoicePdfEmails.Kind).Select(e => e.ToAddress).ToListAsync();
        Assert.Equal(["billing@1000241.example", "billing@1000242.example", "billing@1000243.example"], emails.Order());
        Assert.Equal(3, (await DeliveredToAsync("billing@1000241.example")).Count + (await DeliveredToAsync("billing@1000242.example")).Count + (await DeliveredToAsync("billing@1000243.example")).Count);
    }

    [Fact]
    public async Task A_billing_operator_downloads_the_paper_invoices_as_pdfs_and_sees_the_bill_run_report_in_french()
    {
        await AddAccountAsync("1000251", delivery: DeliveryPreference.Paper, language: Language.Fr, province: Province.QC);
        await AddAccountAsync("1000252");
        await SetBillingEmailAsync("1000252", "");
        await PlaceOrderAsync("1000251", unitPrice: 100m);
        await PlaceOrderAsync("1000252", unitPrice: 100m);
        MoveClockTo(2026, 11, 1);
        await BillAsync(October);
        // Customer relations: they see the bill runs and paper invoices, and open the customer pages the report links to.
        await CreateStaffAsync("agent@paper.example", StaffRole.CustomerRelations);

        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(BaseAddress, "en-CA");
        await SignInAsStaffAsync(page, "agent@paper.example");
        await page.GotoAsync("/admin/bill-runs?lang=fr");
        var noChannel = await page.GetByTestId("no-channel-2026-10").InnerTextAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "1000252" }).First.ClickAsync();
        var customerPage = new Uri(page.Url).AbsolutePath;
        await page.GotoAsync("/admin/paper-invoices?period=2026-10");
        var rows = await page.GetByTestId("paper-invoices").Locator("tbody tr").AllInnerTextsAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Télécharger les 2 PDF à imprimer (zip)" }).ClickAsync());
        var zipPath = await download.PathAsync();
        await page.GotoAsync("/admin/paper-invoices?period=2026-13");
        var refused = await page.GetByRole(AriaRole.Alert).InnerTextAsync();

        Assert.Contains("1000252", noChannel, StringComparison.Ordinal);
        Assert.Equal("/admin/customers/1000252", customerPage);
        Assert.Equal(2, rows.Count);
        Assert.Contains("Demandé par le client", rows[0], StringComparison.Ordinal);
        Assert.Contains("Aucun courriel de facturation ni utilisateur du portail", rows[1], StringComparison.Ordinal);
        using var zip = System.IO.Compression.ZipFile.OpenRead(zipPath);
        Assert.Equal(["F000000001.pdf", "F000000002.pdf"], zip.Entries.Select(e => e.FullName));
        using var first = new MemoryStream();
        await using (var entry = zip.Entries[0].Open())
        {
            await entry.CopyToAsync(first);
        }
        Assert.Contains("FACTURE", PdfText(first.ToArray()), StringComparison.Ordinal);
        Assert.Contains("2026-13", refused, StringComparison.Ordinal);
        await using var db = Database.NewContext();
        Assert.Single(await db.StaffAuditEntries.Where(e => e.Action == "paper-invoices.download").ToListAsync());
    }

    [Fact]
    public async Task An_administrator_charges_the_paper_fee_for_lack_of_an_email_in_the_settings_and_the_change_is_audited()
    {
        await CreateStaffAsync("admin@fee.example", StaffRole.Administrator);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(BaseAddress, "en-CA");
        await SignInAsStaffAsync(page, "admin@fee.example");

        await page.GotoAsync("/admin/settings");
        var before = await page.Locator("#PaperFeeForLackOfEmail").IsCheckedAsync();
        // The test biller's GST number has a wrong check digit, which the page refuses.
        await page.Locator("#GstHstNumber").FillAsync("123456782 RT0001");
        await page.GetByLabel("Also charge the paper fee to accounts put on paper for lack of an email").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        var saved = await page.GetByRole(AriaRole.Status).InnerTextAsync();

        Assert.False(before);
        Assert.Equal("Settings saved. The next invoices and bank files use them.", saved);
        Assert.True(await page.Locator("#PaperFeeForLackOfEmail").IsCheckedAsync());
        await using var db = Database.NewContext();
        Assert.True((await db.BillerSettings.SingleAsync()).PaperFeeForLackOfEmail);
        var audit = await db.StaffAuditEntries.SingleAsync(e => e.Action == "biller.settings");
        Assert.Contains("\"PaperFeeForLackOfEmail\":\"false\"", audit.Before, StringComparison.Ordinal);
        Assert.Contains("\"PaperFeeForLackOfEmail\":\"true\"", audit.After, StringComparison.Ordinal);
    }

    private async Task SetBillingEmailAsync(string customerNumber, string email)
    {
        await using var db = Database.NewContext();
        await db.Accounts.Where(a => a.CustomerNumber == customerNumber).ExecuteUpdateAsync(a => a.SetProperty(x => x.BillingEmail, email));
    }

    /// <summary>Lets the dispatcher deliver to the pickup folder and reads what arrived for the address.</summary>
    private async Task<IReadOnlyList<MimeMessage>> DeliveredToAsync(string address)
    {
        await App.Services.GetRequiredService<EmailDispatcher>().SendPendingAsync(CancellationToken.None);
        var messages = new List<MimeMessage>();
        var files = Directory.Exists(MailFolder) ? Directory.GetFiles(MailFolder, "*.eml") : [];
        foreach (var file in files.Order(StringComparer.Ordinal))
        {
            var message = await MimeMessage.LoadAsync(file);
            if (message.To.Mailboxes.Any(m => m.Address == address))
            {
                messages.Add(message);
            }
        }
        return messages;
    }

    internal static byte[] ContentOf(MimePart part)
    {
        using var bytes = new MemoryStream();
        part.Content!.DecodeTo(bytes);
        return bytes.ToArray();
    }

    private sealed class SynchronousProgress(Action<BillRunProgress> report) : IProgress<BillRunProgress>
    {
        public void Report(BillRunProgress value) => report(value);
    }
}

public sealed class InvoiceDeliveryTestsOnSqlite() : InvoiceDeliveryTests(DatabaseProvider.Sqlite);
public sealed class InvoiceDeliveryTestsOnPostgres() : InvoiceDeliveryTests(DatabaseProvider.Postgres);
