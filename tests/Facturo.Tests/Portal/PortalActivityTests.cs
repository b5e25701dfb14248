using System.Net.Http.Json;
using Facturo.Accounts;
using Facturo.Billing;
using Facturo.Data;
using Facturo.Infrastructure;
using Facturo.Ledger;
using Facturo.Orders;
using Facturo.Taxes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Facturo.Portal;

/// <summary>Several customer numbers under one login, account activity with a running balance, and a small business's statements.</summary>
public abstract class PortalActivityTests(DatabaseProvider provider) : PortalTest(provider)
{
    [Fact]
    public async Task An_admin_links_a_second_account_by_proof_confirmed_by_its_billing_contact_then_sees_activity_and_statements_of_both_and_nothing_of_others()
    {
        await AddAccountAsync("1000071");
        await AddAccountAsync("1000072", BillingProgram.SmallBusiness);
        await AddAccountAsync("1000073");
        await AddAccountAsync("1000074", BillingProgram.SmallBusiness);
        await PlaceOrderAsync("1000071", unitPrice: 100m);
        await PlaceOrderAsync("1000073", unitPrice: 10m);
        await AddOrderPaidByCardAsync("1000072", 50m, new DateOnly(2026, 10, 20));
        MoveClockTo(2026, 11, 1);
        await BillAsync(October);
        (await Api.PostAsJsonAsync("/api/v1/invoices/F000000001/credit-notes", new { amount = "40.00", reason = "Damaged parcel" })).EnsureSuccessStatusCode();
        await RegisterElsewhereAsync("1000073");
        string ownStatement, othersStatement;
        await using (var db = Database.NewContext())
        {
            var statements = await db.Statements.ToListAsync();
            ownStatement = statements.Single(s => s.CustomerNumber == "1000072").Number;
            othersStatement = statements.Single(s => s.CustomerNumber == "1000074").Number;
        }
        var link = await InviteAndReadLinkAsync("1000071", "owner@client.example", Language.En);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(BaseAddress, "en-CA");
        await RegisterAsync(page, link);

        await page.GetByRole(AriaRole.Link, new() { Name = "Business – Users" }).ClickAsync();
        var wrongTotal = await LinkAsync(page, "1000072", ownStatement, "56.49", AriaRole.Alert);
        var elsewhere = await LinkAsync(page, "1000073", "F000000002", "11.30", AriaRole.Alert);
        var asked = await LinkAsync(page, "1000072", ownStatement, "56,50", AriaRole.Status);
        await page.GotoAsync(await ReadLinkAsync("billing@1000072.example", "/link-account?token="));
        await page.GetByRole(AriaRole.Button, new() { Name = "I confirm: link the account" }).ClickAsync();
        var linked = await page.GetByRole(AriaRole.Status).InnerTextAsync();
        await page.GotoAsync("/business/users");
        var accounts = await page.GetByTestId("linked-accounts").Locator("li").AllInnerTextsAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Activity" }).ClickAsync();
        var activity = await page.GetByTestId("activity").Locator("tbody tr").AllInnerTextsAsync();
        var closing = await page.GetByTestId("closing").InnerTextAsync();
        await page.Locator("#Account").SelectOptionAsync("1000072");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        var smallBusinessActivity = await page.GetByTestId("activity").Locator("tbody tr").AllInnerTextsAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = ownStatement }).ClickAsync();
        var statementLines = await page.GetByTestId("statement-lines").Locator("tbody tr").AllInnerTextsAsync();
        var statementTotal = await page.GetByTestId("statement-total").InnerTextAsync();
        var othersStatementPage = await page.GotoAsync($"/statements/{othersStatement}");
        var othersActivity = await page.GotoAsync("/activity?Account=1000073");
        var otherSummary = await page.GotoAsync("/summary?Account=1000072");

        Assert.Contains("do not match", wrongTotal, StringComparison.Ordinal);
        Assert.Contains("already linked to another business", elsewhere, StringComparison.Ordinal);
        Assert.StartsWith("The billing contact of account 1000072 must confirm", asked, StringComparison.Ordinal);
        Assert.Equal("Thank you. Account 1000072 is now linked to the business \"Customer 1000071\".", linked);
        Assert.Equal(["1000071 — Customer 1000071", "1000072 — Customer 1000072"], accounts);
        Assert.Equal(3, activity.Count);
        Assert.Contains("Opening balance", activity[0], StringComparison.Ordinal);
        Assert.Equal(["Invoice F000000001", "$113.00", "$113.00"], Cells(activity[1]));
        Assert.Equal(["Credit note NC00000001 (invoice F000000001)", "$45.20", "$67.80"], Cells(activity[2]));
        Assert.Equal("$67.80", closing);
        Assert.Equal(["Order ORDER-3 paid when placed", "$56.50", "$56.50", "$0.00"], Cells(smallBusinessActivity[1]));
        Assert.Single(statementLines);
        Assert.Contains("Credit card", statementLines[0], StringComparison.Ordinal);
        Assert.Equal("$56.50", statementTotal);
        Assert.Equal(404, othersStatementPage!.Status);
        Assert.Equal(404, othersActivity!.Status);
        Assert.Equal(200, otherSummary!.Status);
        await using var check = Database.NewContext();
        Assert.Single(await check.OutboxEmails.Where(e => e.Kind == "account-linked").ToListAsync());
    }

    private static string[] Cells(string row) => row.Split('\t', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)[1..];

    private static async Task<string> LinkAsync(IPage page, string customerNumber, string documentNumber, string total, AriaRole outcome)
    {
        await page.Locator("#LinkCustomerNumber").FillAsync(customerNumber);
        await page.Locator("#LinkDocumentNumber").FillAsync(documentNumber);
        await page.Locator("#LinkDocumentTotal").FillAsync(total);
        await page.GetByRole(AriaRole.Button, new() { Name = "Link the account" }).ClickAsync();
        return await page.GetByRole(outcome).InnerTextAsync();
    }

    private async Task RegisterElsewhereAsync(string customerNumber)
    {
        var token = (await InviteAndReadLinkAsync(customerNumber, "someone@else.example", Language.En)).Split("token=")[1];
        var registered = await InScopeAsync<Invitations, Platform.Outcome<PortalUser>>(i =>
            i.RegisterAsync(token, new RegistrationForm("Someone Else", Password, Language.En, "first-pet", "Rex", "birth-city", "Laval"), CancellationToken.None));
        Assert.True(registered.Succeeded);
    }

    /// <summary>An order paid by card when it was placed, recorded the way such orders are: billed and settled in one posting.</summary>
    private async Task AddOrderPaidByCardAsync(string customerNumber, decimal amount, DateOnly date)
    {
        await using var db = Database.NewContext();
        var account = await db.Accounts.SingleAsync(a => a.CustomerNumber == customerNumber);
        var subtotal = Money.Round(amount, account.Currency);
        var order = new Order
        {
            AccountId = account.Id,
            Channel = OrderChannel.Website,
            PaymentMethod = PaymentMethod.Card,
            PlacedAt = Clock.GetUtcNow(),
            OrderDate = date,
            SubtotalCents = subtotal.Cents,
            Lines = [new OrderLine { LineNumber = 1, Category = ChargeCategory.Shipping, Description = "Parcel", Quantity = 1, UnitPriceCents = subtotal.Cents, AmountCents = subtotal.Cents }],
        };
        var taxes = SalesTax.Canada.Compute(new TaxCustomer(account.Address.PlaceOfSupply, []), order.TaxableLines(), date, account.Currency).Taxes;
        order.TaxCents = taxes.Sum(t => t.Amount.Cents);
        db.Orders.Add(order);
        await db.SaveChangesAsync();
        db.LedgerPostings.Add(LedgerPosting.From(BillingPostings.ForOrderPaidAtCreation(account.Id, order.Id, $"ORDER-{order.Id}", date, subtotal, taxes, PaymentMethod.Card), Clock.GetUtcNow()));
        await db.SaveChangesAsync();
    }
}

public sealed class PortalActivityTestsOnSqlite() : PortalActivityTests(DatabaseProvider.Sqlite);
public sealed class PortalActivityTestsOnPostgres() : PortalActivityTests(DatabaseProvider.Postgres);
