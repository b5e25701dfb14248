using System.Net;
using System.Net.Http.Json;
using Facturo.Accounts;
using Facturo.Billing;
using Facturo.Data;
using Facturo.Infrastructure;
using Facturo.Portal;
using Facturo.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Facturo.Admin;

/// <summary>Program conversions and sales leads, through the back office in a real browser and the order API.</summary>
public abstract class ProgramTests(DatabaseProvider provider) : PortalTest(provider)
{
    [Fact]
    public async Task An_account_converted_to_small_business_is_refused_on_account_orders_and_pays_by_card()
    {
        await AddAccountAsync("1000160");
        await CreateStaffAsync("agent@staff.example", StaffRole.CustomerRelations);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(BaseAddress, "en-CA");
        await SignInAsStaffAsync(page, "agent@staff.example");

        await page.GotoAsync("/admin/customers/1000160");
        await page.Locator("#AgreementEnded").FillAsync("2026-10-15");
        await page.Locator("#Reason").FillAsync("Agreement not renewed");
        await page.GetByRole(AriaRole.Button, new() { Name = "Convert to small business" }).ClickAsync();
        var converted = await page.GetByRole(AriaRole.Status).InnerTextAsync();
        var onAccount = await PlaceOrderAsync("1000160", unitPrice: 40m);
        var byCard = await CardOrderAsync("1000160", 40m, "C-1");
        var emailed = await ReadEmailAsync("billing@1000160.example", "Your account moves to the small business program");

        Assert.Equal("The account is now a small business; the customer was told what changes for them.", converted);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, onAccount.StatusCode);
        Assert.Contains("order.on-account-not-allowed", await onAccount.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, byCard.StatusCode);
        Assert.Contains("each order is paid when placed", emailed, StringComparison.Ordinal);
        Assert.Contains("stay payable", emailed, StringComparison.Ordinal);
        await using var db = Database.NewContext();
        var change = await db.ProgramChanges.SingleAsync();
        Assert.Equal((BillingProgram.Commercial, BillingProgram.SmallBusiness, new DateOnly(2026, 10, 15)), (change.From, change.To, change.AgreementDate));
        Assert.Single(await db.StaffAuditEntries.Where(e => e.Action == "account.program-smallbusiness").ToListAsync());
    }

    [Fact]
    public async Task The_criteria_job_opens_one_lead_per_qualifying_account_and_the_rep_upgrades_it_with_net_15()
    {
        await AddAccountAsync("1000161", BillingProgram.SmallBusiness);
        await AddAccountAsync("1000162", BillingProgram.SmallBusiness);
        await CardOrderAsync("1000161", 3_000m, "BIG-1");
        await CardOrderAsync("1000161", 2_500m, "BIG-2");
        await CardOrderAsync("1000162", 100m, "SMALL-1");
        await CreateStaffAsync("rep@staff.example", StaffRole.Sales);

        var first = await InScopeAsync<Programs, IReadOnlyList<SalesLead>>(p => p.OpenLeadsAsync(CancellationToken.None));
        var second = await InScopeAsync<Programs, IReadOnlyList<SalesLead>>(p => p.OpenLeadsAsync(CancellationToken.None));
        var repEmail = await ReadEmailAsync("rep@staff.example", "New sales lead: 1000161");
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(BaseAddress, "en-CA");
        await SignInAsStaffAsync(page, "rep@staff.example");
        await page.GotoAsync("/admin/leads");
        await Screenshot(page, "admin-sales-leads-en");
        // A representative who rewrites the form to name an account without a lead (or a lead that is not open) upgrades nothing.
        await page.EvaluateAsync("""
            () => {
                const form = document.querySelector('button[aria-label^="Upgrade"]').form;
                for (const [name, value] of [['id', '999999'], ['customerNumber', '1000162']]) {
                    const input = form.querySelector(`input[name=${name}]`) ?? form.appendChild(Object.assign(document.createElement('input'), { type: 'hidden', name }));
                    input.value = value;
                }
            }
            """);
        await page.Locator("input[name=decision]").FillAsync("Any account I like");
        await page.GetByRole(AriaRole.Button, new() { Name = "Upgrade 1000161 to commercial" }).ClickAsync();
        var tampered = await page.GetByRole(AriaRole.Alert).InnerTextAsync();
        await page.Locator("select[name=creditTermsDays]").SelectOptionAsync("15");
        await page.Locator("input[name=decision]").FillAsync("Signed a commercial agreement, net 15");
        await page.GetByRole(AriaRole.Button, new() { Name = "Upgrade 1000161 to commercial" }).ClickAsync();
        var upgraded = await page.GetByRole(AriaRole.Status).InnerTextAsync();
        MoveClockTo(2026, 11, 5);
        var onAccount = await PlaceOrderAsync("1000161", unitPrice: 200m);
        MoveClockTo(2026, 12, 1);
        await BillAsync(October.Next);

        Assert.Single(first);
        Assert.Empty(second);
        Assert.Contains("$5,500.00", repEmail, StringComparison.Ordinal);
        Assert.Equal("Account 1000161 is now commercial.", upgraded);
        Assert.DoesNotContain("commercial.", tampered, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, onAccount.StatusCode);
        await using var db = Database.NewContext();
        var account = await db.Accounts.SingleAsync(a => a.CustomerNumber == "1000161");
        Assert.Equal((BillingProgram.Commercial, 15), (account.Program, account.CreditTermsDays));
        Assert.Equal(BillingProgram.SmallBusiness, (await db.Accounts.SingleAsync(a => a.CustomerNumber == "1000162")).Program);
        var invoice = await db.Invoices.SingleAsync(i => i.AccountId == account.Id);
        Assert.Equal((new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 16)), (invoice.IssueDate, invoice.DueDate));
        var lead = await db.SalesLeads.SingleAsync();
        Assert.Equal(SalesLeadStatus.Upgraded, lead.Status);
        Assert.Contains("net 15", lead.Notes, StringComparison.Ordinal);
    }

    private Task<HttpResponseMessage> CardOrderAsync(string customerNumber, decimal unitPrice, string reference) =>
        Api.PostAsJsonAsync("/api/v1/orders", new
        {
            customerNumber,
            channel = "Website",
            paymentMethod = "Card",
            externalReference = reference,
            lines = new[] { new { category = "Shipping", description = "Expedited Parcel", quantity = 1, unitPrice = unitPrice.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) } },
            card = new { number = "4242424242424242", expiryMonth = 12, expiryYear = 2028, cvc = "123" },
        });
}

public sealed class ProgramTestsOnSqlite() : ProgramTests(DatabaseProvider.Sqlite);
public sealed class ProgramTestsOnPostgres() : ProgramTests(DatabaseProvider.Postgres);
