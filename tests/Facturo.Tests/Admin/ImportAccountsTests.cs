using System.Text;
using Facturo.Accounts;
using Facturo.Data;
using Facturo.Infrastructure;
using Facturo.Platform;
using Facturo.Portal;
using Facturo.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Facturo.Admin;

/// <summary>
/// Customer accounts from the old system's CSV export, with no SQL: a dry run lists every problem with its line and column,
/// the import is all or nothing and idempotent by customer number, every change is audited, and the accounts can be billed.
/// </summary>
public abstract class ImportAccountsTests(DatabaseProvider provider) : PortalTest(provider)
{
    public const string Header = "customer_number,legal_name,address_line1,city,country,region,postal_code,program,credit_terms_days,currency,language,billing_email,delivery";

    public static byte[] Csv(params string[] lines) => Encoding.UTF8.GetBytes(string.Join("\r\n", [Header, .. lines]) + "\r\n");

    public static string Line(string number, string name = "Imported Ltd.", string postalCode = "K1A 0B1", string email = "billing@imported.example", string terms = "30",
        string currency = "CAD", string language = "en", string region = "ON", string country = "CA") =>
        $"{number},{name},1 Main Street,Ottawa,{country},{region},{postalCode},Commercial,{terms},{currency},{language},{email},Electronic";

    [Fact]
    public async Task A_dry_run_lists_every_problem_of_every_line_with_its_column_and_changes_nothing()
    {
        var file = Csv(Line("1000601"), Line("5000602", postalCode: "K1A 0B", email: "nobody@"), Line("1000603", terms: "200", language: "de"), Line("1000601"));
        var staff = await CreateStaffAsync("agent@import.example", StaffRole.CustomerRelations);

        var plan = (await AsStaffAsync(staff, s => s.GetRequiredService<ImportAccounts>().CheckAsync(file, CancellationToken.None))).Value!;

        Assert.Equal(
        [
            (3, "customer_number", "account.number-prefix"), (3, "postal_code", "address.postal-code"), (3, "billing_email", "account.billing-email"),
            (4, "credit_terms_days", "account.credit-terms"), (4, "language", "account.language"), (5, "customer_number", "import.number-twice"),
        ], plan.Problems.Select(p => (p.Line, p.Column, p.Error.Code)));
        Assert.Equal("Le numéro de client 5000602 ne commence par aucun des préfixes du fournisseur (1, 9) : choisissez un numéro de la bonne série.",
            plan.Problems[0].Error.Message(Language.Fr));
        Assert.Equal("Customer number 1000601 is already on line 2 of the file.", plan.Problems[5].Error.Message(Language.En));
        await using var db = Database.NewContext();
        Assert.Empty(await db.Accounts.ToListAsync());
    }

    [Fact]
    public async Task One_bad_line_imports_nothing_at_all()
    {
        var staff = await CreateStaffAsync("agent@import.example", StaffRole.CustomerRelations);

        var imported = await ImportAsync(staff, Csv(Line("1000611"), Line("1000612"), Line("1000613", region: "ZZ")));

        Assert.Equal("import.has-errors", imported.Error?.Code);
        await using var db = Database.NewContext();
        Assert.Empty(await db.Accounts.ToListAsync());
        Assert.Empty(await db.StaffAuditEntries.ToListAsync());
    }

    [Fact]
    public async Task The_same_file_imported_twice_changes_nothing_the_second_time_and_says_so()
    {
        var staff = await CreateStaffAsync("agent@import.example", StaffRole.CustomerRelations);
        var file = Csv(Line("1000621"), Line("1000622", name: "\"Deux, trois inc.\"", language: "fr"));

        var first = (await ImportAsync(staff, file)).Value!;
        await using var before = Database.NewContext();
        var afterFirst = await before.Accounts.AsNoTracking().OrderBy(a => a.CustomerNumber).ToListAsync();
        var auditAfterFirst = await before.StaffAuditEntries.CountAsync();
        var second = (await ImportAsync(staff, file)).Value!;

        Assert.Equal((2, 0, 0), (first.Creates, first.Updates, first.Unchanged));
        Assert.Equal((0, 0, 2), (second.Creates, second.Updates, second.Unchanged));
        await using var db = Database.NewContext();
        Assert.Equal(afterFirst.Select(a => a.Fields()), (await db.Accounts.AsNoTracking().OrderBy(a => a.CustomerNumber).ToListAsync()).Select(a => a.Fields()));
        Assert.Equal("Deux, trois inc.", afterFirst[1].LegalName);
        Assert.Equal(auditAfterFirst, await db.StaffAuditEntries.CountAsync());
        Assert.Equal(["account.import", "account.open", "account.open"], (await db.StaffAuditEntries.OrderBy(e => e.Id).ToListAsync()).Select(e => e.Action));
    }

