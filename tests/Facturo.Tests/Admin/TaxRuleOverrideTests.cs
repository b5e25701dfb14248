using System.Net;
using System.Text.RegularExpressions;
using Facturo.Accounts;
using Facturo.Billing;
using Facturo.Data;
using Facturo.Infrastructure;
using Facturo.Portal;
using Facturo.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Facturo.Admin;

/// <summary>
/// The administrator's review of taxability at /admin/taxes: each charge category's taxes by province with the published
/// source of each default, and overrides from a date that the next bill run applies, audited, never to invoices already issued.
/// </summary>
public abstract partial class TaxRuleOverrideTests(DatabaseProvider provider) : PortalTest(provider)
{
    private static readonly string BcLeaseSource = SourceOf(ChargeCategory.Lease, Taxes.TaxKind.Pst, Province.BC);

    /// <summary>The published rule's source as the domain states it (the rules team words them; this test checks the page shows them).</summary>
    private static string SourceOf(ChargeCategory category, Taxes.TaxKind kind, Province? province) =>
        Taxes.PublishedTaxability.Rules.Single(r => r.Category == category && r.Kind == kind && r.Province == province).Source;



    private const string Administrator = "admin@taxes.example";
    private const string LeaseReason = "Tax advisor's opinion of 2026-10-10: our meters are leased with the postal service, not on their own";

    [Fact]
    public async Task An_override_that_leases_bear_no_PST_in_BC_from_a_date_changes_the_invoices_issued_from_that_date_and_none_before()
    {
        await AddAccountAsync("1000400", province: Province.BC);
        await PlaceOrderAsync("1000400", unitPrice: 100m, category: "Lease");
        using var admin = await StaffClientAsync(Administrator, StaffRole.Administrator);

        var saved = await OverrideAsync(admin, "en", "Lease", "Pst", "BC", taxable: false, "2026-12-01", LeaseReason);
        MoveClockTo(2026, 11, 1);
        await BillAsync(October);
        MoveClockTo(2026, 11, 16);
        await PlaceOrderAsync("1000400", unitPrice: 100m, category: "Lease");
        MoveClockTo(2026, 12, 1);
        await BillAsync(BillingPeriod.Parse("2026-11"));

        Assert.Equal("Saved: from 2026-12-01, \"Equipment lease\" bears no PST in British Columbia. Invoices issued before that date do not change.", saved.Status);
        // BC PST 7 % on a lease of goods (Provincial Sales Tax Act, s. 37; Bulletin PST 315) and GST 5 % (Excise Tax Act, s. 165)
        // on the invoice of 2026-11-01, before the override; GST alone on the invoice of 2026-12-01, the day it takes effect.
        Assert.Equal([("2026-11-01", "GST", 10_000L, 500L), ("2026-11-01", "PST-BC", 10_000L, 700L), ("2026-12-01", "GST", 10_000L, 500L)], await InvoiceTaxesAsync("1000400"));
        Assert.Equal([11_200L, 10_500L], await InvoiceTotalsAsync("1000400"));
    }

