using System.Net;
using System.Text.RegularExpressions;
using Facturo.Data;
using Facturo.Infrastructure;
using Facturo.Platform;
using Facturo.Portal;
using Facturo.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Facturo.Admin;

/// <summary>
/// Administrators manage the staff at /admin/staff with no SQL: a new person chooses their own password from an emailed link and
/// enrols two-step verification; disabling, changing a role and resetting two-step end the person's sessions, ask the
/// administrator to confirm with their password or a code, never leave the back office without an administrator, and are audited.
/// </summary>
public abstract partial class StaffManagementTests(DatabaseProvider provider) : PortalTest(provider)
{
    private const string Root = "root@staff.example";
    private const string ChosenPassword = "Lanterns along the canal";

    [Fact]
    public async Task An_administrator_adds_a_staff_member_who_chooses_a_password_from_the_emailed_link_signs_in_and_enrols_two_step_in_french()
    {
        await CreateStaffAsync(Root, StaffRole.Administrator);
        await using var browser = await Browser.LaunchAsync();
        var admin = await browser.NewPageAsync(BaseAddress, "fr-CA");
        await SignInInFrenchAsync(admin, Root, AgentPassword, key: null);

        await admin.GotoAsync("/admin/staff");
        await admin.Locator("#Email").FillAsync("Camille@Staff.example");
        await admin.Locator("#FullName").FillAsync("Camille Nouvelle");
        await admin.Locator("#Role").SelectOptionAsync("BillingOperator");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Ajouter", Exact = true }).ClickAsync();
        var added = await admin.GetByRole(AriaRole.Status).InnerTextAsync();
        var link = await ReadLinkAsync("camille@staff.example", "/admin/set-password?token=");

        var person = await browser.NewPageAsync(BaseAddress, "fr-CA");
        await person.GotoAsync(link);
        await person.Locator("#NewPassword").FillAsync("1qaz2wsx3edc");
        await person.Locator("#ConfirmPassword").FillAsync("1qaz2wsx3edc");
        await person.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le mot de passe" }).ClickAsync();
        var common = await person.GetByRole(AriaRole.Alert).InnerTextAsync();
        await person.Locator("#NewPassword").FillAsync(ChosenPassword);
        await person.Locator("#ConfirmPassword").FillAsync(ChosenPassword);
        await person.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le mot de passe" }).ClickAsync();
        var saved = await person.GetByRole(AriaRole.Status).InnerTextAsync();
        await person.GotoAsync(link);
        var linkAgain = await person.GetByRole(AriaRole.Alert).InnerTextAsync();
        await SignInInFrenchAsync(person, "camille@staff.example", ChosenPassword, key: null);

        Assert.Contains("Camille Nouvelle est ajouté. Un lien pour choisir son mot de passe a été envoyé à camille@staff.example", added, StringComparison.Ordinal);
        Assert.Contains("l'un des plus courants", common, StringComparison.Ordinal);
        Assert.Contains("Votre mot de passe est enregistré", saved, StringComparison.Ordinal);
        Assert.Contains("Ce lien ne peut plus servir", linkAgain, StringComparison.Ordinal);
        await using var db = Database.NewContext();
        var camille = await db.StaffMembers.SingleAsync(s => s.Email == "camille@staff.example");
        Assert.Equal((StaffRole.BillingOperator, true, (string?)null), (camille.Role, camille.TotpConfirmed, camille.PasswordLinkHash));
        Assert.NotNull(camille.LastSignInAt);
        var audit = await db.StaffAuditEntries.Where(e => e.Subject == "staff camille@staff.example").OrderBy(e => e.Id).Select(e => new { e.Action, e.StaffEmail }).ToListAsync();
        Assert.Equal([("staff.add", Root), ("staff.password-chosen", "camille@staff.example"), ("staff.sign-in", "camille@staff.example")],
            audit.Select(e => (e.Action, e.StaffEmail)));
    }

