using Facturo.Accounts;
using Facturo.Data;
using Facturo.Infrastructure;
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

        await page.GotoAsync("/account/security");
        var key = await page.Locator("#shared-key").InnerTextAsync();
        await page.Locator("#Code").FillAsync(Totp.Code(key, TimeProvider.System.GetUtcNow().AddHours(1)));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on" }).ClickAsync();
        var wrongSetupCode = await page.GetByRole(AriaRole.Alert).InnerTextAsync();
        await page.Locator("#Code").FillAsync(Totp.Code(key, TimeProvider.System.GetUtcNow()));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on" }).ClickAsync();
        var turnedOn = await page.GetByRole(AriaRole.Status).InnerTextAsync();
        var recoveryCodes = await page.Locator("#recovery-codes li").AllInnerTextsAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).ClickAsync();

        await SignInAsync(page, "twostep@client.example", Password);
        await page.WaitForURLAsync("**/signin/two-step**");
        var askedBeforeSummary = await page.GotoAsync("/summary");
        var summaryWithoutCode = page.Url;
        await page.GoBackAsync();
        await page.Locator("#Code").FillAsync(Totp.Code(key, TimeProvider.System.GetUtcNow().AddHours(-1)));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        var wrongCode = await page.GetByRole(AriaRole.Alert).InnerTextAsync();
        await page.Locator("#Code").FillAsync(Totp.Code(key, TimeProvider.System.GetUtcNow()));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await page.WaitForURLAsync("**/summary");
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
        await page.WaitForURLAsync("**/summary");
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
            await page.WaitForURLAsync("**/summary", new() { WaitUntil = WaitUntilState.Commit });
        }

        await office.GotoAsync("/account/security");
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
        await phone.WaitForURLAsync("**/summary");

        await office.GotoAsync("/account/security");
        var key = await office.Locator("#shared-key").InnerTextAsync();
        await office.Locator("#Code").FillAsync(Totp.Code(key, TimeProvider.System.GetUtcNow()));
        await office.GetByRole(AriaRole.Button, new() { Name = "Activer" }).ClickAsync();
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
        await page.WaitForURLAsync("**/summary", new() { WaitUntil = WaitUntilState.Commit });

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
