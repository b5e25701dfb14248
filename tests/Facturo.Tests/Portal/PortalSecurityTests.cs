using Facturo.Accounts;
using Facturo.Data;
using Facturo.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Facturo.Portal;

/// <summary>Two-step verification and "sign out everywhere", in a real browser.</summary>
public abstract class PortalSecurityTests(DatabaseProvider provider) : PortalTest(provider)
{
    [Fact]
    public async Task Two_step_verification_is_asked_at_every_sign_in_even_after_a_password_reset()
    {
        await AddAccountAsync("1000061");
        var link = await InviteAndReadLinkAsync("1000061", "twostep@client.example", Language.En);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(BaseAddress, "en-CA");
        await RegisterAsync(page, link);

        await StartAuthenticatorSetUpAsync(page);
        var key = await page.Locator("#shared-key").InnerTextAsync();
        await page.Locator("#Code").FillAsync(Totp.Code(key, Now.AddHours(1)));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on" }).ClickAsync();
        var wrongSetupCode = await page.GetByRole(AriaRole.Alert).InnerTextAsync();
        await page.Locator("#Code").FillAsync(Totp.Code(key, Now));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on" }).ClickAsync();
        var turnedOn = await page.GetByRole(AriaRole.Status).InnerTextAsync();
        var recoveryCodes = await page.Locator("#recovery-codes li").AllInnerTextsAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).ClickAsync();
        Clock.Advance(TimeSpan.FromSeconds(30));

