using System.Net;
using System.Net.Http.Json;
using Facturo.Data;
using Facturo.Infrastructure;
using Facturo.Platform;
using Facturo.Portal;
using Facturo.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Facturo.Api;

/// <summary>
/// Administrators issue, rotate and revoke API keys at /admin/api-keys: the secret is shown once, a revoked key stops at once,
/// a rotated one keeps working for its grace period, and each change is in the staff audit log.
/// </summary>
public abstract class ApiKeyAdministrationTests(DatabaseProvider provider) : PortalTest(provider)
{
    private const string Admin = "keys@admin.example";

    [Fact]
    public async Task An_administrator_issues_a_key_limited_to_an_account_which_is_shown_once_and_works_with_its_scopes_only()
    {
        await AddAccountAsync("1000701");
        await AddAccountAsync("1000702");
        await CreateStaffAsync(Admin, StaffRole.Administrator);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(BaseAddress, "en-CA");
        await SignInAsStaffAsync(page, Admin);

        await page.GotoAsync("/admin/api-keys");
        await page.Locator("#Name").FillAsync("Shipping tool");
        await page.Locator("input[name=Scopes][value=Read]").CheckAsync();
        await page.Locator("#CustomerNumbers").FillAsync("1000701, 1999999");
        await page.GetByRole(AriaRole.Button, new() { Name = "Issue the key" }).ClickAsync();
        var unknownAccount = await page.GetByTestId("error-CustomerNumbers").InnerTextAsync();
        await page.Locator("#CustomerNumbers").FillAsync("1000701");
        await page.GetByRole(AriaRole.Button, new() { Name = "Issue the key" }).ClickAsync();
        var secret = await page.GetByTestId("secret").InnerTextAsync();
        await page.GotoAsync("/admin/api-keys");
        var secondVisit = await page.ContentAsync();
        var listed = await page.GetByTestId("api-keys").InnerTextAsync();

        Assert.Contains("1999999", unknownAccount, StringComparison.Ordinal);
        Assert.StartsWith(ApiKey.Prefix, secret, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, secondVisit, StringComparison.Ordinal);
        Assert.Contains("Shipping tool", listed, StringComparison.Ordinal);
        using var key = new HttpClient { BaseAddress = BaseAddress };
        key.DefaultRequestHeaders.Add("X-Api-Key", secret);
        Assert.Equal(HttpStatusCode.OK, (await key.GetAsync("/api/v1/accounts/1000701")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await key.GetAsync("/api/v1/accounts/1000702")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await key.PostAsJsonAsync("/api/v1/orders", new { customerNumber = "1000701" })).StatusCode);
        await using var db = Database.NewContext();
        var stored = await db.Set<ApiKey>().SingleAsync(k => k.Name == "Shipping tool");
        Assert.Equal(("read", "1000701", Admin), (stored.Scopes, stored.CustomerNumbers, stored.IssuedBy));
        var audited = await db.StaffAuditEntries.SingleAsync(e => e.Action == "api-key.issue");
        Assert.DoesNotContain(secret, audited.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revoked_key_is_refused_at_once_and_its_page_shows_what_it_did()
    {
        await AddAccountAsync("1000703");
        var admin = await CreateStaffAsync(Admin, StaffRole.Administrator);
        var issued = await IssueAsync(admin, "ERP");
        using var key = ClientWith(issued.Secret);
        Assert.Equal(HttpStatusCode.Created, (await PlaceOrderWithAsync(key, "1000703")).StatusCode);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(BaseAddress, "en-CA");
        await SignInAsStaffAsync(page, Admin);

        await page.GotoAsync($"/admin/api-keys/{issued.Key.Id}");
        var writes = await page.GetByTestId("api-key-writes").InnerTextAsync();
        var before = await key.GetAsync("/api/v1/accounts/1000703");
        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke the key" }).ClickAsync();
        var notice = await page.GetByRole(AriaRole.Status).InnerTextAsync();
        var afterRevoke = await key.GetAsync("/api/v1/accounts/1000703");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Contains("PlaceOrder", writes, StringComparison.Ordinal);
        Assert.Contains("/api/v1/orders/", writes, StringComparison.Ordinal);
        Assert.Contains("is revoked", notice, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, afterRevoke.StatusCode);
        await using var db = Database.NewContext();
        var revoked = await db.Set<ApiKey>().SingleAsync(k => k.Id == issued.Key.Id);
        Assert.Equal((Clock.GetUtcNow(), Admin), (revoked.RevokedAt, revoked.RevokedBy));
        Assert.Equal(1, await db.StaffAuditEntries.CountAsync(e => e.Action == "api-key.revoke"));
    }

    [Fact]
    public async Task A_rotated_key_keeps_its_old_secret_working_for_24_hours_then_only_the_new_one_works()
    {
        await AddAccountAsync("1000704");
        var admin = await CreateStaffAsync(Admin, StaffRole.Administrator);
        var issued = await IssueAsync(admin, "Online banking");
        var rotated = await AsStaffAsync(admin, s => s.GetRequiredService<IssueApiKey>().RotateAsync(issued.Key.Id, CancellationToken.None));
        using var previous = ClientWith(issued.Secret);
        using var current = ClientWith(rotated.Value!.Secret);

        var previousDuringGrace = await previous.GetAsync("/api/v1/accounts/1000704");
        Clock.Advance(ApiKey.RotationGrace - TimeSpan.FromSeconds(1));
        var previousAtGraceEnd = await previous.GetAsync("/api/v1/accounts/1000704");
        Clock.Advance(TimeSpan.FromSeconds(1));
        var previousAfterGrace = await previous.GetAsync("/api/v1/accounts/1000704");
        var currentAfterGrace = await current.GetAsync("/api/v1/accounts/1000704");

        Assert.NotEqual(issued.Secret, rotated.Value.Secret);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Unauthorized, HttpStatusCode.OK),
            (previousDuringGrace.StatusCode, previousAtGraceEnd.StatusCode, previousAfterGrace.StatusCode, currentAfterGrace.StatusCode));
        await using var db = Database.NewContext();
        Assert.Equal(1, await db.StaffAuditEntries.CountAsync(e => e.Action == "api-key.rotate"));
    }

