using Facturo.Accounts;
using Facturo.Data;
using Facturo.Infrastructure;
using Facturo.Portal;
using Facturo.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Facturo.Admin;

/// <summary>The back office in a real browser: staff sign-in with two steps, customer relations, the audit log, and customers kept out.</summary>
public abstract class CustomerRelationsTests(DatabaseProvider provider) : PortalTest(provider)
{
    [Fact]
    public async Task An_agent_changes_a_legal_name_the_customer_is_emailed_the_change_is_audited_and_a_customer_cannot_do_it()
    {
        await AddAccountAsync("1000140");
        await PlaceOrderAsync("1000140", unitPrice: 100m);
        MoveClockTo(2026, 11, 1);
        await BillAsync(October);
        await CreateStaffAsync("agent@staff.example", StaffRole.CustomerRelations);
        var link = await InviteAndReadLinkAsync("1000140", "owner@client.example", Language.En);
        await using var browser = await Browser.LaunchAsync();
        var customer = await browser.NewPageAsync(BaseAddress, "en-CA");
        await RegisterAsync(customer, link);
        var agent = await browser.NewPageAsync(BaseAddress, "en-CA");

        await customer.GotoAsync("/admin/customers/1000140");
        var customerLandedOn = new Uri(customer.Url).AbsolutePath;
        var customerPost = await customer.APIRequest.PostAsync("/admin/customers/1000140?handler=NameAddress", new()
        {
            Form = customer.APIRequest.CreateFormData().Set("LegalName", "Customer Renamed Itself").Set("AddressLine1", "1 Main").Set("City", "Ottawa").Set("Country", "CA").Set("Region", "ON").Set("PostalCode", "K1A 0B1"),
            MaxRedirects = 0,
        });
        var apiAnswer = await Api.PutAsync("/api/v1/accounts/1000140", new StringContent("{\"legalName\":\"Via API\"}", System.Text.Encoding.UTF8, "application/json"));
        await agent.GotoAsync("/admin/customers");
        var agentLandedOn = new Uri(agent.Url).AbsolutePath;
        await SignInAsStaffAsync(agent, "agent@staff.example");
        await agent.GotoAsync("/admin/customers?Q=owner@client.example");
        await agent.GetByRole(AriaRole.Link, new() { Name = "1000140" }).ClickAsync();
        await agent.Locator("#LegalName").FillAsync("Great Northern Shipping Ltd.");
        await agent.Locator("#City").FillAsync("Gatineau");
        await agent.Locator("#Region").SelectOptionAsync("QC");
        await agent.GetByRole(AriaRole.Button, new() { Name = "Save and tell the customer" }).ClickAsync();
        var saved = await agent.GetByRole(AriaRole.Status).InnerTextAsync();
        var history = await agent.GetByTestId("history").Locator("tbody tr").AllInnerTextsAsync();
        await Screenshot(agent, "admin-customer-en");
        var emailed = await ReadEmailAsync("owner@client.example", "Legal name or address changed");

        Assert.Equal("/admin/signin", customerLandedOn);
        Assert.NotEqual(200, customerPost.Status);
        Assert.True(apiAnswer.StatusCode is System.Net.HttpStatusCode.NotFound or System.Net.HttpStatusCode.MethodNotAllowed, apiAnswer.StatusCode.ToString());
        Assert.Equal("/admin/signin", agentLandedOn);
        Assert.Equal("Legal name and address saved; the customer is told by email.", saved);
        var entry = Assert.Single(history);
        Assert.Contains("agent@staff.example", entry, StringComparison.Ordinal);
        Assert.Contains("account.name-address", entry, StringComparison.Ordinal);
        Assert.Contains("Great Northern Shipping Ltd., 1 Main Street, Gatineau, QC", emailed, StringComparison.Ordinal);
        await using var db = Database.NewContext();
        var account = await db.Accounts.SingleAsync();
        Assert.Equal(("Great Northern Shipping Ltd.", "Gatineau", "CA", "QC"), (account.LegalName, account.City, account.Country, account.Region));
        var audit = await db.StaffAuditEntries.SingleAsync(e => e.Action == "account.name-address");
        Assert.Contains("Customer 1000140", audit.Before, StringComparison.Ordinal);
        Assert.Contains("Great Northern Shipping Ltd.", audit.After, StringComparison.Ordinal);
        Assert.Single(await db.OutboxEmails.Where(e => e.Kind == "account-details-changed" && e.ToAddress == "billing@1000140.example").ToListAsync());
    }

