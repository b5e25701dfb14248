using Facturo.Accounts;
using Facturo.Data;
using Facturo.Infrastructure;
using Facturo.Platform;
using Facturo.Portal;
using Facturo.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Facturo.Admin;

/// <summary>Customer relations open and correct customer accounts in the back office, with no SQL: checked field by field, audited, race-free.</summary>
public abstract class CustomerAccountTests(DatabaseProvider provider) : PortalTest(provider)
{
    [Fact]
    public async Task An_agent_opens_an_account_in_french_and_sees_it_on_the_customer_page()
    {
        await using var browser = await Browser.LaunchAsync();
        var page = await AgentPageAsync(browser, "fr-CA");

        await page.GotoAsync("/admin/customers/new");
        await page.Locator("#CustomerNumber").FillAsync("1000 601");
        await page.Locator("#LegalName").FillAsync("  Fromagerie  Saint-Laurent ltée ");
        await page.Locator("#AddressLine1").FillAsync("45 rue du Port");
        await page.Locator("#City").FillAsync("Rimouski");
        await page.Locator("#Region").FillAsync("qc");
        await page.Locator("#PostalCode").FillAsync("g5l1a1");
        await page.Locator("#Language").SelectOptionAsync("fr");
        await page.Locator("#BillingEmail").FillAsync("comptes@fromagerie.example");
        await page.Locator("#Delivery").SelectOptionAsync("Paper");
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer le compte" }).ClickAsync();
        await page.WaitForURLAsync("**/admin/customers/1000601?opened=1");

        Assert.Equal("Compte créé.", await page.GetByRole(AriaRole.Status).First.InnerTextAsync());
        Assert.Equal("1000601 — Fromagerie Saint-Laurent ltée", await page.Locator("h1").InnerTextAsync());
        Assert.Equal(("Paper", "CAD", "fr", "comptes@fromagerie.example"), (await page.GetByTestId("delivery").InnerTextAsync(), await page.GetByTestId("currency").InnerTextAsync(),
            await page.GetByTestId("language").InnerTextAsync(), await page.GetByTestId("billing-email").InnerTextAsync()));
        await using var db = Database.NewContext();
        var account = await db.Accounts.SingleAsync(a => a.CustomerNumber == "1000601");
        Assert.Equal(("G5L 1A1", "QC", BillingProgram.Commercial, 30, AccountStatus.Active), (account.PostalCode, account.Region, account.Program, account.CreditTermsDays, account.Status));
        var audit = await db.StaffAuditEntries.SingleAsync(e => e.Action == "account.open");
        Assert.Equal(("account 1000601", "agent@accounts.example"), (audit.Subject, audit.StaffEmail));
        Assert.Contains("\"legal_name\":\"Fromagerie Saint-Laurent ltée\"", audit.After, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en-CA", "Create the account", "Nothing was saved:", "Customer number 5000001 does not begin with one of the biller's prefixes (1, 9)",
        "Postal code: The postal code does not fit country CA", "Billing email: \"billing@\" is not a valid email address", "Credit terms (days, 0: due on receipt): \"200\": credit terms")]
    [InlineData("fr-CA", "Créer le compte", "Rien n'a été enregistré :", "Le numéro de client 5000001 ne commence par aucun des préfixes du fournisseur (1, 9)",
        "Code postal : Le code postal ne convient pas au pays CA", "Courriel de facturation : « billing@ » n'est pas une adresse courriel valide", "Modalités de crédit (jours, 0 : payable sur réception) : « 200 » : les modalités")]
    public async Task Wrong_fields_are_each_explained_in_the_persons_language_and_nothing_is_saved(
        string locale, string create, string nothingSaved, string number, string postalCode, string email, string terms)
    {
        await using var browser = await Browser.LaunchAsync();
        var page = await AgentPageAsync(browser, locale);

        await page.GotoAsync("/admin/customers/new");
        await page.Locator("#CustomerNumber").FillAsync("5000001");
        await page.Locator("#LegalName").FillAsync("Wrong Numbers Inc.");
        await page.Locator("#AddressLine1").FillAsync("1 Main Street");
        await page.Locator("#City").FillAsync("Ottawa");
        await page.Locator("#Region").FillAsync("ON");
        await page.Locator("#PostalCode").FillAsync("K1A 0B");
        await page.Locator("#CreditTerms").FillAsync("200");
        await page.Locator("#Language").SelectOptionAsync("en");
        await page.Locator("#BillingEmail").FillAsync("billing@");
        await page.GetByRole(AriaRole.Button, new() { Name = create }).ClickAsync();
        var alert = await page.GetByRole(AriaRole.Alert).InnerTextAsync();

        Assert.StartsWith(nothingSaved, alert, StringComparison.Ordinal);
        Assert.All(new[] { number, postalCode, email, terms }, expected => Assert.Contains(expected, alert, StringComparison.Ordinal));
        Assert.Equal("true", await page.Locator("#PostalCode").GetAttributeAsync("aria-invalid"));
        Assert.Equal("K1A 0B", await page.Locator("#PostalCode").InputValueAsync());
        await using var db = Database.NewContext();
        Assert.Empty(await db.Accounts.ToListAsync());
        Assert.False(await db.StaffAuditEntries.AnyAsync(e => e.Action.StartsWith("account.")));
    }