    [Fact]
    public async Task A_link_is_refused_after_seven_days_and_bad_input_is_refused_in_french_changing_nothing()
    {
        var root = await CreateStaffAsync(Root, StaffRole.Administrator);
        await AsStaffAsync(root, s => s.GetRequiredService<AddStaffMember>().InviteAsync(new NewStaffMember("late@staff.example", "Lou Late", StaffRole.Sales), CancellationToken.None));
        var token = (await ReadLinkAsync("late@staff.example", "/admin/set-password?token=")).Split("token=")[1];
        using var admin = await SignedInClientAsync(Root, AgentPassword);
        var emailsBefore = await CountAsync(db => db.OutboxEmails);

        var badEmail = await PostAsync(admin, "/admin/staff?handler=Add", ("Email", "not an address"), ("FullName", "Nobody"), ("Role", "Sales"));
        var taken = await PostAsync(admin, "/admin/staff?handler=Add", ("Email", "LATE@staff.example"), ("FullName", "Lou Again"), ("Role", "Sales"));
        Clock.Advance(AddStaffMember.LinkLifetime + TimeSpan.FromMinutes(1));
        var expired = await InScopeAsync<AddStaffMember, Outcome<StaffMember>>(a => a.ChoosePasswordAsync(token, ChosenPassword, CancellationToken.None));

        Assert.Equal("Indiquez une adresse courriel valide, un nom (200 caractères au plus) et un rôle.", await AlertInAsync(badEmail));
        Assert.Equal("Un membre du personnel utilise déjà l'adresse late@staff.example.", await AlertInAsync(taken));
        Assert.Equal("staff.link-unusable", expired.Error?.Code);
        Assert.Equal(2, await CountAsync(db => db.StaffMembers));
        Assert.Equal(emailsBefore, await CountAsync(db => db.OutboxEmails));
        await using var after = Database.NewContext();
        Assert.Equal("", (await after.StaffMembers.SingleAsync(s => s.Email == "late@staff.example")).PasswordHash);
    }

