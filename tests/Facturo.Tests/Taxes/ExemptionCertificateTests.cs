using Facturo.Accounts;
using Facturo.Billing;
using Facturo.Data;
using Facturo.Infrastructure;
using Facturo.Platform;
using Facturo.Portal;
using Facturo.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Facturo.Taxes;

/// <summary>
/// Exemption certificates kept by customer relations relieve the taxes they name while they are valid, and only those.
/// Expected amounts from the published rules: a lease of goods used in British Columbia bears PST at 7 % (BC Provincial
/// Sales Tax Act, s. 37), which a lessee leasing the goods on gives its PST number not to pay (goods obtained solely for
/// resale or re-lease are exempt); the GST at 5 % applies all the same (Excise Tax Act, s. 165: a provincial number
/// relieves no federal tax). Parcel services bear no BC PST at all.
/// </summary>
public abstract class ExemptionCertificateTests(DatabaseProvider provider) : PortalTest(provider)
{
    /// <summary>A one-page PDF, as a scanner would give.</summary>
    private static readonly byte[] ScannedPdf = System.Text.Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");

    [Fact]
    public async Task A_BC_reseller_whose_PST_number_customer_relations_recorded_is_billed_GST_only_with_the_number_on_the_lease_line()
    {
        await AddAccountAsync("1000411", province: Province.BC);
        await CreateStaffAsync("desk@staff.example", StaffRole.CustomerRelations);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(BaseAddress, "en-CA");
        await SignInAsStaffAsync(page, "desk@staff.example");

        await page.GotoAsync("/admin/customers/1000411");
        await page.Locator("#Exemption_Kind").SelectOptionAsync("PstResale");
        await page.Locator("#Exemption_Number").FillAsync("PST-1234-5678");
        await page.Locator("input[name='Exemption.Taxes'][value='Pst']").CheckAsync();
        await page.Locator("input[name='Exemption.Provinces'][value='BC']").CheckAsync();
        await page.Locator("#Exemption_ValidFrom").FillAsync("2026-01-01");
        await page.Locator("#Exemption_Proof").SetInputFilesAsync(new FilePayload { Name = "pst-number.pdf", MimeType = "application/pdf", Buffer = ScannedPdf });
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the certificate" }).ClickAsync();
        var recorded = await page.GetByRole(AriaRole.Status).InnerTextAsync();
        var listed = await page.GetByTestId("exemptions").Locator("tbody tr").AllInnerTextsAsync();
        var proofLink = await page.GetByRole(AriaRole.Link, new() { Name = "pst-number.pdf" }).GetAttributeAsync("href");
        var proof = await page.APIRequest.GetAsync(proofLink!);
        await PlaceOrderAsync("1000411", unitPrice: 100m, category: "Lease");
        await PlaceOrderAsync("1000411", unitPrice: 50m, category: "Shipping");
        MoveClockTo(2026, 11, 1);
        await BillAsync(October);

        Assert.Equal("Exemption certificate recorded: it applies to the next documents.", recorded);
        var row = Assert.Single(listed);
        Assert.Contains("PST-1234-5678", row, StringComparison.Ordinal);
        Assert.Equal("application/pdf", proof.Headers["content-type"]);
        Assert.Equal(ScannedPdf, await proof.BodyAsync());
        await using var db = Database.NewContext();
        var invoice = await db.Invoices.Include(i => i.Lines).Include(i => i.Taxes).SingleAsync();
        Assert.Equal([("GST", 150_00L, 7_50L)], invoice.Taxes.Select(t => (t.Code, t.BaseCents, t.AmountCents)));
        Assert.Equal(157_50L, invoice.TotalCents);
        Assert.Equal(
            [(ChargeCategory.Lease, "GST", "PST-1234-5678"), (ChargeCategory.Shipping, "GST", (string?)null)],
            invoice.Lines.OrderBy(l => l.LineNumber).Select(l => (l.Category, l.TaxCodes, l.ExemptionCertificates)));
        Assert.Equal(["exemption.add", "exemption.proof", "staff.sign-in"], (await db.StaffAuditEntries.Select(e => e.Action).ToListAsync()).Order());
    }

