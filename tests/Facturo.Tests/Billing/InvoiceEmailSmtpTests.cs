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

/// <summary>Invoices by email through a real SMTP server (Debian's aiosmtpd), which accepts the PDF or refuses the address for good.</summary>
public abstract class InvoiceEmailSmtpTests(DatabaseProvider provider) : PortalTest(provider), IAsyncLifetime
{
    private readonly SmtpTestServer _smtp = new();

    protected override IEnumerable<string> MoreHostArgs => ["--Email:SmtpHost=127.0.0.1", $"--Email:SmtpPort={_smtp.Port}", "--Email:PickupDirectory="];

    private EmailDispatcher Dispatcher => App.Services.GetRequiredService<EmailDispatcher>();

    [Fact]
    public async Task The_invoice_pdf_crosses_a_real_smtp_server_intact_and_a_retry_after_an_outage_sends_the_same_bytes()
    {
        await AddAccountAsync("1000261", province: Province.QC, language: Language.Fr);
        await PlaceOrderAsync("1000261", unitPrice: 100m);
        MoveClockTo(2026, 11, 1);
        await BillAsync(October);

        // The server is down at first: the email waits with its PDF and goes once the server is back.
        await Dispatcher.SendPendingAsync(CancellationToken.None);
        await _smtp.StartAsync();
        Clock.Advance(TimeSpan.FromMinutes(5));
        await Dispatcher.SendPendingAsync(CancellationToken.None);

        var message = Assert.Single(await _smtp.ReceivedAsync());
        Assert.Equal(("billing@1000261.example", "Facture F000000001 de Postes Test"), (message.To.Mailboxes.Single().Address, message.Subject));
        var attachment = Assert.Single(message.Attachments.OfType<MimePart>());
        Assert.Equal(("application/pdf", "F000000001.pdf"), (attachment.ContentType.MimeType, attachment.FileName));
        var pdf = InvoiceDeliveryTests.ContentOf(attachment);
        var text = PdfText(pdf);
        Assert.Contains("F000000001", text, StringComparison.Ordinal);
        Assert.Contains("114,98", text, StringComparison.Ordinal);
        await using var db = Database.NewContext();
        var stored = await db.OutboxEmails.SingleAsync(e => e.Kind == InvoicePdfEmails.Kind);
        Assert.Equal((EmailState.Sent, 2), (stored.State, stored.Attempts));
        Assert.Equal(stored.Attachment, pdf);
    }

    [Fact]
    public async Task A_billing_email_that_bounces_shows_in_the_no_channel_list_and_puts_the_next_invoice_on_paper()
    {
        await AddAccountAsync("1000271");
        await PlaceOrderAsync("1000271", unitPrice: 100m);
        MoveClockTo(2026, 11, 1);
        await BillAsync(October);
        await _smtp.StartAsync();
        _smtp.Refuse("billing@1000271.example", "550 No such mailbox");
        await Dispatcher.SendPendingAsync(CancellationToken.None);
        await CreateStaffAsync("agent@bounce.example", StaffRole.CustomerRelations);

        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(BaseAddress, "en-CA");
        await SignInAsStaffAsync(page, "agent@bounce.example");
        await page.GetByRole(AriaRole.Link, new() { Name = "Customers invoices do not reach" }).ClickAsync();
        var row = await page.GetByTestId("unreachable-customers").Locator("tbody tr").InnerTextAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "1000271" }).ClickAsync();
        var customerPage = new Uri(page.Url).AbsolutePath;
        await PlaceOrderAsync("1000271", unitPrice: 50m);
        MoveClockTo(2026, 12, 1);
        var november = await InScopeAsync<BillRunner, Platform.Outcome<BillRunResult>>(runner => runner.RunAsync(October.Next, 500, null, CancellationToken.None));

        Assert.Contains("billing@1000271.example", row, StringComparison.Ordinal);
        Assert.Contains("Billing email bounced, no portal user", row, StringComparison.Ordinal);
        Assert.Contains("F000000001", row, StringComparison.Ordinal);
        Assert.Equal("/admin/customers/1000271", customerPage);
        var unreached = Assert.Single(november.Value!.Deliveries.NoWorkingChannel);
        Assert.Equal(("1000271", PaperReason.EmailBounced, "billing@1000271.example"), (unreached.CustomerNumber, unreached.Reason, unreached.EmailAddress));
        Assert.Equal(1, november.Value.Deliveries.Paper);
        Assert.Empty(await _smtp.ReceivedAsync());
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _smtp.DisposeAsync();
    }
}

public sealed class InvoiceEmailSmtpTestsOnSqlite() : InvoiceEmailSmtpTests(DatabaseProvider.Sqlite);
public sealed class InvoiceEmailSmtpTestsOnPostgres() : InvoiceEmailSmtpTests(DatabaseProvider.Postgres);