    [Fact]
    public async Task A_line_whose_account_exists_with_other_details_is_an_update_in_the_dry_run_then_applied_and_audited()
    {
        var staff = await CreateStaffAsync("agent@import.example", StaffRole.CustomerRelations);
        await ImportAsync(staff, Csv(Line("1000631"), Line("1000632")));
        var changed = Csv(Line("1000631"), Line("1000632", email: "new@imported.example", terms: "15"));

        var plan = (await AsStaffAsync(staff, s => s.GetRequiredService<ImportAccounts>().CheckAsync(changed, CancellationToken.None))).Value!;
        await using (var unchanged = Database.NewContext())
        {
            Assert.Equal("billing@imported.example", (await unchanged.Accounts.SingleAsync(a => a.CustomerNumber == "1000632")).BillingEmail);
        }
        var imported = (await ImportAsync(staff, changed)).Value!;

        Assert.Equal([(3, "1000632", ImportAction.Update, "billing_email, credit_terms_days")],
            plan.Changes.Select(c => (c.Line, c.CustomerNumber, c.Action, string.Join(", ", c.Columns))));
        Assert.Equal((0, 1, 1), (imported.Creates, imported.Updates, imported.Unchanged));
        await using var db = Database.NewContext();
        var account = await db.Accounts.SingleAsync(a => a.CustomerNumber == "1000632");
        Assert.Equal(("new@imported.example", 15), (account.BillingEmail, account.CreditTermsDays));
        var audit = await db.StaffAuditEntries.SingleAsync(e => e.Action == "account.edit");
        Assert.Equal(("account 1000632", "agent@import.example", "{\"billing_email\":\"billing@imported.example\",\"credit_terms_days\":\"30\"}",
            "{\"billing_email\":\"new@imported.example\",\"credit_terms_days\":\"15\"}"), (audit.Subject, audit.StaffEmail, audit.Before, audit.After));
    }

    [Fact]
    public async Task An_import_that_would_change_the_currency_of_an_invoiced_account_is_refused_on_that_line()
    {
        var staff = await CreateStaffAsync("agent@import.example", StaffRole.CustomerRelations);
        await ImportAsync(staff, Csv(Line("1000641")));
        await PlaceOrderAsync("1000641", unitPrice: 100m);

        var plan = (await AsStaffAsync(staff, s => s.GetRequiredService<ImportAccounts>().CheckAsync(Csv(Line("1000641", currency: "USD", region: "NY", country: "US", postalCode: "14202")), CancellationToken.None))).Value!;

        Assert.Equal([(2, "currency", "account.currency-in-use")], plan.Problems.Select(p => (p.Line, p.Column, p.Error.Code)));
    }

    [Fact]
    public async Task The_windows_1252_file_written_as_french_excel_does_imports_its_accounts_as_typed()
    {
        var staff = await CreateStaffAsync("agent@import.example", StaffRole.CustomerRelations);
        var file = await File.ReadAllBytesAsync(Path.Combine(RepositoryFolders.Root, "tests", "Facturo.Tests", "Admin", "Samples", "customers-excel-fr-windows-1252.csv"));

        var imported = await ImportAsync(staff, file);

        Assert.True(imported.Succeeded, imported.Error?.Code);
        await using var db = Database.NewContext();
        var accounts = await db.Accounts.OrderBy(a => a.CustomerNumber).ToListAsync();
        Assert.Equal(
        [
            ("1000701", "Boulangerie Côté & Fils; succursale Est", "Bureau 200", "Montréal", BillingProgram.Commercial, Language.Fr, DeliveryPreference.Electronic, "comptes@cote.example"),
            ("1000702", "Éditions \"Le Phare\" ltée", (string?)null, "Québec", BillingProgram.SmallBusiness, Language.Fr, DeliveryPreference.Paper, ""),
        ], accounts.Select(a => (a.CustomerNumber, a.LegalName, a.AddressLine2, a.City, a.Program, a.Language, a.Delivery, a.BillingEmail)));
    }