    [Fact]
    public async Task Once_the_certificate_has_expired_the_lease_bears_PST_again_and_customer_relations_was_emailed_once_before_the_bill_run()
    {
        await AddAccountAsync("1000412", province: Province.BC);
        var agent = await CreateStaffAsync("desk@staff.example", StaffRole.CustomerRelations);
        var recorded = await AsStaffAsync(agent, s => s.GetRequiredService<ExemptionCertificates>().RecordAsync("1000412",
            Form(validUntil: new DateOnly(2026, 10, 31)), CancellationToken.None));
        Assert.True(recorded.Succeeded, recorded.Error?.Code);
        await PlaceOrderAsync("1000412", unitPrice: 100m, category: "Lease");

        var toldFirst = await InScopeAsync<ExemptionExpiryNotices, int>(n => n.SendAsync(CancellationToken.None));
        Clock.Advance(TimeSpan.FromDays(1));
        var toldNextDay = await InScopeAsync<ExemptionExpiryNotices, int>(n => n.SendAsync(CancellationToken.None));
        var emailed = await ReadEmailAsync("support@test.example", "Certificat d'exemption à renouveler / Exemption certificate to renew: 1000412 PST-1234-5678");
        var listed = await InScopeAsync<ExemptionExpiryNotices, IReadOnlyList<LapsingCertificate>>(n => n.ListAsync(CancellationToken.None));
        MoveClockTo(2026, 11, 1);
        await BillAsync(October);

        Assert.Equal((1, 0), (toldFirst, toldNextDay));
        Assert.Contains("relieves: PST in BC. It stopped or will stop applying after October 31, 2026.", emailed, StringComparison.Ordinal);
        Assert.Contains("The next bill run, on November 1, 2026, will charge these taxes", emailed, StringComparison.Ordinal);
        Assert.Contains("exonère de : TVP en BC. Il a cessé ou cessera de valoir après le 31 octobre 2026.", emailed, StringComparison.Ordinal);
        var lapsing = Assert.Single(listed);
        Assert.Equal(("1000412", "PST-1234-5678", new DateOnly(2026, 10, 31), true), (lapsing.CustomerNumber, lapsing.Number, lapsing.ValidUntil, lapsing.NoticeAt is not null));
        await using var db = Database.NewContext();
        Assert.Single(await db.OutboxEmails.Where(e => e.Kind == "exemption-lapsing").ToListAsync());
        var invoice = await db.Invoices.Include(i => i.Lines).Include(i => i.Taxes).SingleAsync();
        Assert.Equal([("GST", 5_00L), ("PST-BC", 7_00L)], invoice.Taxes.OrderBy(t => t.Code).Select(t => (t.Code, t.AmountCents)));
        var lease = Assert.Single(invoice.Lines);
        Assert.Equal(("GST PST-BC", (string?)null), (lease.TaxCodes, lease.ExemptionCertificates));
    }

    [Fact]
    public async Task A_certificate_renewed_before_the_bill_run_or_ended_by_staff_is_not_reported_as_lapsing()
    {
        await AddAccountAsync("1000413", province: Province.BC);
        await AddAccountAsync("1000414", province: Province.MB);
        var agent = await CreateStaffAsync("desk@staff.example", StaffRole.CustomerRelations);
        await AsStaffAsync(agent, s => s.GetRequiredService<ExemptionCertificates>().RecordAsync("1000413", Form(validUntil: new DateOnly(2026, 10, 31)), CancellationToken.None));
        await AsStaffAsync(agent, s => s.GetRequiredService<ExemptionCertificates>().RecordAsync("1000413", Form(validFrom: new DateOnly(2026, 11, 1)), CancellationToken.None));
        var ended = await AsStaffAsync(agent, s => s.GetRequiredService<ExemptionCertificates>().RecordAsync("1000414",
            Form(provinces: ["MB"], validUntil: new DateOnly(2027, 12, 31)), CancellationToken.None));
        var endedOn = await AsStaffAsync(agent, s => s.GetRequiredService<ExemptionCertificates>().EndAsync("1000414", ended.Value!.Id, new DateOnly(2026, 10, 20), CancellationToken.None));

        var told = await InScopeAsync<ExemptionExpiryNotices, int>(n => n.SendAsync(CancellationToken.None));

        Assert.Equal(new DateOnly(2026, 10, 20), endedOn.Value);
        Assert.Equal(0, told);
        await using var db = Database.NewContext();
        var end = await db.ExemptionCertificates.SingleAsync(c => c.Id == ended.Value!.Id);
        Assert.Equal((new DateOnly(2026, 10, 20), agent.Id), (end.ValidUntil, end.EndedByStaffId));
        Assert.Equal(3, await db.ExemptionCertificates.CountAsync());
        Assert.Equal(["exemption.add", "exemption.add", "exemption.add", "exemption.end"], (await db.StaffAuditEntries.Select(e => e.Action).ToListAsync()).Order());
    }

