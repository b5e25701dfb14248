using Facturo.Accounts;
using Facturo.Billing;
using Facturo.Data;
using Facturo.Infrastructure;
using Facturo.Payments;
using Facturo.Platform;
using Facturo.Portal;
using Facturo.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Facturo.Admin;

/// <summary>
/// The biller's settings with no SQL: an administrator changes them at /admin/settings (audited, checked, both languages),
/// bill runs and debit files use them, and what needs the biller refuses clearly until it is set up.
/// </summary>
public abstract class BillerSettingsTests(DatabaseProvider provider) : PortalTest(provider)
{
    private const string NewGstNumber = "123456782 RT0001";

    [Fact]
    public async Task An_administrator_changes_the_gst_number_and_the_next_invoice_carries_it_with_the_change_in_the_audit_log()
    {
        await AddAccountAsync("1000500");
        await PlaceOrderAsync("1000500", unitPrice: 100m);
        await using var browser = await Browser.LaunchAsync();
        var page = await AdministratorPageAsync(browser, "en-CA");

        await page.GotoAsync("/admin/settings");
        await page.Locator("#GstHstNumber").FillAsync("12345 6782 rt 0001");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        var saved = await page.GetByRole(AriaRole.Status).InnerTextAsync();
        MoveClockTo(2026, 11, 1);
        await BillAsync(October);

        Assert.Equal("Settings saved. The next invoices and bank files use them.", saved);
        Assert.Equal(NewGstNumber, await page.Locator("#GstHstNumber").InputValueAsync());
        await using var db = Database.NewContext();
        Assert.Equal(NewGstNumber, (await db.Invoices.SingleAsync()).BillerGstHstNumber);
        var audit = await db.StaffAuditEntries.SingleAsync(e => e.Action == "biller.settings");
        Assert.Equal(("biller settings", "{\"GstHstNumber\":\"123456789 RT0001\"}", "{\"GstHstNumber\":\"123456782 RT0001\"}"), (audit.Subject, audit.Before, audit.After));
    }

    [Theory]
    [InlineData("en-CA", "Nothing was saved:", "\"123456789 RT0001\" is not a GST/HST number the CRA issues: the check digit of its business number is wrong.",
        "\"1234567890 TQ1\" is not a QST number", "\"K1A 0B\" is not a Canadian postal code")]
    [InlineData("fr-CA", "Rien n'a été enregistré :", "« 123456789 RT0001 » n'est pas un numéro de TPS/TVH que l'ARC attribue : le chiffre de contrôle du numéro d'entreprise est faux.",
        "« 1234567890 TQ1 » n'est pas un numéro de TVQ", "« K1A 0B » n'est pas un code postal canadien")]
    public async Task A_wrong_gst_number_qst_number_or_postal_code_changes_nothing_and_each_is_explained_in_the_persons_language(
        string locale, string nothingSaved, string gst, string qst, string postalCode)
    {
        await using var browser = await Browser.LaunchAsync();
        var page = await AdministratorPageAsync(browser, locale);

        await page.GotoAsync("/admin/settings");
        await page.Locator("#LegalNameEn").FillAsync("Renamed Post Inc.");
        await page.Locator("#QstNumber").FillAsync("1234567890 TQ1");
        await page.Locator("#PostalCode").FillAsync("K1A 0B");
        await page.Locator("main form button[type=submit]").ClickAsync();
        var alert = await page.GetByRole(AriaRole.Alert).InnerTextAsync();

        Assert.StartsWith(nothingSaved, alert, StringComparison.Ordinal);
        Assert.Contains(gst, alert, StringComparison.Ordinal);
        Assert.Contains(qst, alert, StringComparison.Ordinal);
        Assert.Contains(postalCode, alert, StringComparison.Ordinal);
        Assert.Equal("K1A 0B", await page.Locator("#PostalCode").InputValueAsync());
        await using var db = Database.NewContext();
        var biller = await db.BillerSettings.SingleAsync();
        Assert.Equal(("Postes Test", "1234567890 TQ0001", "K1A 0B1"), (biller.LegalNameEn, biller.QstNumber, biller.PostalCode));
        Assert.False(await db.StaffAuditEntries.AnyAsync(e => e.Action == "biller.settings"));
    }