    [Fact]
    public async Task An_agent_turns_paper_invoices_on_and_unlocks_a_locked_out_person()
    {
        await AddAccountAsync("1000141", language: Language.Fr);
        await PlaceOrderAsync("1000141", unitPrice: 100m);
        await CreateStaffAsync("desk@staff.example", StaffRole.CustomerRelations);
        var person = await RegisterAsync("1000141", "locked@client.example", PortalRole.Admin, Language.Fr);
        await InScopeAsync<Microsoft.AspNetCore.Identity.UserManager<PortalUser>, Microsoft.AspNetCore.Identity.IdentityResult>(async users =>
            await users.SetLockoutEndDateAsync((await users.FindByIdAsync($"{person.Id}"))!, Clock.GetUtcNow().AddMinutes(15)));
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(BaseAddress, "en-CA");
        await SignInAsStaffAsync(page, "desk@staff.example");

        await page.GotoAsync("/admin/customers/1000141");
        await page.GetByRole(AriaRole.Button, new() { Name = "Also mail on paper (at the customer's request; paper fee)" }).ClickAsync();
        var delivery = await page.GetByTestId("delivery").InnerTextAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Unlock" }).ClickAsync();
        var unlocked = await page.GetByRole(AriaRole.Status).InnerTextAsync();
        var emailed = await ReadEmailAsync("locked@client.example", "Mode de réception des factures");
        MoveClockTo(2026, 11, 1);
        await BillAsync(October);

        Assert.Equal("Paper", delivery);
        Assert.Equal("The person can sign in again.", unlocked);
        Assert.Contains("Des frais de papier de 5,00", emailed, StringComparison.Ordinal);
        await using var db = Database.NewContext();
        Assert.Null((await db.Users.SingleAsync()).LockoutEnd);
        Assert.Single(await db.InvoiceLines.Where(l => l.Category == Billing.ChargeCategory.PaperFee).ToListAsync());
        Assert.Equal(["account.delivery", "portal.unlock", "staff.sign-in"], (await db.StaffAuditEntries.Select(e => e.Action).ToListAsync()).Order());
    }

    [Fact]
    public async Task Signing_in_again_with_the_password_does_not_buy_more_authenticator_code_guesses()
    {
        var staff = await CreateStaffAsync("guess@staff.example", StaffRole.Sales);
        async Task<StaffMember?> WrongCodeAsync()
        {
            var (result, _) = await InScopeAsync<StaffSignIn, (StaffSignInResult, StaffMember?)>(s => s.CheckPasswordAsync("guess@staff.example", AgentPassword, CancellationToken.None));
            Assert.Equal(StaffSignInResult.PasswordAccepted, result);
            await InScopeAsync<StaffSignIn, string?>(s => s.PendingKeyAsync(staff.Id, CancellationToken.None));
            return await InScopeAsync<StaffSignIn, StaffMember?>(s => s.VerifyCodeAsync(staff.Id, "000000", CancellationToken.None));
        }

        for (var attempt = 0; attempt < 5; attempt++)
        {
            Assert.Null(await WrongCodeAsync());
        }
        var (afterwards, _) = await InScopeAsync<StaffSignIn, (StaffSignInResult, StaffMember?)>(s => s.CheckPasswordAsync("guess@staff.example", AgentPassword, CancellationToken.None));

        Assert.Equal(StaffSignInResult.LockedOut, afterwards);
    }

    [Fact]
    public async Task The_same_staff_authenticator_code_does_not_sign_in_a_second_session()
    {
        var staff = await CreateStaffAsync("replay@staff.example", StaffRole.Sales);
        var key = await InScopeAsync<StaffSignIn, string?>(s => s.PendingKeyAsync(staff.Id, CancellationToken.None));
        var code = Facturo.Portal.Totp.Code(key!, Clock.GetUtcNow());

        var first = await InScopeAsync<StaffSignIn, StaffMember?>(s => s.VerifyCodeAsync(staff.Id, code, CancellationToken.None));
        var second = await InScopeAsync<StaffSignIn, StaffMember?>(s => s.VerifyCodeAsync(staff.Id, code, CancellationToken.None));
        Clock.Advance(TimeSpan.FromSeconds(30));
        var next = await InScopeAsync<StaffSignIn, StaffMember?>(s => s.VerifyCodeAsync(staff.Id, Facturo.Portal.Totp.Code(key!, Clock.GetUtcNow()), CancellationToken.None));

        Assert.NotNull(first);
        Assert.Null(second);
        Assert.NotNull(next);
    }

    [Fact]
    public async Task The_audit_log_cannot_be_changed_or_deleted()
    {
        var staff = await CreateStaffAsync("auditor@staff.example", StaffRole.Administrator);
        await using (var db = Database.NewContext())
        {
            db.StaffAuditEntries.Add(new StaffAuditEntry { At = Clock.GetUtcNow(), StaffId = staff.Id, StaffEmail = staff.Email, Action = "test", Subject = "account 1", IpAddress = "127.0.0.1" });
            await db.SaveChangesAsync();
        }

        await using var rewrite = Database.NewContext();
        var entry = await rewrite.StaffAuditEntries.SingleAsync();
        entry.Action = "rewritten";
        var update = await Record.ExceptionAsync(() => rewrite.SaveChangesAsync());
        rewrite.ChangeTracker.Clear();
        var rawDelete = await Record.ExceptionAsync(() => rewrite.Database.ExecuteSqlRawAsync("DELETE FROM staff_audit_entries"));

        Assert.NotNull(update);
        Assert.NotNull(rawDelete);
        await using var check = Database.NewContext();
        Assert.Equal("test", (await check.StaffAuditEntries.SingleAsync()).Action);
    }