    [Fact]
    public async Task An_agent_edits_an_account_and_the_audit_log_keeps_what_changed()
    {
        await AddAccountAsync("1000602");
        await using var browser = await Browser.LaunchAsync();
        var page = await AgentPageAsync(browser, "en-CA");

        await page.GotoAsync("/admin/customers/1000602/edit");
        await page.Locator("#BillingEmail").FillAsync("Accounts@Customer.example");
        await page.Locator("#Language").SelectOptionAsync("fr");
        await page.Locator("#CreditTerms").FillAsync("net 15");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await page.WaitForURLAsync("**/admin/customers/1000602?edited=1");

        Assert.Equal("Accounts@Customer.example", await page.GetByTestId("billing-email").InnerTextAsync());
        await using var db = Database.NewContext();
        var account = await db.Accounts.SingleAsync(a => a.CustomerNumber == "1000602");
        Assert.Equal((Language.Fr, 15), (account.Language, account.CreditTermsDays));
        var audit = await db.StaffAuditEntries.SingleAsync(e => e.Action == "account.edit");
        Assert.Equal(("{\"billing_email\":\"billing@1000602.example\",\"credit_terms_days\":\"30\",\"language\":\"en\"}",
            "{\"billing_email\":\"Accounts@Customer.example\",\"credit_terms_days\":\"15\",\"language\":\"fr\"}"), (audit.Before, audit.After));
    }

    [Fact]
    public async Task The_currency_of_an_account_that_has_invoices_does_not_change()
    {
        await AddAccountAsync("1000603");
        await AddAccountAsync("1000604");
        await PlaceOrderAsync("1000603", unitPrice: 100m);
        MoveClockTo(2026, 11, 1);
        await BillAsync(October);
        var staff = await CreateStaffAsync("agent@accounts.example", StaffRole.CustomerRelations);

        var invoiced = await EditAsync(staff, "1000603", currency: "USD");
        var fresh = await EditAsync(staff, "1000604", currency: "USD");

        Assert.Equal("Account 1000603 already has invoices or charges in CAD: its currency can no longer change. Open another account to bill in another currency.",
            invoiced.Error?.Message(Language.En));
        Assert.True(fresh.Succeeded, fresh.Error?.Code);
        await using var db = Database.NewContext();
        Assert.Equal(["CAD", "USD"], await db.Accounts.OrderBy(a => a.CustomerNumber).Select(a => a.CurrencyCode).ToListAsync());
        Assert.Single(await db.StaffAuditEntries.Where(e => e.Action == "account.edit").ToListAsync());
    }

    [Fact]
    public async Task A_customer_number_already_taken_is_refused_even_when_two_agents_type_it_at_once()
    {
        var staff = await CreateStaffAsync("agent@accounts.example", StaffRole.CustomerRelations);
        var details = Details("1000605");

        var both = await Task.WhenAll(
            AsStaffAsync(staff, s => s.GetRequiredService<OpenAccount>().OpenAsync(details, CancellationToken.None)),
            AsStaffAsync(staff, s => s.GetRequiredService<OpenAccount>().OpenAsync(details with { LegalName = "Second Ltd." }, CancellationToken.None)));
        var later = await AsStaffAsync(staff, s => s.GetRequiredService<OpenAccount>().OpenAsync(details, CancellationToken.None));

        Assert.Single(both, o => o.Succeeded);
        Assert.Equal("A customer account already has number 1000605. Nothing was created.", both.Single(o => !o.Succeeded).Error!.Message(Language.En));
        Assert.Equal("account.exists", later.Error?.Code);
        await using var db = Database.NewContext();
        Assert.Single(await db.Accounts.ToListAsync());
        Assert.Single(await db.StaffAuditEntries.Where(e => e.Action == "account.open").ToListAsync());
    }

    [Fact]
    public async Task A_billing_operator_cannot_open_an_account()
    {
        await CreateStaffAsync("ops@accounts.example", StaffRole.BillingOperator);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(BaseAddress, "en-CA");
        await SignInAsStaffAsync(page, "ops@accounts.example");

        await page.GotoAsync("/admin/customers/new");

        Assert.Equal("/admin/denied", new Uri(page.Url).AbsolutePath);
    }

    private static AccountDetails Details(string number)
    {
        var problems = new AccountForm(number, "First Ltd.", "1 Main Street", null, "Ottawa", "CA", "ON", "K1A 0B1", null, null, null, "en", "a@first.example", null)
            .Check(EBillingPrefixes.Of("1", "9"), new AccountDefaults(CreditTerms.Net30, Currency.Cad), out var details);
        Assert.Empty(problems);
        return details!;
    }

    private async Task<Outcome<CustomerAccount>> EditAsync(StaffMember staff, string number, string currency)
    {
        await using var db = Database.NewContext();
        var input = Pages.Admin.AccountInput.Of(await db.Accounts.SingleAsync(a => a.CustomerNumber == number));
        input.Currency = currency;
        Assert.Empty(input.ToForm().Check(EBillingPrefixes.Of("1", "9"), new AccountDefaults(CreditTerms.Net30, Currency.Cad), out var details));
        return await AsStaffAsync(staff, s => s.GetRequiredService<EditAccount>().SaveAsync(number, details!, CancellationToken.None));
    }

    private async Task<IPage> AgentPageAsync(Browser browser, string locale)
    {
        await CreateStaffAsync("agent@accounts.example", StaffRole.CustomerRelations);
        var page = await browser.NewPageAsync(BaseAddress, "en-CA");
        await SignInAsStaffAsync(page, "agent@accounts.example");
        if (locale == "fr-CA")
        {
            // Staff sign in in English (the helper reads English buttons), then switch as a person would; the choice is remembered.
            await page.GotoAsync("/admin?lang=fr");
        }
        return page;
    }
}

public sealed class CustomerAccountTestsOnSqlite() : CustomerAccountTests(DatabaseProvider.Sqlite);
public sealed class CustomerAccountTestsOnPostgres() : CustomerAccountTests(DatabaseProvider.Postgres);
