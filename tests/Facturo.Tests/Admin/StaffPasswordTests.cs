using Facturo.Cli;
using Facturo.Data;
using Facturo.Infrastructure;
using Facturo.Portal;
using Facturo.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Facturo.Admin;

/// <summary>Staff choose their own password at /admin/password (ASVS 5.0, 6.2.2); operators disable and enable staff from the command line.</summary>
public abstract class StaffPasswordTests(DatabaseProvider provider) : PortalTest(provider)
{
    private const string CookieName = "facturo-staff";
    private const string NewPassword = "Maple syrup on a snowy porch";

    [Fact]
    public async Task A_staff_member_changes_their_own_password_and_every_other_session_ends_at_once()
    {
        var staff = await CreateStaffAsync("own@staff.example", StaffRole.BillingOperator);
        await using var browser = await Browser.LaunchAsync();
        var other = await browser.NewPageAsync(BaseAddress, "en-CA");
        var key = await SignInWithCodeAsync(other, "own@staff.example", knownKey: null);
        using var otherSession = await CopiedCookie.FromAsync(other, BaseAddress, CookieName);
        var page = await browser.NewPageAsync(BaseAddress, "en-CA");
        // A code is good once: the second browser signs in with the next one.
        Clock.Advance(TimeSpan.FromSeconds(30));
        await SignInWithCodeAsync(page, "own@staff.example", key);

        var shown = await ChangePasswordAsync(page, AgentPassword, NewPassword, NewPassword);

        Assert.Equal("Your password was changed.", shown);
        Assert.Equal("/admin/signin", await otherSession.OpenAsync("/admin"));
        using var thisSession = await CopiedCookie.FromAsync(page, BaseAddress, CookieName);
        Assert.Equal("in", await thisSession.OpenAsync("/admin"));
        Assert.Equal(StaffSignInResult.Refused, await PasswordCheckAsync("own@staff.example", AgentPassword));
        Assert.Equal(StaffSignInResult.PasswordAccepted, await PasswordCheckAsync("own@staff.example", NewPassword));
        await using var db = Database.NewContext();
        var audit = await db.StaffAuditEntries.SingleAsync(e => e.Action == "staff.password-changed");
        Assert.Equal((staff.Id, "staff own@staff.example"), (audit.StaffId, audit.Subject));
        var notice = await db.OutboxEmails.SingleAsync(e => e.Kind == "staff-password-changed");
        Assert.Equal(("own@staff.example", "Your back-office password was changed"), (notice.ToAddress, notice.Subject));
    }

    [Theory]
    [InlineData("Not-my-password-2026", NewPassword, NewPassword, "The current password is incorrect.")]
    [InlineData(AgentPassword, "short", "short", "The password must have at least 12 characters. A phrase of a few words is easy to remember.")]
    [InlineData(AgentPassword, "1234567890123", "1234567890123", "This password is one of the most common and would be guessed quickly: choose another one.")]
    [InlineData(AgentPassword, AgentPassword, AgentPassword, "Choose a password different from your last 5.")]
    [InlineData(AgentPassword, NewPassword, "Maple syrup on a snowy deck", "The two passwords do not match.")]
    public async Task A_password_change_that_breaks_a_rule_is_refused_with_the_reason_and_changes_nothing(string current, string chosen, string confirmation, string reason)
    {
        await CreateStaffAsync("rules@staff.example", StaffRole.Sales);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(BaseAddress, "en-CA");
        await SignInAsStaffAsync(page, "rules@staff.example");
        using var session = await CopiedCookie.FromAsync(page, BaseAddress, CookieName);

        var shown = await ChangePasswordAsync(page, current, chosen, confirmation);

        Assert.Equal(reason, shown);
        Assert.Equal(StaffSignInResult.PasswordAccepted, await PasswordCheckAsync("rules@staff.example", AgentPassword));
        Assert.Equal("in", await session.OpenAsync("/admin"));
        await using var db = Database.NewContext();
        Assert.False(await db.StaffAuditEntries.AnyAsync(e => e.Action == "staff.password-changed"));
        Assert.False(await db.OutboxEmails.AnyAsync(e => e.Kind == "staff-password-changed"));
    }

    [Fact]
    public async Task Five_wrong_current_passwords_lock_the_account_as_five_wrong_sign_ins_would()
    {
        var staff = await CreateStaffAsync("guessed@staff.example", StaffRole.Sales);

        for (var attempt = 0; attempt < 5; attempt++)
        {
            var refused = await InScopeAsync<StaffSignIn, Platform.Outcome<StaffMember>>(s => s.VerifyCurrentPasswordAsync(staff.Id, $"Guess number {attempt} here", CancellationToken.None));
            Assert.Equal("staff.current-password-wrong", refused.Error?.Code);
        }

        Assert.Equal(StaffSignInResult.LockedOut, await PasswordCheckAsync("guessed@staff.example", AgentPassword));
    }