    [Fact]
    public async Task Only_administrators_open_the_settings()
    {
        await CreateStaffAsync("ops@settings.example", StaffRole.BillingOperator);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(BaseAddress, "en-CA");
        await SignInAsStaffAsync(page, "ops@settings.example");

        await page.GotoAsync("/admin/settings");

        Assert.Equal("/admin/denied", new Uri(page.Url).AbsolutePath);
        Assert.Equal(0, await page.Locator("a[href='/admin/settings']").CountAsync());
    }

    [Fact]
    public async Task The_next_cpa005_file_creation_number_set_on_the_page_is_the_one_the_next_file_carries()
    {
        var invoices = await BilledAccountsAsync("1000510", "1000511");
        await using var browser = await Browser.LaunchAsync();
        var page = await AdministratorPageAsync(browser, "fr-CA");
        await page.GotoAsync("/admin/settings");
        await page.Locator("#GstHstNumber").FillAsync(NewGstNumber);
        await page.Locator("#Cpa005NextFileCreationNumber").FillAsync("42");
        await page.Locator("main form button[type=submit]").ClickAsync();
        await page.GetByRole(AriaRole.Status).WaitForAsync();

        await SubmitDebitAsync("1000510", invoices[0].Invoice);
        var first = Assert.Single(await RunBatchAsync());
        await SubmitDebitAsync("1000511", invoices[1].Invoice);
        var second = Assert.Single(await RunBatchAsync());

        Assert.Equal((42, 43), (first.FileCreationNumber, second.FileCreationNumber));
        Assert.Equal(("0042", "0043"), ((await FileOfAsync(first))[20..24], (await FileOfAsync(second))[20..24]));
        Assert.EndsWith("-0042.txt", first.FileName, StringComparison.Ordinal);
        await using var db = Database.NewContext();
        Assert.Equal(44, (await db.BillerSettings.SingleAsync()).Cpa005NextFileCreationNumber);
    }

    [Fact]
    public async Task Debits_waiting_for_a_bank_the_biller_has_no_identity_at_are_refused_whole_and_stay_submitted()
    {
        await SubmittedDebitAsync("1000520");
        await using (var db = Database.NewContext())
        {
            await db.BillerSettings.ExecuteUpdateAsync(s => s.SetProperty(b => b.Cpa005OriginatorId, (string?)null));
        }

        var refused = await InScopeAsync<DebitBatches, Outcome<IReadOnlyList<DebitBatch>>>(b => b.RunAsync(null, CancellationToken.None));

        Assert.Equal("bankfiles.cpa005-identity-missing", refused.Error?.Code);
        Assert.Contains("/admin/settings", refused.Error!.Message(Language.Fr), StringComparison.Ordinal);
        await using var after = Database.NewContext();
        Assert.False(await after.DebitBatches.AnyAsync());
        Assert.Equal(PaymentStatus.Submitted, (await after.Payments.SingleAsync()).Status);
    }

    [Fact]
    public async Task Before_setup_a_bill_run_is_refused_in_both_languages_with_where_to_set_the_biller()
    {
        await AddAccountAsync("1000530");
        await PlaceOrderAsync("1000530", unitPrice: 100m);
        await using (var db = Database.NewContext())
        {
            await db.BillerSettings.ExecuteDeleteAsync();
        }
        MoveClockTo(2026, 11, 1);

        var refused = await InScopeAsync<BillRunner, Outcome<BillRunResult>>(r => r.RunAsync(October, 500, null, CancellationToken.None));

        Assert.Equal("biller.not-set-up", refused.Error?.Code);
        Assert.StartsWith("The biller is not set up yet: on a first install run `facturo setup`; otherwise an administrator fills in Settings (/admin/settings)", refused.Error!.Message(Language.En), StringComparison.Ordinal);
        Assert.StartsWith("Le fournisseur n'est pas encore configuré", refused.Error.Message(Language.Fr), StringComparison.Ordinal);
        await using var after = Database.NewContext();
        Assert.False(await after.Invoices.AnyAsync());
        Assert.False(await after.BillRuns.AnyAsync());
    }