    [Fact]
    public async Task A_key_is_used_at_most_once_a_minute_in_its_last_used_time()
    {
        await AddAccountAsync("1000705");
        var admin = await CreateStaffAsync(Admin, StaffRole.Administrator);
        var issued = await IssueAsync(admin, "Reporting");
        using var key = ClientWith(issued.Secret);
        var issuedAt = Clock.GetUtcNow();

        await key.GetAsync("/api/v1/accounts/1000705");
        Clock.Advance(TimeSpan.FromSeconds(30));
        await key.GetAsync("/api/v1/accounts/1000705");
        var withinTheMinute = await LastUsedAsync(issued.Key.Id);
        Clock.Advance(TimeSpan.FromSeconds(30));
        await key.GetAsync("/api/v1/accounts/1000705");

        Assert.Equal(issuedAt, withinTheMinute);
        Assert.Equal(issuedAt.AddMinutes(1), await LastUsedAsync(issued.Key.Id));
    }

    [Fact]
    public async Task A_key_needs_a_name_and_a_scope_and_nothing_is_issued_without_them()
    {
        var admin = await CreateStaffAsync(Admin, StaffRole.Administrator);

        var unnamed = await AsStaffAsync(admin, s => s.GetRequiredService<IssueApiKey>().IssueAsync(new NewApiKey(" ", [ApiScope.Read], []), CancellationToken.None));
        var unscoped = await AsStaffAsync(admin, s => s.GetRequiredService<IssueApiKey>().IssueAsync(new NewApiKey("ERP", [], []), CancellationToken.None));

        Assert.Equal(("apikey.name-invalid", "apikey.scopes-missing"), (unnamed.Error?.Code, unscoped.Error?.Code));
        Assert.Contains("portée", unscoped.Error!.Message(Accounts.Language.Fr), StringComparison.Ordinal);
        await using var db = Database.NewContext();
        Assert.Equal(1, await db.Set<ApiKey>().CountAsync());
        Assert.Equal(0, await db.StaffAuditEntries.CountAsync());
    }

    private async Task<IssuedApiKey> IssueAsync(StaffMember admin, string name)
    {
        var issued = await AsStaffAsync(admin, s => s.GetRequiredService<IssueApiKey>().IssueAsync(new NewApiKey(name, [.. ApiScopes.All], []), CancellationToken.None));
        Assert.True(issued.Succeeded, issued.Error?.Code);
        return issued.Value!;
    }

    private async Task<DateTimeOffset?> LastUsedAsync(long id)
    {
        await using var db = Database.NewContext();
        return (await db.Set<ApiKey>().SingleAsync(k => k.Id == id)).LastUsedAt;
    }

    private HttpClient ClientWith(string secret)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Add("X-Api-Key", secret);
        return client;
    }

    private static Task<HttpResponseMessage> PlaceOrderWithAsync(HttpClient client, string customerNumber) => client.PostAsJsonAsync("/api/v1/orders", new
    {
        customerNumber, channel = "ShippingTool", paymentMethod = "OnAccount",
        lines = new[] { new { category = "Shipping", description = "Expedited Parcel", quantity = 1, unitPrice = "10.00" } },
    });
}

public sealed class ApiKeyAdministrationTestsOnSqlite() : ApiKeyAdministrationTests(DatabaseProvider.Sqlite);
public sealed class ApiKeyAdministrationTestsOnPostgres() : ApiKeyAdministrationTests(DatabaseProvider.Postgres);