    [Fact]
    public async Task The_page_lists_each_category_s_taxes_by_province_with_the_source_of_each_default_and_the_overrides_to_come()
    {
        using var admin = await StaffClientAsync(Administrator, StaffRole.Administrator);
        await OverrideAsync(admin, "en", "Lease", "Pst", "BC", taxable: false, "2026-12-01", LeaseReason);

        var today = await admin.GetStringAsync("/admin/taxes");
        var december = await admin.GetStringAsync("/admin/taxes?On=2026-12-01");

        Assert.Equal($"British Columbia | PST | Taxable | Default | {BcLeaseSource}",
            Row(today, "rule-Lease-BC-Pst"));
        Assert.Equal($"Manitoba | PST | Not taxable | Default | {SourceOf(ChargeCategory.Shipping, Taxes.TaxKind.Pst, Province.MB)}",
            Row(today, "rule-Shipping-MB-Pst"));
        Assert.Equal($"Nova Scotia | HST | Taxable | Default | {SourceOf(ChargeCategory.LetterMail, Taxes.TaxKind.Hst, null)}",
            Row(today, "rule-LetterMail-NS-Hst"));
        Assert.Equal($"Quebec | QST | Taxable | Default | {SourceOf(ChargeCategory.Other, Taxes.TaxKind.Qst, Province.QC)}",
            Row(today, "rule-Other-QC-Qst"));
        Assert.Null(Row(today, "rule-Lease-ON-Pst"));
        Assert.Null(Row(today, "rule-Lease-ON-Gst"));
        Assert.Equal(6 * (13 + 1 + 3), Rows(today, "rule-").Count);
        Assert.Equal([$"Equipment lease | British Columbia | PST | Not taxable | 2026-12-01 | {LeaseReason} | {Administrator}"], Rows(today, "upcoming-"));
        Assert.Equal($"British Columbia | PST | Not taxable | Override from 2026-12-01: {LeaseReason} ({Administrator}) | {BcLeaseSource}",
            Row(december, "rule-Lease-BC-Pst"));
        Assert.Empty(Rows(december, "upcoming-"));
    }

    [Theory]
    [InlineData(StaffRole.BillingOperator)]
    [InlineData(StaffRole.CustomerRelations)]
    [InlineData(StaffRole.Sales)]
    public async Task A_staff_member_who_is_not_an_administrator_can_neither_see_nor_change_taxability(StaffRole role)
    {
        using var staff = await StaffClientAsync($"{role}@taxes.example".ToLowerInvariant(), role);
        var token = Token(await staff.GetStringAsync("/admin/password"));

        var seen = await staff.GetAsync("/admin/taxes");
        var posted = await staff.PostAsync("/admin/taxes", Form(token, ("Category", "Lease"), ("Tax", "Pst"), ("Province", "BC"), ("Taxable", "false"), ("EffectiveFrom", "2026-12-01"), ("Reason", LeaseReason)));

        Assert.Equal(("/admin/denied", "/admin/denied"), (PathOf(seen.Headers.Location), PathOf(posted.Headers.Location)));
        await using var db = Database.NewContext();
        Assert.Empty(await db.TaxRuleOverrides.ToListAsync());
    }