    [Fact]
    public async Task Billing_periods_end_in_the_billers_own_time_zone()
    {
        await AddAccountAsync("1000540");
        await PlaceOrderAsync("1000540", unitPrice: 100m);
        await using (var db = Database.NewContext())
        {
            await db.BillerSettings.ExecuteUpdateAsync(s => s.SetProperty(b => b.TimeZone, "America/Vancouver"));
        }
        // 01:30 on November 1 in Toronto, still 22:30 on October 31 in Vancouver.
        Clock.SetUtcNow(new DateTimeOffset(2026, 11, 1, 5, 30, 0, TimeSpan.Zero));

        var inVancouver = await InScopeAsync<BillRunner, Outcome<BillRunResult>>(r => r.RunAsync(October, 500, null, CancellationToken.None));
        await using (var db = Database.NewContext())
        {
            await db.BillerSettings.ExecuteUpdateAsync(s => s.SetProperty(b => b.TimeZone, "America/Toronto"));
        }
        var inToronto = await InScopeAsync<BillRunner, Outcome<BillRunResult>>(r => r.RunAsync(October, 500, null, CancellationToken.None));

        Assert.Equal("billrun.period-not-ended", inVancouver.Error?.Code);
        Assert.True(inToronto.Succeeded, inToronto.Error?.Code);
        Assert.Equal(new DateOnly(2026, 11, 1), inToronto.Value!.IssueDate);
    }

    private async Task<IPage> AdministratorPageAsync(Browser browser, string locale)
    {
        await CreateStaffAsync("admin@settings.example", StaffRole.Administrator);
        var page = await browser.NewPageAsync(BaseAddress, "en-CA");
        await SignInAsStaffAsync(page, "admin@settings.example");
        if (locale == "fr-CA")
        {
            // Staff sign in in English (the helper reads English buttons), then switch as a person would; the choice is remembered.
            await page.GotoAsync("/admin?lang=fr");
        }
        return page;
    }

    /// <summary>An account billed for October whose administrator submitted a debit of its invoice from a Canadian bank account.</summary>
    private async Task SubmittedDebitAsync(string customerNumber)
    {
        var invoice = (await BilledAccountsAsync(customerNumber))[0].Invoice;
        await SubmitDebitAsync(customerNumber, invoice);
    }

    private async Task SubmitDebitAsync(string customerNumber, string invoice)
    {
        var payer = await RegisterAsync(customerNumber, $"payer@{customerNumber}.example", PortalRole.Admin);
        var bankId = await AddCanadianBankAccountAsync(payer);
        var paid = await InScopeAsync<SubmitPayment, Outcome<Payment>>(p => p.SubmitAsync(payer,
            new PaymentRequest(customerNumber, [invoice], null, bankId, true, $"debit-{invoice}", "127.0.0.1"), CancellationToken.None));
        Assert.True(paid.Succeeded, paid.Error?.Code);
    }

    private Task<IReadOnlyList<DebitBatch>> RunBatchAsync() =>
        InScopeAsync<DebitBatches, IReadOnlyList<DebitBatch>>(async b => (await b.RunAsync(null, CancellationToken.None)).Value!);
}

public sealed class BillerSettingsTestsOnSqlite() : BillerSettingsTests(DatabaseProvider.Sqlite);
public sealed class BillerSettingsTestsOnPostgres() : BillerSettingsTests(DatabaseProvider.Postgres);