    [Fact]
    public async Task A_disabled_staff_member_cannot_sign_in_and_their_open_session_ends_at_once()
    {
        await CreateStaffAsync(Root, StaffRole.Administrator);
        var leaving = await CreateStaffAsync("leaving@staff.example", StaffRole.CustomerRelations);
        using var admin = await SignedInClientAsync(Root, AgentPassword);
        using var theirs = await SignedInClientAsync("leaving@staff.example", AgentPassword);
        var before = await OpenAsync(theirs, "/admin/customers");

        var wrongConfirmation = await PostAsync(admin, "/admin/staff?handler=Disable", ("Id", $"{leaving.Id}"), ("Confirmation", "Not my password at all"));
        var stillIn = await OpenAsync(theirs, "/admin/customers");
        var disabled = await PostAsync(admin, "/admin/staff?handler=Disable", ("Id", $"{leaving.Id}"), ("Confirmation", AgentPassword));
        var after = await OpenAsync(theirs, "/admin/customers");
        var signIn = await PostAsync(NewClient(), "/admin/signin", ("Email", "leaving@staff.example"), ("Password", AgentPassword));

        Assert.Equal(("in", "in", "/admin/signin"), (before, stillIn, after));
        Assert.Equal("Confirmez avec votre mot de passe ou un code de votre application d'authentification : celui donné est incorrect. Rien n'a été changé.", await AlertInAsync(wrongConfirmation));
        Assert.Equal("leaving@staff.example est désactivé ; ses sessions sont fermées.", await StatusInAsync(disabled));
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Contains("Courriel ou mot de passe incorrect", WebUtility.HtmlDecode(await signIn.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        await using var db = Database.NewContext();
        var entry = await db.StaffAuditEntries.SingleAsync(e => e.Action == "staff.disable");
        Assert.Equal((Root, "staff leaving@staff.example"), (entry.StaffEmail, entry.Subject));
    }

    [Fact]
    public async Task The_last_active_administrator_can_be_neither_demoted_nor_disabled()
    {
        var root = await CreateStaffAsync(Root, StaffRole.Administrator);
        using var admin = await SignedInClientAsync(Root, AgentPassword);
        Clock.Advance(TimeSpan.FromSeconds(31));

        var demoted = await PostAsync(admin, "/admin/staff?handler=Role", ("Id", $"{root.Id}"), ("Role", "Sales"), ("Confirmation", AgentPassword));
        var disabled = await InScopeAsync<ChangeStaffAccess, Outcome<StaffMember>>(c => c.DisableAsync(root.Id, StaffActor.CommandLine, CancellationToken.None));

        Assert.Equal("root@staff.example est le dernier administrateur actif : nommez d'abord un autre administrateur. Rien n'a été changé.", await AlertInAsync(demoted));
        Assert.Equal("staff.last-administrator", disabled.Error?.Code);
        await using var db = Database.NewContext();
        var still = await db.StaffMembers.SingleAsync();
        Assert.Equal((StaffRole.Administrator, (DateTimeOffset?)null), (still.Role, still.DisabledAt));
        Assert.False(await db.StaffAuditEntries.AnyAsync(e => e.Action == "staff.role" || e.Action == "staff.disable"));
    }

    [Fact]
    public async Task Two_administrators_demoting_and_disabling_each_other_at_once_leave_one_administrator()
    {
        for (var round = 0; round < 3; round++)
        {
            var first = await CreateStaffAsync($"first{round}@staff.example", StaffRole.Administrator);
            var second = await CreateStaffAsync($"second{round}@staff.example", StaffRole.Administrator);
            if (round > 0)
            {
                // Earlier rounds' survivors step aside so that each round starts with exactly two administrators.
                await using var db = Database.NewContext();
                await db.StaffMembers.Where(s => s.Id != first.Id && s.Id != second.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.Role, StaffRole.Sales));
            }

            var outcomes = await Task.WhenAll(
                Task.Run(() => AsStaffAsync(first, s => s.GetRequiredService<ChangeStaffAccess>().ChangeRoleAsync(second.Id, StaffRole.Sales, StaffActor.SignedInAdministrator, CancellationToken.None))),
                Task.Run(() => AsStaffAsync(second, s => s.GetRequiredService<ChangeStaffAccess>().DisableAsync(first.Id, StaffActor.SignedInAdministrator, CancellationToken.None))));

            Assert.Equal(1, outcomes.Count(o => o.Succeeded));
            Assert.Equal("staff.last-administrator", outcomes.Single(o => !o.Succeeded).Error!.Code);
            await using var after = Database.NewContext();
            Assert.Equal(1, await after.StaffMembers.CountAsync(s => s.Role == StaffRole.Administrator && s.DisabledAt == null));
        }
    }

    [Fact]
    public async Task Resetting_two_step_ends_the_persons_sessions_emails_them_and_lets_them_enrol_a_new_key()
    {
        await CreateStaffAsync(Root, StaffRole.Administrator);
        var lost = await CreateStaffAsync("lost@staff.example", StaffRole.Sales);
        using var admin = await SignedInClientAsync(Root, AgentPassword);
        var (theirs, oldKey) = await SignedInClientWithKeyAsync("lost@staff.example", AgentPassword);
        using var _ = theirs;
        var rootKey = _keys[Root];
        Clock.Advance(TimeSpan.FromSeconds(31));

        // Confirmed with a code from the administrator's own authenticator instead of the password.
        var reset = await PostAsync(admin, "/admin/staff?handler=ResetTwoStep", ("Id", $"{lost.Id}"), ("Confirmation", Portal.Totp.Code(rootKey, Clock.GetUtcNow())));
        var after = await OpenAsync(theirs, "/admin");
        var email = await ReadEmailAsync("lost@staff.example", "Vérification en deux étapes réinitialisée");
        var (again, newKey) = await SignedInClientWithKeyAsync("lost@staff.example", AgentPassword);
        using var __ = again;

        Assert.Contains("La vérification en deux étapes de lost@staff.example est réinitialisée", await StatusInAsync(reset), StringComparison.Ordinal);
        Assert.Equal("/admin/signin", after);
        Assert.Contains("Votre vérification en deux étapes de l'administration a été réinitialisée", email, StringComparison.Ordinal);
        Assert.NotNull(newKey);
        Assert.NotEqual(oldKey, newKey);
        Assert.Equal("in", await OpenAsync(again, "/admin"));
        await using var db = Database.NewContext();
        var entry = await db.StaffAuditEntries.SingleAsync(e => e.Action == "staff.two-step-reset");
        Assert.Equal((Root, "staff lost@staff.example"), (entry.StaffEmail, entry.Subject));
    }

    [Fact]
    public async Task A_role_change_takes_effect_at_once_and_the_audit_log_names_who_did_it()
    {
        await CreateStaffAsync(Root, StaffRole.Administrator);
        var promoted = await CreateStaffAsync("promoted@staff.example", StaffRole.Sales);
        using var admin = await SignedInClientAsync(Root, AgentPassword);
        using var theirs = await SignedInClientAsync("promoted@staff.example", AgentPassword);

        var changed = await PostAsync(admin, "/admin/staff?handler=Role", ("Id", $"{promoted.Id}"), ("Role", "CustomerRelations"), ("Confirmation", AgentPassword));
        var oldSession = await OpenAsync(theirs, "/admin/leads");
        var page = await admin.GetStringAsync("/admin/staff");

        Assert.Equal("promoted@staff.example a maintenant le rôle Relations clients ; ses sessions sont fermées.", await StatusInAsync(changed));
        Assert.Equal("/admin/signin", oldSession);
        Assert.Contains("promoted@staff.example", page, StringComparison.Ordinal);
        await using var db = Database.NewContext();
        var entry = await db.StaffAuditEntries.SingleAsync(e => e.Action == "staff.role");
        Assert.Equal((Root, "staff promoted@staff.example", "{\"Role\":\"Sales\"}", "{\"Role\":\"CustomerRelations\"}"), (entry.StaffEmail, entry.Subject, entry.Before, entry.After));
    }

    [Theory]
    [InlineData("Add")]
    [InlineData("SendLink")]
    [InlineData("Enable")]
    [InlineData("Disable")]
    [InlineData("Role")]
    [InlineData("ResetTwoStep")]
    public async Task A_staff_member_who_is_not_an_administrator_is_refused_every_staff_action(string handler)
    {
        await CreateStaffAsync(Root, StaffRole.Administrator);
        var target = await CreateStaffAsync("target@staff.example", StaffRole.Sales);
        using var relations = await SignedInClientAsync(await EmailOfNewAsync("relations@staff.example", StaffRole.CustomerRelations), AgentPassword);

        var answer = await PostAsync(relations, $"/admin/staff?handler={handler}",
            ("Id", $"{target.Id}"), ("Role", "Administrator"), ("Confirmation", AgentPassword), ("Email", "new@staff.example"), ("FullName", "New Person"));

        Assert.Equal("/admin/denied", PathOf(answer.Headers.Location));
        await using var db = Database.NewContext();
        var unchanged = await db.StaffMembers.SingleAsync(s => s.Id == target.Id);
        Assert.Equal((StaffRole.Sales, (DateTimeOffset?)null), (unchanged.Role, unchanged.DisabledAt));
        Assert.False(await db.StaffMembers.AnyAsync(s => s.Email == "new@staff.example"));
        Assert.False(await db.StaffAuditEntries.AnyAsync(e => e.Action.StartsWith("staff.") && e.Action != "staff.sign-in"));
    }

    private async Task<string> EmailOfNewAsync(string email, StaffRole role)
    {
        await CreateStaffAsync(email, role);
        return email;
    }

    /// <summary>Password then code, in French, through the pages; the key is read from the page at the first sign-in.</summary>
    private async Task SignInInFrenchAsync(IPage page, string email, string password, string? key)
    {
        await page.GotoAsync("/admin/signin");
        await page.Locator("#Email").FillAsync(email);
        await page.Locator("#Password").FillAsync(password);
        await page.Locator("main form button[type=submit]").ClickAsync();
        await page.Locator("#Code").WaitForAsync();
        key ??= await page.GetByTestId("totp-key").InnerTextAsync();
        Clock.Advance(TimeSpan.FromSeconds(31));
        await page.Locator("#Code").FillAsync(Portal.Totp.Code(key, Clock.GetUtcNow()));
        await page.Locator("main form button[type=submit]").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/admin$"), new() { Timeout = 30_000 });
    }

    private async Task<HttpClient> SignedInClientAsync(string email, string password) => (await SignedInClientWithKeyAsync(email, password)).Client;

    /// <summary>Signed in through both steps over HTTP; the key shown at the first sign-in is kept so later codes can be made.</summary>
    private async Task<(HttpClient Client, string? Key)> SignedInClientWithKeyAsync(string email, string password)
    {
        var client = NewClient();
        var signIn = await PostAsync(client, "/admin/signin", ("Email", email), ("Password", password));
        Assert.Equal("/admin/two-step", signIn.Headers.Location?.OriginalString);
        var twoStep = await client.GetStringAsync("/admin/two-step");
        var shown = KeyShown().Match(twoStep);
        var key = shown.Success ? shown.Groups[1].Value : _keys[email];
        _keys[email] = key;
        // A code is good once per 30-second step.
        Clock.Advance(TimeSpan.FromSeconds(31));
        var code = await PostAsync(client, "/admin/two-step", ("Code", Portal.Totp.Code(key, Clock.GetUtcNow())));
        Assert.Equal("/admin", code.Headers.Location?.OriginalString);
        return (client, shown.Success ? key : null);
    }

    private readonly Dictionary<string, string> _keys = [];

    private HttpClient NewClient()
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("fr-CA");
        return client;
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, params (string Name, string Value)[] fields)
    {
        var form = await client.GetAsync(path.Split('?')[0]);
        var token = form.StatusCode == HttpStatusCode.OK ? AntiforgeryToken().Match(await form.Content.ReadAsStringAsync()).Groups[1].Value
            // A page the person may not open still takes the post, to be refused there: any page's token will do.
            : AntiforgeryToken().Match(await client.GetStringAsync("/admin/signin")).Groups[1].Value;
        var answer = await client.PostAsync(path, new FormUrlEncodedContent([.. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)), new("__RequestVerificationToken", token)]));
        return answer;
    }

    private static async Task<string> OpenAsync(HttpClient client, string path)
    {
        using var answer = await client.GetAsync(path);
        return answer.StatusCode == HttpStatusCode.OK ? "in" : PathOf(answer.Headers.Location) ?? $"HTTP {(int)answer.StatusCode}";
    }

    private static async Task<string> AlertInAsync(HttpResponseMessage answer) => WebUtility.HtmlDecode(AlertShown().Match(await answer.Content.ReadAsStringAsync()).Groups[1].Value.Trim());

    private static async Task<string> StatusInAsync(HttpResponseMessage answer) => WebUtility.HtmlDecode(StatusShown().Match(await answer.Content.ReadAsStringAsync()).Groups[1].Value.Trim());

    private static string? PathOf(Uri? location) => location is null ? null : location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString.Split('?')[0];

    private async Task<int> CountAsync<T>(Func<FacturoDbContext, IQueryable<T>> rows)
    {
        await using var db = Database.NewContext();
        return await rows(db).CountAsync();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("data-testid=\"totp-key\">([^<]+)<")]
    private static partial Regex KeyShown();

    [GeneratedRegex("<p role=\"status\">(.*?)</p>", RegexOptions.Singleline)]
    private static partial Regex StatusShown();

    [GeneratedRegex("<p class=\"error\" role=\"alert\">(.*?)</p>", RegexOptions.Singleline)]
    private static partial Regex AlertShown();
}

public sealed class StaffManagementTestsOnSqlite() : StaffManagementTests(DatabaseProvider.Sqlite);
public sealed class StaffManagementTestsOnPostgres() : StaffManagementTests(DatabaseProvider.Postgres);