    [Theory]
    [InlineData("Lease", "Pst", "BC", "false", "2026-10-14", LeaseReason,
        "La date d'effet 2026-10-14 est passée : choisissez aujourd'hui (2026-10-15) ou une date à venir. Les factures déjà émises ne sont jamais retaxées ; une erreur s'y corrige par une note de crédit. Rien n'a été changé.",
        "The effective date 2026-10-14 has passed: choose today (2026-10-15) or a later date. Invoices already issued are never taxed again; a mistake on one is corrected with a credit note. Nothing was changed.")]
    [InlineData("Lease", "Pst", "ON", "false", "2026-12-01", LeaseReason,
        "Il n'y a pas de TVP en Ontario le 2026-12-01 ; taxe qui s'y applique : TVH. Rien n'a été changé.",
        "There is no PST in Ontario on 2026-12-01; the tax that applies there: HST. Nothing was changed.")]
    [InlineData("Shipping", "Gst", "NS", "false", "2026-12-01", LeaseReason,
        "Il n'y a pas de TPS en Nouvelle-Écosse le 2026-12-01 ; taxe qui s'y applique : TVH. Rien n'a été changé.",
        "There is no GST in Nova Scotia on 2026-12-01; the tax that applies there: HST. Nothing was changed.")]
    [InlineData("Other", "Qst", "", "false", "2026-12-01", LeaseReason,
        "Seules la TPS et la TVH se règlent pour toutes les provinces à la fois ; pour la TVQ, choisissez la province. Rien n'a été changé.",
        "Only the GST and the HST can be set for every province at once; for the QST, choose the province. Nothing was changed.")]
    [InlineData("Lease", "Pst", "BC", "false", "2026-12-01", "  ",
        "Indiquez la raison de ce changement (500 caractères au plus) : elle reste au journal d'audit avec votre nom. Rien n'a été changé.",
        "Give the reason for this change (500 characters at most): it stays in the audit log with your name. Nothing was changed.")]
    [InlineData("Lease", "Pst", "BC", "true", "2026-12-01", LeaseReason,
        "Rien à changer : « Location d'équipement » porte déjà la TVP en Colombie-Britannique le 2026-12-01.",
        "Nothing to change: \"Equipment lease\" already bears the PST in British Columbia on 2026-12-01.")]
    [InlineData("Lease", "Pst", "BC", "false", "1 December", LeaseReason,
        "Indiquez la date d'effet (AAAA-MM-JJ). Rien n'a été changé.",
        "Give the effective date (YYYY-MM-DD). Nothing was changed.")]
    [InlineData("Postage", "Pst", "BC", "false", "2026-12-01", LeaseReason,
        "Choisissez une catégorie de frais, une taxe et une province dans les listes, et si la taxe s'applique. Rien n'a été changé.",
        "Choose a charge category, a tax and a province from the lists, and whether the tax applies. Nothing was changed.")]
    public async Task An_override_that_breaks_a_rule_changes_nothing_and_says_why_in_French_and_in_English(
        string category, string tax, string province, string taxable, string effectiveFrom, string reason, string french, string english)
    {
        using var admin = await StaffClientAsync(Administrator, StaffRole.Administrator);

        var inFrench = await OverrideAsync(admin, "fr", category, tax, province, taxable == "true", effectiveFrom, reason);
        var inEnglish = await OverrideAsync(admin, "en", category, tax, province, taxable == "true", effectiveFrom, reason);

        Assert.Equal((french, (string?)null), (inFrench.Alert, inFrench.Status));
        Assert.Equal((english, (string?)null), (inEnglish.Alert, inEnglish.Status));
        await using var db = Database.NewContext();
        Assert.Empty(await db.TaxRuleOverrides.ToListAsync());
        Assert.Empty(await db.StaffAuditEntries.Where(e => e.Action == "tax-rule.override").ToListAsync());
    }

    [Fact]
    public async Task The_audit_entry_names_who_changed_which_rule_from_what_to_what_and_from_when()
    {
        using var admin = await StaffClientAsync(Administrator, StaffRole.Administrator);

        await OverrideAsync(admin, "en", "Lease", "Pst", "BC", taxable: false, "2026-12-01", LeaseReason);

        await using var db = Database.NewContext();
        var entry = await db.StaffAuditEntries.SingleAsync(e => e.Action == "tax-rule.override");
        var staff = await db.StaffMembers.SingleAsync(s => s.Email == Administrator);
        Assert.Equal((staff.Id, Administrator, "tax rule Lease PST-BC"), (entry.StaffId, entry.StaffEmail, entry.Subject));
        var before = System.Text.Json.JsonDocument.Parse(entry.Before!).RootElement;
        Assert.Equal((true, "2013-07-01", "default", BcLeaseSource),
            (before.GetProperty("Taxable").GetBoolean(), before.GetProperty("EffectiveFrom").GetString(), before.GetProperty("Rule").GetString(), before.GetProperty("Source").GetString()));
        Assert.Equal($$"""{"Taxable":false,"EffectiveFrom":"2026-12-01","Rule":"override","Source":"{{LeaseReason}}"}""", entry.After);
        var saved = await db.TaxRuleOverrides.SingleAsync();
        Assert.Equal((ChargeCategory.Lease, Taxes.TaxKind.Pst, (Province?)Province.BC, false, new DateOnly(2026, 12, 1), LeaseReason, staff.Id, Clock.GetUtcNow()),
            (saved.Category, saved.Kind, saved.Province, saved.Taxable, saved.EffectiveFrom, saved.Reason, saved.StaffId, saved.RecordedAt));
    }