    [Fact]
    public async Task Staff_sign_in_needs_the_authenticator_code_every_time_and_a_wrong_code_opens_nothing()
    {
        await CreateStaffAsync("ops@staff.example", StaffRole.BillingOperator);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(BaseAddress, "en-CA");

        await page.GotoAsync("/admin/signin");
        await page.Locator("#Email").FillAsync("ops@staff.example");
        await page.Locator("#Password").FillAsync(AgentPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.GotoAsync("/admin");
        var beforeSecondStep = new Uri(page.Url).AbsolutePath;
        await page.GotoAsync("/admin/two-step");
        await page.Locator("#Code").FillAsync("000000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        var wrongCode = await page.GetByRole(AriaRole.Alert).InnerTextAsync();
        var key = await page.GetByTestId("totp-key").InnerTextAsync();
        await page.Locator("#Code").FillAsync(Facturo.Portal.Totp.Code(key, Clock.GetUtcNow()));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForPathAsync("/admin");
        await page.GotoAsync("/admin/customers");
        var customersForOperator = new Uri(page.Url).AbsolutePath;

        Assert.Equal("/admin/two-step", beforeSecondStep);
        Assert.Equal("That code is not valid. Enter the 6-digit code the app shows now.", wrongCode);
        Assert.Equal("/admin/denied", customersForOperator);
        await using var db = Database.NewContext();
        Assert.True((await db.StaffMembers.SingleAsync()).TotpConfirmed);
    }

    [Fact]
    public async Task An_agent_signs_a_customer_out_everywhere_and_a_copied_cookie_is_refused_at_once()
    {
        await AddAccountAsync("1000148");
        await RegisterAsync("1000148", "lost-phone@client.example", PortalRole.Admin);
        await CreateStaffAsync("help@staff.example", StaffRole.CustomerRelations);
        await using var browser = await Browser.LaunchAsync();
        var customer = await browser.NewPageAsync(BaseAddress, "en-CA");
        await SignInAsync(customer, "lost-phone@client.example", Password);
        await customer.WaitForPathAsync("/summary");
        using var phone = await CopiedCookie.FromAsync(customer, BaseAddress, "facturo-session");
        var agent = await browser.NewPageAsync(BaseAddress, "en-CA");
        await SignInAsStaffAsync(agent, "help@staff.example");

        var before = await phone.OpenAsync("/summary");
        await agent.GotoAsync("/admin/customers/1000148");
        await agent.GetByRole(AriaRole.Button, new() { Name = "Sign out everywhere" }).ClickAsync();
        var done = await agent.GetByRole(AriaRole.Status).InnerTextAsync();
        var after = await phone.OpenAsync("/summary");

        Assert.Equal(("in", "/signin"), (before, after));
        Assert.Equal("Every session of that person is signed out: they must sign in again.", done);
        await using var db = Database.NewContext();
        var entry = await db.StaffAuditEntries.SingleAsync(e => e.Action == "portal.end-sessions");
        Assert.Equal(("user lost-phone@client.example", "help@staff.example"), (entry.Subject, entry.StaffEmail));
    }

    [Fact]
    public async Task An_agent_cannot_invite_anyone_into_a_business_already_on_the_portal_only_its_administrators_can()
    {
        await AddAccountAsync("1000149", language: Language.Fr);
        await RegisterAsync("1000149", "owner@client.example", PortalRole.Admin, Language.Fr);

        var refused = await InScopeAsync<CustomerRelations, Platform.Outcome<Invitation>>(r => r.ResendInvitationAsync("1000149", "caller@elsewhere.example", CancellationToken.None));

        Assert.Equal("admin.account-on-portal", refused.Error?.Code);
        Assert.Equal("Account 1000149 is already on the portal: its administrators invite their business's people (Business – Users) or approve their requests.",
            refused.Error!.Message(Language.En));
        await using var db = Database.NewContext();
        Assert.False(await db.Invitations.AnyAsync(i => i.Email == "caller@elsewhere.example"));
        Assert.False(await db.OutboxEmails.AnyAsync(e => e.ToAddress == "caller@elsewhere.example"));
    }
}

public sealed class CustomerRelationsTestsOnSqlite() : CustomerRelationsTests(DatabaseProvider.Sqlite);
public sealed class CustomerRelationsTestsOnPostgres() : CustomerRelationsTests(DatabaseProvider.Postgres);
