using Facturo.Data;
using Facturo.Infrastructure;
using Facturo.Portal;
using Facturo.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Facturo.Admin;

/// <summary>Back-office sessions are kept on the server too: signing out, the idle time-out and a disabled account end them at once.</summary>
public abstract class StaffSessionTests(DatabaseProvider provider) : PortalTest(provider)
{
    private const string CookieName = "facturo-staff";

    [Fact]
    public async Task A_copied_staff_cookie_stops_working_as_soon_as_the_administrator_signs_out()
    {
        await CreateStaffAsync("root@staff.example", StaffRole.Administrator);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(BaseAddress, "en-CA");
        await SignInAsStaffAsync(page, "root@staff.example");
        using var copy = await CopiedCookie.FromAsync(page, BaseAddress, CookieName);

        var beforeSignOut = await copy.OpenAsync("/admin/audit");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).ClickAsync();
        await page.WaitForPathAsync("/admin/signin");
        var afterSignOut = await copy.OpenAsync("/admin/audit");

        Assert.Equal(("in", "/admin/signin"), (beforeSignOut, afterSignOut));
    }

    [Fact]
    public async Task A_staff_session_left_idle_for_half_an_hour_is_refused()
    {
        await CreateStaffAsync("idle@staff.example", StaffRole.Administrator);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(BaseAddress, "en-CA");
        await SignInAsStaffAsync(page, "idle@staff.example");
        using var copy = await CopiedCookie.FromAsync(page, BaseAddress, CookieName);

        Clock.Advance(TimeSpan.FromMinutes(29));
        var after29Minutes = await copy.OpenAsync("/admin");
        Clock.Advance(TimeSpan.FromMinutes(31));
        var after31IdleMinutes = await copy.OpenAsync("/admin");

        Assert.Equal(("in", "/admin/signin"), (after29Minutes, after31IdleMinutes));
    }

    [Fact]
    public async Task The_cookie_given_after_the_password_is_worthless_once_the_code_is_given()
    {
        await CreateStaffAsync("steps@staff.example", StaffRole.Administrator);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(BaseAddress, "en-CA");
        await page.GotoAsync("/admin/signin");
        await page.Locator("#Email").FillAsync("steps@staff.example");
        await page.Locator("#Password").FillAsync(AgentPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.WaitForPathAsync("/admin/two-step");
        using var halfway = await CopiedCookie.FromAsync(page, BaseAddress, CookieName);
        var key = await page.GetByTestId("totp-key").InnerTextAsync();

        await page.Locator("#Code").FillAsync(Portal.Totp.Code(key, Clock.GetUtcNow()));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForPathAsync("/admin");
        using var full = await CopiedCookie.FromAsync(page, BaseAddress, CookieName);

        Assert.Equal("/admin/signin", await halfway.OpenAsync("/admin/two-step"));
        Assert.Equal("in", await full.OpenAsync("/admin"));
    }

    [Fact]
    public async Task Disabling_a_staff_member_ends_their_open_session_at_once()
    {
        var staff = await CreateStaffAsync("leaving@staff.example", StaffRole.CustomerRelations);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(BaseAddress, "en-CA");
        await SignInAsStaffAsync(page, "leaving@staff.example");
        using var copy = await CopiedCookie.FromAsync(page, BaseAddress, CookieName);

        var before = await copy.OpenAsync("/admin/customers");
        await using (var db = Database.NewContext())
        {
            await db.StaffMembers.Where(s => s.Id == staff.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.DisabledAt, Clock.GetUtcNow()));
        }
        var after = await copy.OpenAsync("/admin/customers");

        Assert.Equal(("in", "/admin/signin"), (before, after));
    }
}

public sealed class StaffSessionTestsOnSqlite() : StaffSessionTests(DatabaseProvider.Sqlite);
public sealed class StaffSessionTestsOnPostgres() : StaffSessionTests(DatabaseProvider.Postgres);