    [Fact]
    public async Task An_override_is_never_rewritten_or_deleted_not_even_with_SQL()
    {
        using var admin = await StaffClientAsync(Administrator, StaffRole.Administrator);
        await OverrideAsync(admin, "en", "Lease", "Pst", "BC", taxable: false, "2026-12-01", LeaseReason);
        await using var db = Database.NewContext();

        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE tax_rule_overrides SET taxable = NOT taxable"));
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM tax_rule_overrides"));
        var saved = await db.TaxRuleOverrides.SingleAsync();
        saved.EffectiveFrom = new DateOnly(2026, 10, 1);
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());

        Assert.Contains("append-only", refused.Message, StringComparison.Ordinal);
        await using var check = Database.NewContext();
        var kept = await check.TaxRuleOverrides.SingleAsync();
        Assert.Equal((false, new DateOnly(2026, 12, 1)), (kept.Taxable, kept.EffectiveFrom));
    }

    [Fact]
    public async Task An_administrator_sets_an_override_through_the_French_page()
    {
        await CreateStaffAsync(Administrator, StaffRole.Administrator);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(BaseAddress, "en-CA");
        await SignInAsStaffAsync(page, Administrator);

        await page.GotoAsync("/admin?lang=fr");
        await page.GetByRole(AriaRole.Link, new() { Name = "Taxes par catégorie de frais" }).ClickAsync();
        await page.Locator("#Category").SelectOptionAsync(new SelectOptionValue { Label = "Colis avec connaissement" });
        await page.Locator("#Tax").SelectOptionAsync(new SelectOptionValue { Label = "TVH" });
        await page.Locator("#Province").SelectOptionAsync(new SelectOptionValue { Label = "Toutes les provinces" });
        await page.GetByLabel("Non taxable").CheckAsync();
        await page.Locator("#EffectiveFrom").FillAsync("2027-01-01");
        await page.Locator("#Reason").FillAsync("Essai de la règle de détaxation");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la règle" }).ClickAsync();
        var saved = await page.GetByRole(AriaRole.Status).InnerTextAsync();
        var upcoming = await page.GetByTestId("upcoming").Locator("tbody tr").AllInnerTextsAsync();
        await Screenshot(page, "admin-taxes-fr");

        Assert.Equal("Enregistré : à compter du 2027-01-01, « Colis avec connaissement » ne porte pas la TVH partout où elle s'applique. Les factures émises avant cette date ne changent pas.", saved);
        Assert.Equal("Colis avec connaissement\tToutes les provinces\tTVH\tNon taxable\t2027-01-01\tEssai de la règle de détaxation\tadmin@taxes.example", Assert.Single(upcoming));
        await using var db = Database.NewContext();
        var rule = await db.TaxRuleOverrides.SingleAsync();
        Assert.Equal((ChargeCategory.Shipping, Taxes.TaxKind.Hst, (Province?)null, false, new DateOnly(2027, 1, 1)), (rule.Category, rule.Kind, rule.Province, rule.Taxable, rule.EffectiveFrom));
    }

    private sealed record Answer(string? Status, string? Alert);

    private async Task<Answer> OverrideAsync(HttpClient staff, string language, string category, string tax, string province, bool taxable, string effectiveFrom, string reason)
    {
        var token = Token(await staff.GetStringAsync($"/admin/taxes?lang={language}"));
        var answer = await staff.PostAsync($"/admin/taxes?lang={language}", Form(token, ("Category", category), ("Tax", tax), ("Province", province),
            ("Taxable", taxable ? "true" : "false"), ("EffectiveFrom", effectiveFrom), ("Reason", reason)));
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var html = await answer.Content.ReadAsStringAsync();
        return new Answer(Text(StatusShown().Match(html)), Text(AlertShown().Match(html)));
    }

    private static string? PathOf(Uri? location) => location is null ? null : location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString.Split('?')[0];

    private static string? Text(Match match) => match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value).Trim() : null;

    /// <summary>A table row's cells, joined with " | ", found by its test id; null when the page has no such row.</summary>
    private static string? Row(string html, string testId) => RowsWithIds(html, testId).SingleOrDefault(r => r.Id == testId).Cells;

    private static List<(string Id, string Cells)> RowsWithIds(string html, string testIdStart) =>
        TableRow().Matches(html).Where(m => m.Groups[1].Value.StartsWith(testIdStart, StringComparison.Ordinal))
            .Select(m => (m.Groups[1].Value, string.Join(" | ", Cell().Matches(m.Groups[2].Value).Select(c => WebUtility.HtmlDecode(Tag().Replace(c.Groups[1].Value, "")).Trim()))))
            .ToList();

    private static List<string> Rows(string html, string testIdStart) => RowsWithIds(html, testIdStart).Select(r => r.Cells).ToList();

    /// <summary>Signed in through the two steps over HTTP, with a new staff member of that role.</summary>
    private async Task<HttpClient> StaffClientAsync(string email, StaffRole role)
    {
        await CreateStaffAsync(email, role);
        // A code is good once per 30-second step.
        Clock.Advance(TimeSpan.FromSeconds(31));
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = BaseAddress };
        var signIn = await client.PostAsync("/admin/signin", Form(Token(await client.GetStringAsync("/admin/signin")), ("Email", email), ("Password", AgentPassword)));
        Assert.Equal("/admin/two-step", signIn.Headers.Location?.OriginalString);
        var twoStep = await client.GetStringAsync("/admin/two-step");
        var code = await client.PostAsync("/admin/two-step", Form(Token(twoStep), ("Code", Totp.Code(KeyShown().Match(twoStep).Groups[1].Value, Clock.GetUtcNow()))));
        Assert.Equal("/admin", code.Headers.Location?.OriginalString);
        return client;
    }

    private static FormUrlEncodedContent Form(string token, params (string Name, string Value)[] fields) =>
        new([.. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)), new("__RequestVerificationToken", token)]);

    private static string Token(string html) => AntiforgeryToken().Match(html).Groups[1].Value;

    private async Task<List<(string Date, string Code, long Base, long Amount)>> InvoiceTaxesAsync(string customerNumber)
    {
        await using var db = Database.NewContext();
        var taxes = await db.Invoices.Where(i => db.Accounts.Any(a => a.Id == i.AccountId && a.CustomerNumber == customerNumber))
            .Join(db.InvoiceTaxes, i => i.Id, t => t.InvoiceId, (i, t) => new { i.IssueDate, t.Code, t.BaseCents, t.AmountCents })
            .ToListAsync();
        return taxes.OrderBy(t => t.IssueDate).ThenBy(t => t.Code, StringComparer.Ordinal)
            .Select(t => (t.IssueDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), t.Code, t.BaseCents, t.AmountCents)).ToList();
    }

    private async Task<List<long>> InvoiceTotalsAsync(string customerNumber)
    {
        await using var db = Database.NewContext();
        var invoices = await db.Invoices.Where(i => db.Accounts.Any(a => a.Id == i.AccountId && a.CustomerNumber == customerNumber)).ToListAsync();
        return invoices.OrderBy(i => i.IssueDate).Select(i => i.TotalCents).ToList();
    }

    [GeneratedRegex("<tr data-testid=\"([^\"]+)\">(.*?)</tr>", RegexOptions.Singleline)]
    private static partial Regex TableRow();

    [GeneratedRegex("<t[dh][^>]*>(.*?)</t[dh]>", RegexOptions.Singleline)]
    private static partial Regex Cell();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();

    [GeneratedRegex("<p role=\"status\">(.*?)</p>", RegexOptions.Singleline)]
    private static partial Regex StatusShown();

    [GeneratedRegex("<p class=\"error\" role=\"alert\">(.*?)</p>", RegexOptions.Singleline)]
    private static partial Regex AlertShown();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("data-testid=\"totp-key\">([^<]+)<")]
    private static partial Regex KeyShown();
}

public sealed class TaxRuleOverrideTestsOnSqlite() : TaxRuleOverrideTests(DatabaseProvider.Sqlite);
public sealed class TaxRuleOverrideTestsOnPostgres() : TaxRuleOverrideTests(DatabaseProvider.Postgres);
