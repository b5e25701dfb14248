using System.Security.Claims;
using Facturo.Accounts;
using Facturo.Data;
using Facturo.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace Facturo.Portal;

/// <summary>
/// Portal sessions are kept on the server: signing out, "sign out everywhere", a removal, a password reset and the
/// time-outs end a session at once, whatever a copied cookie still says.
/// </summary>
public abstract class PortalSessionTests(DatabaseProvider provider) : PortalTest(provider)
{
    private const string CookieName = "facturo-session";

    [Fact]
    public async Task A_copied_cookie_stops_working_as_soon_as_its_owner_signs_out()
    {
        await AddAccountAsync("1000071");
        await RegisterAsync("1000071", "copied@client.example", PortalRole.Admin);
        await using var browser = await Browser.LaunchAsync();
        var page = await SignedInAsync(browser, "copied@client.example");
        using var copy = await CopiedCookie.FromAsync(page, BaseAddress, CookieName);

        var beforeSignOut = await copy.OpenAsync("/summary");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).ClickAsync();
        await page.WaitToLeaveAsync("/summary");
        var afterSignOut = await copy.OpenAsync("/summary");

        Assert.Equal(("in", "/signin"), (beforeSignOut, afterSignOut));
    }

    [Fact]
    public async Task Sign_out_everywhere_ends_the_other_browsers_session_at_once()
    {
        await AddAccountAsync("1000072");
        await RegisterAsync("1000072", "two-browsers@client.example", PortalRole.Admin);
        await using var browser = await Browser.LaunchAsync();
        var office = await SignedInAsync(browser, "two-browsers@client.example");
        var phone = await SignedInAsync(browser, "two-browsers@client.example");
        using var copy = await CopiedCookie.FromAsync(phone, BaseAddress, CookieName);

        await office.GotoAsync("/account/security");
        await office.GetByRole(AriaRole.Button, new() { Name = "Sign out everywhere" }).ClickAsync();
        await office.GetByRole(AriaRole.Status).WaitForAsync();
        await phone.GotoAsync("/summary");

        Assert.Equal("/signin", new Uri(phone.Url).AbsolutePath);
        Assert.Equal("/signin", await copy.OpenAsync("/summary"));
    }

    [Fact]
    public async Task A_session_left_idle_for_an_hour_is_refused_though_its_cookie_has_not_expired()
    {
        await AddAccountAsync("1000073");
        await RegisterAsync("1000073", "idle@client.example", PortalRole.Admin);
        await using var browser = await Browser.LaunchAsync();
        using var copy = await CopiedCookie.FromAsync(await SignedInAsync(browser, "idle@client.example"), BaseAddress, CookieName);

        Clock.Advance(TimeSpan.FromMinutes(59));
        var after59Minutes = await copy.OpenAsync("/summary");
        Clock.Advance(TimeSpan.FromMinutes(59));
        var after59MoreMinutes = await copy.OpenAsync("/summary");
        Clock.Advance(TimeSpan.FromMinutes(61));
        var after61IdleMinutes = await copy.OpenAsync("/summary");

        Assert.Equal(("in", "in", "/signin"), (after59Minutes, after59MoreMinutes, after61IdleMinutes));
    }

    [Fact]
    public async Task Requests_write_the_last_seen_time_at_most_once_a_minute()
    {
        await AddAccountAsync("1000081");
        await RegisterAsync("1000081", "quiet@client.example", PortalRole.Admin);
        await using var browser = await Browser.LaunchAsync();
        using var copy = await CopiedCookie.FromAsync(await SignedInAsync(browser, "quiet@client.example"), BaseAddress, CookieName);
        var signedInAt = Clock.GetUtcNow();
        async Task<DateTimeOffset> LastSeenAsync()
        {
            await using var db = Database.NewContext();
            return (await db.AuthSessions.SingleAsync(s => s.RevokedAt == null)).LastSeenAt;
        }

        Clock.Advance(TimeSpan.FromSeconds(50));
        for (var request = 0; request < 5; request++)
        {
            Assert.Equal("in", await copy.OpenAsync("/summary"));
        }
        var withinTheMinute = await LastSeenAsync();
        Clock.Advance(TimeSpan.FromSeconds(20));
        await copy.OpenAsync("/summary");
        var aMinuteLater = await LastSeenAsync();

        Assert.Equal(signedInAt, withinTheMinute);
        Assert.Equal(signedInAt.AddSeconds(70), aMinuteLater);
    }

    [Fact]
    public async Task A_session_in_use_all_day_still_ends_twelve_hours_after_signing_in()
    {
        await AddAccountAsync("1000074");
        await RegisterAsync("1000074", "busy@client.example", PortalRole.Admin);
        await using var browser = await Browser.LaunchAsync();
        using var copy = await CopiedCookie.FromAsync(await SignedInAsync(browser, "busy@client.example"), BaseAddress, CookieName);

        var during = new List<string>();
        for (var step = 0; step < 13; step++)
        {
            Clock.Advance(TimeSpan.FromMinutes(55));
            during.Add(await copy.OpenAsync("/summary"));
        }
        Clock.Advance(TimeSpan.FromMinutes(10));
        var after12Hours5Minutes = await copy.OpenAsync("/summary");

        Assert.All(during, answer => Assert.Equal("in", answer));
        Assert.Equal("/signin", after12Hours5Minutes);
    }

    [Fact]
    public async Task A_tampered_cookie_or_a_well_sealed_cookie_naming_an_unknown_session_is_refused()
    {
        await AddAccountAsync("1000075");
        await RegisterAsync("1000075", "tamper@client.example", PortalRole.Admin);
        await using var browser = await Browser.LaunchAsync();
        using var copy = await CopiedCookie.FromAsync(await SignedInAsync(browser, "tamper@client.example"), BaseAddress, CookieName);
        var value = copy.Value;
        var middle = value.Length / 2;
        using var tampered = CopiedCookie.Forged(BaseAddress, CookieName, value[..middle] + (value[middle] == 'A' ? 'B' : 'A') + value[(middle + 1)..]);
        var unknownSession = new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim("Microsoft.AspNetCore.Authentication.Cookies-SessionId", Convert.ToBase64String(Guid.NewGuid().ToByteArray()))], IdentityConstants.ApplicationScheme)),
            IdentityConstants.ApplicationScheme);
        using var forged = CopiedCookie.Forged(BaseAddress, CookieName, CookieFormat.Protect(unknownSession));

        Assert.Equal("in", await copy.OpenAsync("/summary"));
        Assert.Equal("/signin", await tampered.OpenAsync("/summary"));
        Assert.Equal("/signin", await forged.OpenAsync("/summary"));
    }

    [Fact]
    public async Task The_cookie_carries_a_session_key_and_none_of_the_persons_claims()
    {
        await AddAccountAsync("1000076");
        await RegisterAsync("1000076", "small-cookie@client.example", PortalRole.Admin);
        await using var browser = await Browser.LaunchAsync();
        using var copy = await CopiedCookie.FromAsync(await SignedInAsync(browser, "small-cookie@client.example"), BaseAddress, CookieName);

        var inside = CookieFormat.Unprotect(copy.Value)!;

        var claim = Assert.Single(inside.Principal.Claims);
        Assert.Equal("Microsoft.AspNetCore.Authentication.Cookies-SessionId", claim.Type);
        Assert.True(copy.Value.Length < 600, $"{copy.Value.Length} characters");
    }

    [Fact]
    public async Task Removing_a_person_ends_their_open_session_at_once()
    {
        await AddAccountAsync("1000077");
        var admin = await RegisterAsync("1000077", "boss@client.example", PortalRole.Admin);
        var leaving = await RegisterAsync("1000077", "leaving@client.example", PortalRole.Viewer);
        await using var browser = await Browser.LaunchAsync();
        using var copy = await CopiedCookie.FromAsync(await SignedInAsync(browser, "leaving@client.example"), BaseAddress, CookieName);

        var before = await copy.OpenAsync("/summary");
        var removed = await InScopeAsync<EnterpriseUsers, Platform.Outcome<PortalUser>>(u => u.RemoveAsync(admin, leaving.Id, CancellationToken.None));
        var after = await copy.OpenAsync("/summary");

        Assert.True(removed.Succeeded, removed.Error?.Code);
        Assert.Equal(("in", "/signin"), (before, after));
    }

    [Fact]
    public async Task A_password_reset_ends_the_sessions_opened_with_the_old_password()
    {
        await AddAccountAsync("1000078");
        await RegisterAsync("1000078", "reset@client.example", PortalRole.Admin);
        await using var browser = await Browser.LaunchAsync();
        using var copy = await CopiedCookie.FromAsync(await SignedInAsync(browser, "reset@client.example"), BaseAddress, CookieName);

        var before = await copy.OpenAsync("/summary");
        var refused = await InScopeAsync<PasswordRecovery, Platform.UserError?>(r => r.ResetWithAnswersAsync("reset@client.example", "Rex", "Laval", "Brand-New-Pass-78", CancellationToken.None));
        var after = await copy.OpenAsync("/summary");

        Assert.Null(refused);
        Assert.Equal(("in", "/signin"), (before, after));
    }

    [Fact]
    public async Task Changing_the_password_ends_every_other_session_at_once_and_keeps_this_one()
    {
        await AddAccountAsync("1000083");
        await RegisterAsync("1000083", "change@client.example", PortalRole.Admin);
        await using var browser = await Browser.LaunchAsync();
        using var other = await CopiedCookie.FromAsync(await SignedInAsync(browser, "change@client.example"), BaseAddress, CookieName);
        var page = await SignedInAsync(browser, "change@client.example");

        await page.GotoAsync("/account/password");
        await page.Locator("#PasswordCurrent").FillAsync(Password);
        await page.Locator("#NewPassword").FillAsync("Quite-Another-Pass-83");
        await page.Locator("#ConfirmPassword").FillAsync("Quite-Another-Pass-83");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change the password" }).ClickAsync();
        var changed = await page.GetByRole(AriaRole.Status).InnerTextAsync();
        var otherAfter = await other.OpenAsync("/summary");
        var thisAfter = await page.GotoAsync("/summary");

        Assert.Equal("Your password was changed.", changed);
        Assert.Equal("/signin", otherAfter);
        Assert.Equal("/summary", new Uri(thisAfter!.Url).AbsolutePath);
    }

    [Fact]
    public async Task Signing_in_again_gives_a_new_session_key_and_the_old_one_is_refused()
    {
        await AddAccountAsync("1000079");
        await RegisterAsync("1000079", "again@client.example", PortalRole.Admin);
        await using var browser = await Browser.LaunchAsync();
        var page = await SignedInAsync(browser, "again@client.example");
        using var first = await CopiedCookie.FromAsync(page, BaseAddress, CookieName);

        await SignInAsync(page, "again@client.example", Password);
        await page.WaitForPathAsync("/summary");
        using var second = await CopiedCookie.FromAsync(page, BaseAddress, CookieName);

        Assert.NotEqual(first.Value, second.Value);
        Assert.Equal(("/signin", "in"), (await first.OpenAsync("/summary"), await second.OpenAsync("/summary")));
    }

    [Fact]
    public async Task A_person_sees_their_open_sessions_signs_one_out_and_naming_someone_elses_session_changes_nothing()
    {
        await AddAccountAsync("1000080");
        await RegisterAsync("1000080", "plusieurs@client.example", PortalRole.Admin, Language.Fr);
        await RegisterAsync("1000080", "colleague@client.example", PortalRole.Viewer, Language.En);
        await using var browser = await Browser.LaunchAsync();
        var office = await SignedInAsync(browser, "plusieurs@client.example", "fr-CA");
        var phone = await SignedInAsync(browser, "plusieurs@client.example", "fr-CA");
        using var phoneCopy = await CopiedCookie.FromAsync(phone, BaseAddress, CookieName);
        var colleague = await SignedInAsync(browser, "colleague@client.example");
        using var colleagueCopy = await CopiedCookie.FromAsync(await SignedInAsync(browser, "colleague@client.example"), BaseAddress, CookieName);
        Dictionary<string, long> sessionOf;
        await using (var db = Database.NewContext())
        {
            var users = await db.Users.ToDictionaryAsync(u => u.Id, u => u.Email!);
            sessionOf = (await db.AuthSessions.OrderBy(s => s.Id).ToListAsync()).GroupBy(s => users[s.UserId]).ToDictionary(g => g.Key, g => g.First().Id);
        }
        async Task<string> EndSessionAsync(IPage page, long? sessionId)
        {
            await page.GotoAsync("/account/security");
            if (sessionId is not null)
            {
                await page.EvaluateAsync("id => document.querySelector('[data-testid=sessions] input[name=sessionId]').value = id", sessionId.ToString());
            }
            await page.Locator("[data-testid=sessions] form button").ClickAsync();
            return await page.Locator("main [role=status], main [role=alert]").First.InnerTextAsync();
        }

        await office.GotoAsync("/account/security");
        var rowsSeen = await office.Locator("[data-testid=sessions] tbody tr").AllInnerTextsAsync();
        var refusedInFrench = await EndSessionAsync(office, sessionOf["colleague@client.example"]);
        var refusedInEnglish = await EndSessionAsync(colleague, sessionOf["plusieurs@client.example"]);
        var ended = await EndSessionAsync(office, null);

        Assert.Equal(2, rowsSeen.Count);
        Assert.Single(rowsSeen, r => r.Contains("Ce navigateur", StringComparison.Ordinal));
        Assert.Equal("Cette session n'est pas l'une de vos sessions ouvertes (elle est peut-être déjà fermée). Rien n'a changé.", refusedInFrench);
        Assert.Equal("That session is not one of your open sessions (it may be signed out already). Nothing was changed.", refusedInEnglish);
        Assert.StartsWith("Cette session est fermée", ended, StringComparison.Ordinal);
        Assert.Equal(("/signin", "in"), (await phoneCopy.OpenAsync("/summary"), await colleagueCopy.OpenAsync("/summary")));
        Assert.Equal(0, await office.Locator("[data-testid=sessions] form").CountAsync());
        Assert.Equal("/account/security", new Uri(office.Url).AbsolutePath);
    }

    private ISecureDataFormat<AuthenticationTicket> CookieFormat =>
        App.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme).TicketDataFormat;

    private async Task<IPage> SignedInAsync(Browser browser, string email, string locale = "en-CA")
    {
        var page = await browser.NewPageAsync(BaseAddress, locale);
        await SignInAsync(page, email, Password);
        await page.WaitForPathAsync("/summary");
        return page;
    }
}

public sealed class PortalSessionTestsOnSqlite() : PortalSessionTests(DatabaseProvider.Sqlite);
public sealed class PortalSessionTestsOnPostgres() : PortalSessionTests(DatabaseProvider.Postgres);