        await SignInAsync(page, "twostep@client.example", Password);
        await page.WaitForURLAsync("**/signin/two-step**");
        var askedBeforeSummary = await page.GotoAsync("/summary");
        var summaryWithoutCode = page.Url;
        await page.GoBackAsync();
        await page.Locator("#Code").FillAsync(Totp.Code(key, Now.AddHours(-1)));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        var wrongCode = await page.GetByRole(AriaRole.Alert).InnerTextAsync();
        await page.Locator("#Code").FillAsync(Totp.Code(key, Now));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await page.WaitForPathAsync("/summary");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).ClickAsync();

        await AskForLinkAsync(page, "twostep@client.example");
        await page.GotoAsync(await ReadLinkAsync("twostep@client.example", "/reset-password?"));
        await page.Locator("#NewPassword").FillAsync("After-Reset-Pass-1");
        await page.Locator("main form button[type=submit]").ClickAsync();
        await page.GetByRole(AriaRole.Status).WaitForAsync();
        await SignInAsync(page, "twostep@client.example", "After-Reset-Pass-1");
        await page.WaitForURLAsync("**/signin/two-step**");
        await page.Locator("#Code").FillAsync(recoveryCodes[0]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await page.WaitForPathAsync("/summary");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).ClickAsync();
        await SignInAsync(page, "twostep@client.example", "After-Reset-Pass-1");
        await page.Locator("#Code").FillAsync(recoveryCodes[0]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        var reusedRecoveryCode = await page.GetByRole(AriaRole.Alert).InnerTextAsync();

        Assert.Contains("not valid", wrongSetupCode, StringComparison.Ordinal);
        Assert.Equal("Two-step verification is on.", turnedOn);
        Assert.Equal(10, recoveryCodes.Count);
        Assert.Contains("/signin", summaryWithoutCode, StringComparison.Ordinal);
        Assert.NotNull(askedBeforeSummary);
        Assert.Equal("This code is not valid.", wrongCode);
        Assert.Equal("This code is not valid.", reusedRecoveryCode);
    }

    [Fact]
    public async Task The_database_holds_no_authenticator_key_or_recovery_code_in_clear()
    {
        await AddAccountAsync("1000068");
        await RegisterAsync("1000068", "secret@client.example", PortalRole.Admin);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(BaseAddress, "en-CA");
        await SignInAsync(page, "secret@client.example", Password);
        await page.WaitForPathAsync("/summary");

        var (key, recoveryCodes) = await TurnOnTwoStepAsync(page);

        await using var db = Database.NewContext();
        var stored = string.Join('\n', await db.UserTokens.Select(t => t.Value).ToListAsync());
        Assert.Equal(10, recoveryCodes.Count);
        // 24 Base32 characters are 120 random bits: enough for ASVS 6.5.2 to allow a plain SHA-256 at rest.
        Assert.All(recoveryCodes, code => Assert.Matches("^([A-Z2-7]{4}-){5}[A-Z2-7]{4}$", code));
        Assert.DoesNotContain(Compact(key), Compact(stored), StringComparison.OrdinalIgnoreCase);
        Assert.All(recoveryCodes, code => Assert.DoesNotContain(code, stored, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task The_same_authenticator_code_does_not_sign_in_a_second_session()
    {
        await AddAccountAsync("1000069");
        await RegisterAsync("1000069", "replay@client.example", PortalRole.Admin);
        await using var browser = await Browser.LaunchAsync();
        var office = await browser.NewPageAsync(BaseAddress, "en-CA");
        await SignInAsync(office, "replay@client.example", Password);
        await office.WaitForPathAsync("/summary");
        var (key, _) = await TurnOnTwoStepAsync(office);
        await office.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).ClickAsync();
        Clock.Advance(TimeSpan.FromSeconds(30));
        var code = Totp.Code(key, Now);
        var phone = await browser.NewPageAsync(BaseAddress, "en-CA");

        await SignInWithCodeAsync(office, code);
        await office.WaitForPathAsync("/summary");
        await SignInWithCodeAsync(phone, code);
        var refusal = await phone.GetByRole(AriaRole.Alert).InnerTextAsync();

        Assert.Equal("/signin/two-step", new Uri(phone.Url).AbsolutePath);
        Assert.Equal("This code is not valid.", refusal);
    }

    [Fact]
    public async Task Two_sessions_sending_the_same_code_at_the_same_moment_sign_in_only_one()
    {
        await AddAccountAsync("1000073");
        await RegisterAsync("1000073", "race@client.example", PortalRole.Admin);
        const string Key = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
        await using (var setUp = App.Services.CreateAsyncScope())
        {
            var users = setUp.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var user = (await users.FindByEmailAsync("race@client.example"))!;
            await ((IUserAuthenticatorKeyStore<PortalUser>)setUp.ServiceProvider.GetRequiredService<IUserStore<PortalUser>>()).SetAuthenticatorKeyAsync(user, Key, CancellationToken.None);
            Assert.True((await users.UpdateAsync(user)).Succeeded);
        }
        await using var office = App.Services.CreateAsyncScope();
        await using var phone = App.Services.CreateAsyncScope();
        var officeUsers = office.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var phoneUsers = phone.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        // Both sessions have read the person before either saves.
        var officeUser = (await officeUsers.FindByEmailAsync("race@client.example"))!;
        var phoneUser = (await phoneUsers.FindByEmailAsync("race@client.example"))!;
        var code = Totp.Code(Key, Now);

        var officeAccepted = await officeUsers.VerifyTwoFactorTokenAsync(officeUser, TokenOptions.DefaultAuthenticatorProvider, code);
        var phoneAccepted = await phoneUsers.VerifyTwoFactorTokenAsync(phoneUser, TokenOptions.DefaultAuthenticatorProvider, code);

        Assert.Equal((true, false), (officeAccepted, phoneAccepted));
    }

    [Fact]
    public async Task A_key_and_recovery_codes_stored_in_plain_text_before_still_work_and_the_key_is_protected_after_use()
    {
        await AddAccountAsync("1000070");
        var user = await RegisterAsync("1000070", "legacy@client.example", PortalRole.Admin);
        const string PlainKey = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
        await using (var db = Database.NewContext())
        {
            db.UserTokens.Add(new() { UserId = user.Id, LoginProvider = "[AspNetUserStore]", Name = "AuthenticatorKey", Value = PlainKey });
            db.UserTokens.Add(new() { UserId = user.Id, LoginProvider = "[AspNetUserStore]", Name = "RecoveryCodes", Value = "BCDFG-HJKMN;PQRTV-WXY23" });
            (await db.Users.SingleAsync(u => u.Id == user.Id)).TwoFactorEnabled = true;
            await db.SaveChangesAsync();
        }
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(BaseAddress, "en-CA");

        await SignInAsync(page, "legacy@client.example", Password);
        await page.WaitForURLAsync("**/signin/two-step**");
        await page.Locator("#Code").FillAsync(Totp.Code(PlainKey, Now));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await page.WaitForPathAsync("/summary");

        async Task<bool> RedeemAsync(string code) => await InScopeAsync<UserManager<PortalUser>, bool>(async users =>
            (await users.RedeemTwoFactorRecoveryCodeAsync((await users.FindByEmailAsync("legacy@client.example"))!, code)).Succeeded);
        var firstUse = await RedeemAsync("pqrtv-wxy23");
        var secondUse = await RedeemAsync("PQRTV-WXY23");

        await using var check = Database.NewContext();
        var stored = await check.UserTokens.SingleAsync(t => t.UserId == user.Id && t.Name == "AuthenticatorKey");
        Assert.DoesNotContain(PlainKey, stored.Value, StringComparison.OrdinalIgnoreCase);
        Assert.Equal((true, false), (firstUse, secondUse));
        Assert.Equal(1, await InScopeAsync<UserManager<PortalUser>, int>(async users =>
            await users.CountRecoveryCodesAsync((await users.FindByEmailAsync("legacy@client.example"))!)));
    }

    [Fact]
    public async Task Opening_the_security_page_twice_shows_the_same_key_and_changes_nothing_in_the_database()
    {
        await AddAccountAsync("1000071");
        await RegisterAsync("1000071", "twice@client.example", PortalRole.Admin);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(BaseAddress, "en-CA");
        await SignInAsync(page, "twice@client.example", Password);
        await page.WaitForPathAsync("/summary");

        var beforeOpening = await PortalUserRowsAsync();
        await page.GotoAsync("/account/security");
        await page.GotoAsync("/account/security");
        var afterOpening = await PortalUserRowsAsync();
        await StartAuthenticatorSetUpAsync(page);
        var afterSetUp = await PortalUserRowsAsync();
        await page.GotoAsync("/account/security");
        var first = await page.Locator("#shared-key").InnerTextAsync();
        await page.GotoAsync("/account/security");
        var second = await page.Locator("#shared-key").InnerTextAsync();
        await page.Locator("#Code").FillAsync(Totp.Code(first, Now.AddMinutes(5)));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on" }).ClickAsync();
        var wrongCode = await page.GetByRole(AriaRole.Alert).InnerTextAsync();

        Assert.Equal(beforeOpening, afterOpening);
        Assert.Equal(first, second);
        Assert.Equal("This code is not valid. Enter the 6-digit code your app shows now.", wrongCode);
        Assert.Equal(afterSetUp, await PortalUserRowsAsync());
    }

    [Fact]
    public async Task A_new_authenticator_app_replaces_the_old_one_only_once_a_code_from_it_is_entered()
    {
        await AddAccountAsync("1000074");
        await RegisterAsync("1000074", "newphone@client.example", PortalRole.Admin);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(BaseAddress, "en-CA");
        await SignInAsync(page, "newphone@client.example", Password);
        await page.WaitForPathAsync("/summary");
        var (oldKey, _) = await TurnOnTwoStepAsync(page);
        async Task<bool> SignsInAsync(string key)
        {
            Clock.Advance(TimeSpan.FromSeconds(30));
            return await InScopeAsync<UserManager<PortalUser>, bool>(async users => await users.VerifyTwoFactorTokenAsync(
                (await users.FindByEmailAsync("newphone@client.example"))!, TokenOptions.DefaultAuthenticatorProvider, Totp.Code(key, Now)));
        }

        await StartAuthenticatorSetUpAsync(page);
        var newKey = await page.Locator("#shared-key").InnerTextAsync();
        var whileSettingUp = (await SignsInAsync(oldKey), await SignsInAsync(newKey));
        Clock.Advance(TimeSpan.FromSeconds(30));
        await page.Locator("#Code").FillAsync(Totp.Code(newKey, Now));
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm the new app" }).ClickAsync();
        var confirmed = await page.GetByRole(AriaRole.Status).InnerTextAsync();
        var afterwards = (await SignsInAsync(oldKey), await SignsInAsync(newKey));

        Assert.NotEqual(oldKey, newKey);
        Assert.Equal((true, false), whileSettingUp);
        Assert.Equal("Your new authenticator app is set up; the old one no longer works.", confirmed);
        Assert.Equal((false, true), afterwards);
    }

    [Fact]
    public async Task Turning_two_step_verification_on_or_off_emails_the_person_in_their_language()
    {
        await AddAccountAsync("1000072");
        await RegisterAsync("1000072", "avis@client.example", PortalRole.Admin, Language.Fr);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(BaseAddress, "fr-CA");
        await SignInAsync(page, "avis@client.example", Password);
        await page.WaitForPathAsync("/summary");

        await TurnOnTwoStepAsync(page, "Activer");
        var on = await ReadEmailAsync("avis@client.example", "Vérification en deux étapes activée");
        await page.Locator("#CurrentPassword").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Désactiver la vérification en deux étapes" }).ClickAsync();
        await page.GetByRole(AriaRole.Status).WaitForAsync();
        var off = await ReadEmailAsync("avis@client.example", "Vérification en deux étapes désactivée");

        Assert.Contains("Pat Payer", on, StringComparison.Ordinal);
        Assert.Contains("Si ce n'est pas vous", off, StringComparison.Ordinal);
    }

    private DateTimeOffset Now => Clock.GetUtcNow();

    private static string Compact(string key) => key.Replace(" ", "", StringComparison.Ordinal);

    /// <summary>Opens Security and asks for a new key: the one action that makes one.</summary>
    private static async Task StartAuthenticatorSetUpAsync(IPage page)
    {
        await page.GotoAsync("/account/security");
        await page.Locator("form[action*=SetUp] button").ClickAsync();
        await page.Locator("#shared-key").WaitForAsync();
    }

    private static async Task SignInWithCodeAsync(IPage page, string code)
    {
        await SignInAsync(page, "replay@client.example", Password);
        await page.WaitForURLAsync("**/signin/two-step**");
        await page.Locator("#Code").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
    }

    /// <summary>Sets up an authenticator on the Security page and turns two-step verification on; returns the key and the recovery codes shown.</summary>
    private async Task<(string Key, IReadOnlyList<string> RecoveryCodes)> TurnOnTwoStepAsync(IPage page, string turnOn = "Turn on")
    {
        await StartAuthenticatorSetUpAsync(page);
        var key = await page.Locator("#shared-key").InnerTextAsync();
        await page.Locator("#Code").FillAsync(Totp.Code(key, Now));
        await page.GetByRole(AriaRole.Button, new() { Name = turnOn }).ClickAsync();
        await page.GetByRole(AriaRole.Status).WaitForAsync();
        return (key, await page.Locator("#recovery-codes li").AllInnerTextsAsync());
    }

    /// <summary>Everything the database holds about portal people and their tokens, to compare before and after.</summary>
    private async Task<string> PortalUserRowsAsync()
    {
        await using var db = Database.NewContext();
        var users = await db.Users.AsNoTracking().OrderBy(u => u.Id).ToListAsync();
        var tokens = await db.UserTokens.AsNoTracking().OrderBy(t => t.UserId).ThenBy(t => t.LoginProvider).ThenBy(t => t.Name).ToListAsync();
        return System.Text.Json.JsonSerializer.Serialize(new { users, tokens });
    }

    [Fact]
    public async Task A_stranger_cannot_tell_a_locked_account_or_a_wrong_password_from_an_address_with_no_account()
    {
        await AddAccountAsync("1000066");
        MoveClockTo(2026, 11, 1);
        await RegisterAsync("1000066", "locked@client.example", PortalRole.Admin);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(BaseAddress, "en-CA");
        async Task<string> SignInAnswerAsync(string email, string password)
        {
            await SignInAsync(page, email, password);
            return await page.GetByRole(AriaRole.Alert).InnerTextAsync();
        }

        var unknown = await SignInAnswerAsync("nobody@client.example", "Whatever-Password-1");
        var wrong = await SignInAnswerAsync("locked@client.example", "Wrong-Password-12");
        for (var attempt = 2; attempt <= 5; attempt++)
        {
            await SignInAnswerAsync("locked@client.example", "Wrong-Password-12");
        }
        var lockedWithTheRightPassword = await SignInAnswerAsync("locked@client.example", Password);

        Assert.Equal(unknown, wrong);
        Assert.Equal(unknown, lockedWithTheRightPassword);
        Assert.Contains("After five failed attempts", unknown, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/signin", true)]
    [InlineData("/request-invitation", true)]
    [InlineData("/admin/signin", true)]
    [InlineData("/api/v1/accounts/1000067", false)]
    [InlineData("/api/v1/invoices/F000000001", false)]
    public async Task Every_answer_forbids_framing_and_type_guessing_and_every_page_forbids_scripts(string path, bool page)
    {
        await AddAccountAsync("1000067");
        await PlaceOrderAsync("1000067", unitPrice: 100m);
        MoveClockTo(2026, 11, 1);
        await BillAsync(October);

        using var first = await Api.GetAsync(path);
        using var second = await Api.GetAsync(path);

        foreach (var response in new[] { first, second })
        {
            Assert.True(response.IsSuccessStatusCode, $"{path}: {response.StatusCode}");
            Assert.Equal(page, response.Headers.TryGetValues("Content-Security-Policy", out var policies));
            if (page)
            {
                var policy = string.Join(",", policies!);
                Assert.Contains("script-src 'none'", policy, StringComparison.Ordinal);
                Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
            }
            Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("DENY", string.Join(",", response.Headers.GetValues("X-Frame-Options")));
            Assert.Equal("same-origin", string.Join(",", response.Headers.GetValues("Referrer-Policy")));
        }
    }

    [Fact]
    public async Task Opening_the_security_page_signs_nobody_out()
    {
        await AddAccountAsync("1000065");
        MoveClockTo(2026, 11, 1);
        await RegisterAsync("1000065", "curious@client.example", PortalRole.Admin);
        await using var browser = await Browser.LaunchAsync();
        var office = await browser.NewPageAsync(BaseAddress, "en-CA");
        var phone = await browser.NewPageAsync(BaseAddress, "en-CA");
        foreach (var page in new[] { office, phone })
        {
            await SignInAsync(page, "curious@client.example", Password);
            await page.WaitForPathAsync("/summary");
        }

        await office.GotoAsync("/account/security");
        await StartAuthenticatorSetUpAsync(office);
        var key = await office.Locator("#shared-key").InnerTextAsync();
        Clock.Advance(TimeSpan.FromMinutes(2));
        await office.GotoAsync("/summary");
        var officeAfter = new Uri(office.Url).AbsolutePath;
        await phone.GotoAsync("/summary");
        var phoneAfter = new Uri(phone.Url).AbsolutePath;
        await office.GotoAsync("/account/security");

        Assert.Equal(("/summary", "/summary"), (officeAfter, phoneAfter));
        Assert.Equal(key, await office.Locator("#shared-key").InnerTextAsync());
    }

    [Fact]
    public async Task Sign_out_everywhere_ends_the_other_browsers_session_and_turning_two_step_off_needs_the_password()
    {
        await AddAccountAsync("1000062");
        var link = await InviteAndReadLinkAsync("1000062", "everywhere@client.example", Language.Fr);
        await using var browser = await Browser.LaunchAsync();
        var office = await browser.NewPageAsync(BaseAddress, "fr-CA");
        await RegisterAsync(office, link);
        var phone = await browser.NewPageAsync(BaseAddress, "fr-CA");
        await SignInAsync(phone, "everywhere@client.example", Password);
        await phone.WaitForPathAsync("/summary");

        await TurnOnTwoStepAsync(office, "Activer");
        await office.Locator("#CurrentPassword").FillAsync("Pas-Le-Bon-Passe-1");
        await office.GetByRole(AriaRole.Button, new() { Name = "Désactiver la vérification en deux étapes" }).ClickAsync();
        var wrongPassword = await office.GetByRole(AriaRole.Alert).InnerTextAsync();
        var stillOn = await office.GetByRole(AriaRole.Button, new() { Name = "Désactiver la vérification en deux étapes" }).CountAsync();
        await office.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter partout" }).ClickAsync();
        var signedOut = await office.GetByRole(AriaRole.Status).InnerTextAsync();
        Clock.Advance(TimeSpan.FromMinutes(2));
        await phone.GotoAsync("/summary");

        Assert.Equal("Le mot de passe actuel est incorrect.", wrongPassword);
        Assert.Equal(1, stillOn);
        Assert.Equal("Vous êtes déconnecté de tous vos appareils.", signedOut);
        Assert.Contains("/signin", phone.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Guessing_an_account_proof_or_security_answers_from_one_address_is_stopped_after_ten_tries()
    {
        await AddAccountAsync("1000063");
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(BaseAddress, "fr-CA");

        var refusals = new List<string>();
        for (var attempt = 1; attempt <= PortalRateLimits.PostsPerWindow; attempt++)
        {
            refusals.Add(await RequestInvitationAsync(page, "1000063", "F000000001", $"{attempt},00", "devine@client.example"));
        }
        await page.GotoAsync("/request-invitation");
        var formStillShown = await page.Locator("#CustomerNumber").CountAsync();
        await page.Locator("#CustomerNumber").FillAsync("1000063");
        await page.Locator("#InvoiceNumber").FillAsync("F000000001");
        await page.Locator("#InvoiceTotal").FillAsync("11,00");
        await page.Locator("#FullName").FillAsync("Devin Devine");
        await page.Locator("#Email").FillAsync("devine@client.example");
        var eleventh = await page.RunAndWaitForResponseAsync(() => page.Locator("main form button[type=submit]").ClickAsync(), r => r.Request.Method == "POST");
        var stopped = await page.Locator("body").InnerTextAsync();
        var forgotPassword = await page.APIRequest.PostAsync("/forgot-password?handler=Link");

        Assert.All(refusals, r => Assert.StartsWith("Merci. Si ces renseignements correspondent", r, StringComparison.Ordinal));
        Assert.Equal(1, formStillShown);
        Assert.Equal(429, eleventh.Status);
        Assert.Contains("Trop de demandes", stopped, StringComparison.Ordinal);
        // Each form has its own count: an office that used up the invitation form can still recover a password.
        Assert.NotEqual(429, forgotPassword.Status);
        await using var db = Database.NewContext();
        Assert.Empty(await db.Invitations.ToListAsync());
    }

    [Fact]
    public async Task A_signed_in_person_guessing_customer_number_proofs_or_flooding_questions_is_stopped_after_ten_tries()
    {
        await AddAccountAsync("1000064");
        MoveClockTo(2026, 11, 1);
        await RegisterAsync("1000064", "guesser@client.example", PortalRole.Admin);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(BaseAddress, "en-CA");
        await SignInAsync(page, "guesser@client.example", Password);
        await page.WaitForPathAsync("/summary");

        var proofs = new List<int>();
        var questions = new List<int>();
        for (var attempt = 0; attempt <= PortalRateLimits.PostsPerWindow; attempt++)
        {
            proofs.Add((await page.APIRequest.PostAsync("/business/users?handler=Link")).Status);
            questions.Add((await page.APIRequest.PostAsync("/support")).Status);
        }
        var addUser = await page.APIRequest.PostAsync("/business/users?handler=Add");
        var stopped = await (await page.APIRequest.PostAsync("/business/users?handler=Link")).TextAsync();

        Assert.All(proofs.Take(PortalRateLimits.PostsPerWindow).Concat(questions.Take(PortalRateLimits.PostsPerWindow)), status => Assert.NotEqual(429, status));
        Assert.Equal((429, 429), (proofs[^1], questions[^1]));
        Assert.NotEqual(429, addUser.Status);
        Assert.Contains("Too many requests", stopped, StringComparison.Ordinal);
    }
}

public sealed class PortalSecurityTestsOnSqlite() : PortalSecurityTests(DatabaseProvider.Sqlite);
public sealed class PortalSecurityTestsOnPostgres() : PortalSecurityTests(DatabaseProvider.Postgres);