    [Fact]
    public async Task Imported_accounts_are_billed_by_the_next_bill_run()
    {
        var staff = await CreateStaffAsync("agent@import.example", StaffRole.CustomerRelations);
        await ImportAsync(staff, Csv(Line("1000651", language: "fr")));
        await PlaceOrderAsync("1000651", unitPrice: 100m);

        MoveClockTo(2026, 11, 1);
        await BillAsync(October);

        await using var db = Database.NewContext();
        var account = await db.Accounts.SingleAsync(a => a.CustomerNumber == "1000651");
        var invoice = await db.Invoices.SingleAsync(i => i.AccountId == account.Id);
        Assert.Equal(("1000651", "Imported Ltd.", 11_300L), (invoice.CustomerNumber, invoice.CustomerLegalName, invoice.TotalCents));
    }

    [Fact]
    public async Task On_the_page_a_file_is_checked_first_and_only_that_file_can_be_confirmed()
    {
        await CreateStaffAsync("agent@import.example", StaffRole.CustomerRelations);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(BaseAddress, "en-CA");
        await SignInAsStaffAsync(page, "agent@import.example");
        var folder = Directory.CreateTempSubdirectory("facturo-import-").FullName;
        var (bad, clean, other) = (Path.Combine(folder, "bad.csv"), Path.Combine(folder, "clean.csv"), Path.Combine(folder, "other.csv"));
        await File.WriteAllBytesAsync(bad, Csv(Line("1000661"), Line("1000662", postalCode: "K1A 0B")));
        await File.WriteAllBytesAsync(clean, Csv(Line("1000661"), Line("1000662")));
        await File.WriteAllBytesAsync(other, Csv(Line("1000661"), Line("1000662"), Line("1000663")));

        await page.GotoAsync("/admin/customers/import");
        await page.Locator("#Upload").SetInputFilesAsync(bad);
        await page.GetByRole(AriaRole.Button, new() { Name = "Check the file (dry run, nothing is imported)" }).ClickAsync();
        var problems = await page.GetByTestId("problems").Locator("tbody tr").AllInnerTextsAsync();
        var noConfirmation = await page.Locator("#ConfirmFile").CountAsync();
        await page.Locator("#Upload").SetInputFilesAsync(clean);
        await page.GetByRole(AriaRole.Button, new() { Name = "Check the file (dry run, nothing is imported)" }).ClickAsync();
        var summary = await page.GetByTestId("summary").InnerTextAsync();
        await page.Locator("#ConfirmFile").SetInputFilesAsync(other);
        await page.GetByRole(AriaRole.Button, new() { Name = "Import these 2 accounts" }).ClickAsync();
        var refused = await page.GetByRole(AriaRole.Alert).InnerTextAsync();
        await using (var none = Database.NewContext())
        {
            Assert.Empty(await none.Accounts.ToListAsync());
        }
        await page.Locator("#Upload").SetInputFilesAsync(clean);
        await page.GetByRole(AriaRole.Button, new() { Name = "Check the file (dry run, nothing is imported)" }).ClickAsync();
        await page.Locator("#ConfirmFile").SetInputFilesAsync(clean);
        await page.GetByRole(AriaRole.Button, new() { Name = "Import these 2 accounts" }).ClickAsync();
        var result = await page.GetByTestId("result").InnerTextAsync();

        Assert.Equal(["3\tpostal_code\tThe postal code does not fit country CA: in Canada \"A1A 1A1\", in the United States \"12345\" or \"12345-6789\", elsewhere 10 letters or digits at most."], problems);
        Assert.Equal(0, noConfirmation);
        Assert.Equal("2 account(s) in the file: 2 to create, 0 to update, 0 unchanged; 0 error(s).", summary);
        Assert.StartsWith("This file is not the one that was checked", refused, StringComparison.Ordinal);
        Assert.Equal("Imported: 2 account(s) created, 0 updated, 0 unchanged.", result);
        await using var db = Database.NewContext();
        Assert.Equal(["1000661", "1000662"], await db.Accounts.OrderBy(a => a.CustomerNumber).Select(a => a.CustomerNumber).ToListAsync());
        Directory.Delete(folder, recursive: true);
    }

    private Task<Outcome<ImportPlan>> ImportAsync(StaffMember staff, byte[] file) =>
        AsStaffAsync(staff, s => s.GetRequiredService<ImportAccounts>().ImportAsync(file, new ImportActor(staff.Id, staff.Email, "127.0.0.1"), null, CancellationToken.None));
}

public sealed class ImportAccountsTestsOnSqlite() : ImportAccountsTests(DatabaseProvider.Sqlite);
public sealed class ImportAccountsTestsOnPostgres() : ImportAccountsTests(DatabaseProvider.Postgres);