    [Fact]
    public async Task The_password_page_speaks_french_to_whoever_chose_french()
    {
        await CreateStaffAsync("fr@staff.example", StaffRole.CustomerRelations);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(BaseAddress, "en-CA");
        await SignInAsStaffAsync(page, "fr@staff.example");

        await page.GotoAsync("/admin/password?lang=fr");
        await page.Locator("#CurrentPassword").FillAsync("Pas-mon-mot-de-passe-2026");
        await page.Locator("#NewPassword").FillAsync(NewPassword);
        await page.Locator("#ConfirmPassword").FillAsync(NewPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Changer le mot de passe" }).ClickAsync();

        Assert.Equal("Le mot de passe actuel est incorrect.", await page.GetByRole(AriaRole.Alert).InnerTextAsync());
    }

    [Fact]
    public async Task A_disabled_staff_member_is_out_at_once_and_cannot_sign_in_until_enabled_again()
    {
        await CreateStaffAsync("leaving@staff.example", StaffRole.CustomerRelations);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(BaseAddress, "en-CA");
        await SignInAsStaffAsync(page, "leaving@staff.example");
        using var session = await CopiedCookie.FromAsync(page, BaseAddress, CookieName);

        var disabled = await FacturoProcess.RunAsync(Database.Options, "disable-staff", "--email", "Leaving@Staff.example");
        var sessionAfterDisable = await session.OpenAsync("/admin/customers");
        var signInAfterDisable = await PasswordCheckAsync("leaving@staff.example", AgentPassword);
        var enabled = await FacturoProcess.RunAsync(Database.Options, "enable-staff", "--email", "leaving@staff.example");
        var signInAfterEnable = await PasswordCheckAsync("leaving@staff.example", AgentPassword);

        Assert.Equal(0, disabled.ExitCode);
        Assert.Contains("leaving@staff.example is disabled", disabled.Output, StringComparison.Ordinal);
        Assert.Equal("/admin/signin", sessionAfterDisable);
        Assert.Equal(StaffSignInResult.Refused, signInAfterDisable);
        Assert.Equal(0, enabled.ExitCode);
        Assert.Equal(StaffSignInResult.PasswordAccepted, signInAfterEnable);
    }

    [Theory]
    [InlineData("disable-staff", "No active staff member uses nobody@staff.example.")]
    [InlineData("enable-staff", "No disabled staff member uses nobody@staff.example.")]
    public async Task Disabling_or_enabling_an_unknown_address_is_refused_and_changes_nothing(string command, string reason)
    {
        await CreateStaffAsync("stays@staff.example", StaffRole.Sales);

        var (exitCode, _, errors) = await FacturoProcess.RunAsync(Database.Options, command, "--email", "nobody@staff.example");

        Assert.Equal(FacturoCli.Refused, exitCode);
        Assert.Contains(reason, errors, StringComparison.Ordinal);
        await using var db = Database.NewContext();
        Assert.False(await db.StaffMembers.AnyAsync(s => s.DisabledAt != null));
    }

    /// <summary>Password then code; at the first sign-in the key is read off the page, later it is the one the person's app already holds.</summary>
    private async Task<string> SignInWithCodeAsync(IPage page, string email, string? knownKey)
    {
        await page.GotoAsync("/admin/signin");
        await page.Locator("#Email").FillAsync(email);
        await page.Locator("#Password").FillAsync(AgentPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.WaitForPathAsync("/admin/two-step");
        var key = knownKey ?? await page.GetByTestId("totp-key").InnerTextAsync();
        await page.Locator("#Code").FillAsync(Totp.Code(key, Clock.GetUtcNow()));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForPathAsync("/admin");
        return key;
    }

    private static async Task<string> ChangePasswordAsync(IPage page, string current, string chosen, string confirmation)
    {
        await page.GotoAsync("/admin/password");
        await page.Locator("#CurrentPassword").FillAsync(current);
        await page.Locator("#NewPassword").FillAsync(chosen);
        await page.Locator("#ConfirmPassword").FillAsync(confirmation);
        // The server's rule is what is tested: the browser's own length check would stop a short one before it is sent.
        await page.Locator("#NewPassword").EvaluateAsync("input => input.removeAttribute('minlength')");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change the password" }).ClickAsync();
        return await page.Locator("[role=status], [role=alert]").InnerTextAsync();
    }

    private async Task<StaffSignInResult> PasswordCheckAsync(string email, string password) =>
        (await InScopeAsync<StaffSignIn, (StaffSignInResult Result, StaffMember? Staff)>(s => s.CheckPasswordAsync(email, password, CancellationToken.None))).Result;
}

public sealed class StaffPasswordTestsOnSqlite() : StaffPasswordTests(DatabaseProvider.Sqlite);
public sealed class StaffPasswordTestsOnPostgres() : StaffPasswordTests(DatabaseProvider.Postgres);