    public static TheoryData<string, string, string> Refusals => new()
    {
        // case, French message, English message
        { "no number", "Le numéro du certificat est obligatoire : 40 caractères au plus, sans espace.", "The certificate number is required: 40 characters at most, no spaces." },
        { "no tax", "Cochez au moins une taxe dont le certificat exonère le client.", "Tick at least one tax the certificate relieves the customer of." },
        { "GST on a PST number", "Un numéro de revente ou d'exemption de TVP n'exonère que de la TVP, pas de la TPS.", "A PST resale or exemption number relieves only the PST, not the GST." },
        { "QST in BC", "La TVQ ne s'applique pas en BC : la TVP n'existe qu'en Colombie-Britannique, au Manitoba et en Saskatchewan, la TVQ qu'au Québec, et la TVH remplace la TPS en Ontario et dans les provinces de l'Atlantique.",
            "The QST does not apply in BC: PST exists only in British Columbia, Manitoba and Saskatchewan, QST only in Quebec, and the HST replaces the GST in Ontario and the Atlantic provinces." },
        { "ends before it starts", "Indiquez la date d'entrée en vigueur du certificat ; sa date de fin, s'il en a une, ne peut pas la précéder.", "Give the date the certificate takes effect; its end date, if it has one, cannot come before it." },
        { "Indian Act without a reserve", "Une exemption en vertu de la Loi sur les Indiens ne vaut que pour les livraisons dans une réserve : nommez la réserve et l'adresse de livraison (200 caractères au plus).",
            "An Indian Act exemption applies only to deliveries on a reserve: name the reserve and the delivery address (200 characters at most)." },
        { "no proof", "Joignez la copie numérisée du certificat (PDF, JPEG ou PNG, 5 Mo au plus).", "Attach the scanned certificate (PDF, JPEG or PNG, 5 MB at most)." },
        { "a text file named .pdf", "La copie du certificat doit être un fichier PDF, JPEG ou PNG de 5 Mo au plus ; « notes.pdf » n'en est pas un.",
            "The scanned certificate must be a PDF, JPEG or PNG file of 5 MB at most; \"notes.pdf\" is not one." },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_certificate_that_cannot_be_right_is_refused_in_the_agents_language_and_changes_nothing(string refusal, string french, string english)
    {
        await AddAccountAsync("1000415", province: Province.BC);
        var agent = await CreateStaffAsync("desk@staff.example", StaffRole.CustomerRelations);
        var form = refusal switch
        {
            "no number" => Form() with { Number = "" },
            "no tax" => Form() with { Taxes = [] },
            "GST on a PST number" => Form() with { Taxes = ["Pst", "Gst"] },
            "QST in BC" => Form() with { Kind = "GovernmentBody", Taxes = ["Qst"] },
            "ends before it starts" => Form(validUntil: new DateOnly(2025, 12, 31)),
            "Indian Act without a reserve" => Form() with { Kind = "IndianAct", Taxes = ["Gst", "Pst"] },
            "no proof" => Form() with { Proof = null },
            _ => Form() with { ProofFileName = "notes.pdf", Proof = "Certificate PST-1234-5678, valid from 2026-01-01"u8.ToArray() },
        };

        var refused = await AsStaffAsync(agent, s => s.GetRequiredService<ExemptionCertificates>().RecordAsync("1000415", form, CancellationToken.None));

        Assert.False(refused.Succeeded);
        Assert.Equal((french, english), (refused.Error!.Message(Language.Fr), refused.Error.Message(Language.En)));
        await using var db = Database.NewContext();
        Assert.Empty(await db.ExemptionCertificates.ToListAsync());
        Assert.Empty(await db.StaffAuditEntries.ToListAsync());
    }

    [Fact]
    public async Task The_customer_page_shows_a_refusal_in_French_and_keeps_what_the_agent_typed()
    {
        await AddAccountAsync("1000416", province: Province.BC);
        await CreateStaffAsync("bureau@staff.example", StaffRole.CustomerRelations);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(BaseAddress, "en-CA");
        await SignInAsStaffAsync(page, "bureau@staff.example");

        await page.GotoAsync("/admin/customers/1000416?lang=fr");
        await page.Locator("#Exemption_Kind").SelectOptionAsync("GovernmentBody");
        await page.Locator("#Exemption_Number").FillAsync("RTA-2026");
        await page.Locator("input[name='Exemption.Taxes'][value='Qst']").CheckAsync();
        await page.Locator("input[name='Exemption.Provinces'][value='BC']").CheckAsync();
        await page.Locator("#Exemption_ValidFrom").FillAsync("2026-01-01");
        await page.Locator("#Exemption_Proof").SetInputFilesAsync(new FilePayload { Name = "entente.pdf", MimeType = "application/pdf", Buffer = ScannedPdf });
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le certificat" }).ClickAsync();
        var alert = await page.GetByRole(AriaRole.Alert).InnerTextAsync();

        Assert.StartsWith("La TVQ ne s'applique pas en BC :", alert, StringComparison.Ordinal);
        Assert.Equal("RTA-2026", await page.Locator("#Exemption_Number").InputValueAsync());
        Assert.Empty(await page.GetByTestId("exemptions").Locator("tbody tr").AllInnerTextsAsync());
        await using var db = Database.NewContext();
        Assert.Empty(await db.ExemptionCertificates.ToListAsync());
    }

    [Fact]
    public async Task Staff_without_the_customer_relations_role_can_neither_add_certificates_nor_see_those_expiring()
    {
        await AddAccountAsync("1000417", province: Province.BC);
        await CreateStaffAsync("ops@staff.example", StaffRole.BillingOperator);
        var agent = await CreateStaffAsync("desk@staff.example", StaffRole.CustomerRelations);
        await AsStaffAsync(agent, s => s.GetRequiredService<ExemptionCertificates>().RecordAsync("1000417", Form(validUntil: new DateOnly(2026, 10, 31)), CancellationToken.None));
        await using var browser = await Browser.LaunchAsync();
        var operatorPage = await browser.NewPageAsync(BaseAddress, "en-CA");
        await SignInAsStaffAsync(operatorPage, "ops@staff.example");
        var agentPage = await browser.NewPageAsync(BaseAddress, "en-CA");
        await SignInAsStaffAsync(agentPage, "desk@staff.example");

        await operatorPage.GotoAsync("/admin/exemptions/expiring");
        var operatorLandedOn = new Uri(operatorPage.Url).AbsolutePath;
        // With a good antiforgery token (from a page every staff member has), so only the role can refuse it.
        await operatorPage.GotoAsync("/admin/password");
        var token = await operatorPage.Locator("input[name='__RequestVerificationToken']").First.GetAttributeAsync("value");
        var operatorPost = await operatorPage.APIRequest.PostAsync("/admin/customers/1000417?handler=AddExemption", new()
        {
            Multipart = operatorPage.APIRequest.CreateFormData().Set("__RequestVerificationToken", token!).Set("Exemption.Kind", "PstResale").Set("Exemption.Number", "PST-9999")
                .Append("Exemption.Taxes", "Pst").Append("Exemption.Provinces", "BC").Set("Exemption.ValidFrom", "2026-01-01")
                .Set("Exemption.Proof", new FilePayload { Name = "pst.pdf", MimeType = "application/pdf", Buffer = ScannedPdf }),
            MaxRedirects = 0,
        });
        await agentPage.GotoAsync("/admin/exemptions/expiring");
        var expiring = await agentPage.GetByTestId("expiring").Locator("tbody tr").AllInnerTextsAsync();

        Assert.Equal("/admin/denied", operatorLandedOn);
        Assert.Equal(302, operatorPost.Status);
        Assert.Contains("/admin/denied", operatorPost.Headers["location"], StringComparison.Ordinal);
        Assert.Contains("PST-1234-5678", Assert.Single(expiring), StringComparison.Ordinal);
        await using var db = Database.NewContext();
        Assert.Equal(["PST-1234-5678"], await db.ExemptionCertificates.Select(c => c.Number).ToListAsync());
    }

    private static ExemptionCertificateForm Form(string[]? provinces = null, DateOnly? validFrom = null, DateOnly? validUntil = null) =>
        new("PstResale", "PST-1234-5678", ["Pst"], provinces ?? ["BC"], validFrom ?? new DateOnly(2026, 1, 1), validUntil, null, "pst-number.pdf", ScannedPdf);
}

public sealed class ExemptionCertificateTestsOnSqlite() : ExemptionCertificateTests(DatabaseProvider.Sqlite);
public sealed class ExemptionCertificateTestsOnPostgres() : ExemptionCertificateTests(DatabaseProvider.Postgres);
