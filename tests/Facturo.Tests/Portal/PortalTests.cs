using Facturo.Accounts;
using Facturo.Billing;
using Facturo.Data;
using Facturo.Emails;
using Facturo.Infrastructure;
using Facturo.Portal;
using Microsoft.Playwright;
using MimeKit;

namespace Facturo.Portal;

/// <summary>The portal walked in a real browser, in French and in English.</summary>
public abstract class PortalTests(DatabaseProvider provider) : PortalTest(provider)
{
    [Theory]
    [InlineData("fr-CA", "114,98 $", "Votre nom", "M'inscrire", "n'est plus valide")]
    [InlineData("en-CA", "$114.98", "Your name", "Register", "can no longer be used")]
    public async Task An_invited_contact_registers_then_sees_what_it_owes_and_the_invoice(string locale, string total, string nameLabel, string registerButton, string usedInvitation)
    {
        var language = locale.StartsWith("fr", StringComparison.Ordinal) ? Language.Fr : Language.En;
        await AddAccountAsync("1000051", province: Province.QC, language: language);
        await PlaceOrderAsync("1000051", unitPrice: 100m);
        MoveClockTo(2026, 11, 1);
        await BillAsync(October);
        MoveClockTo(2026, 12, 15);
        var invitationLink = await InviteAndReadLinkAsync("1000051", "ap@client.example", language);

        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(BaseAddress, locale);
        await page.GotoAsync(invitationLink);
        await page.GetByLabel(nameLabel).FillAsync("Alex Martin");
        await page.Locator("#Password").FillAsync(Password);
        await page.Locator("#ConfirmPassword").FillAsync(Password);
        await page.Locator("#Question1").SelectOptionAsync("birth-city");
        await page.Locator("#Answer1").FillAsync("Trois-Rivières");
        await page.Locator("#Question2").SelectOptionAsync("first-pet");
        await page.Locator("#Answer2").FillAsync("Filou");
        await page.GetByRole(AriaRole.Button, new() { Name = registerButton }).ClickAsync();
        await page.WaitForPathAsync("/summary");

        Assert.Equal(total, Spaces(await page.GetByTestId("total-due").InnerTextAsync()));
        Assert.Equal(total, Spaces(await page.GetByTestId("total-overdue").InnerTextAsync()));
        Assert.Equal($"{language.ToCode()}-CA", await page.Locator("html").GetAttributeAsync("lang"));
        await Screenshot(page, $"summary-{language.ToCode()}");

        await page.GetByRole(AriaRole.Link, new() { Name = "F000000001", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/invoices/F000000001");
        Assert.Equal(total, Spaces(await page.GetByTestId("invoice-total").InnerTextAsync()));
        await Screenshot(page, $"invoice-{language.ToCode()}");

        var pdf = await page.APIRequest.GetAsync("/invoices/F000000001/pdf");
        Assert.Equal("application/pdf", pdf.Headers["content-type"]);
        var pdfBytes = await pdf.BodyAsync();
        var pdfText = PdfText(pdfBytes);
        Assert.Contains(total, pdfText, StringComparison.Ordinal);
        Assert.Contains(language == Language.Fr ? "TVQ" : "QST", pdfText, StringComparison.Ordinal);
        Assert.Contains("F000000001", pdfText, StringComparison.Ordinal);
        if (Provider == DatabaseProvider.Sqlite)
        {
            var pdfPath = Path.Combine(RepositoryFolders.Screenshots, $"invoice-{language.ToCode()}.pdf");
            await File.WriteAllBytesAsync(pdfPath, pdfBytes);
            await PictureFirstPageAsync(pdfPath);
        }

        var reuse = await browser.NewPageAsync(BaseAddress, locale);
        await reuse.GotoAsync(invitationLink);
        Assert.Contains(usedInvitation, await reuse.GetByRole(AriaRole.Alert).InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_registered_user_signs_out_and_back_in_and_a_wrong_password_reveals_nothing()
    {
        await AddAccountAsync("1000052");
        var link = await InviteAndReadLinkAsync("1000052", "owner@client.example", Language.En);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(BaseAddress, "en-CA");
        await RegisterAsync(page, link);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        var afterSignOut = await page.GotoAsync("/summary");
        await SignInAsync(page, "owner@client.example", "Wrong-Password-1");
        var wrongPassword = await page.GetByRole(AriaRole.Alert).InnerTextAsync();
        await SignInAsync(page, "nobody@client.example", Password);
        var unknownEmail = await page.GetByRole(AriaRole.Alert).InnerTextAsync();
        await SignInAsync(page, "owner@client.example", Password);

        Assert.Contains("/signin", afterSignOut!.Url, StringComparison.Ordinal);
        Assert.StartsWith("Incorrect email or password.", wrongPassword, StringComparison.Ordinal);
        Assert.Equal(wrongPassword, unknownEmail);
        await page.WaitForPathAsync("/summary");
    }

    [Fact]
    public async Task A_forgotten_password_is_reset_by_the_security_questions_without_revealing_who_is_registered()
    {
        await AddAccountAsync("1000055");
        var link = await InviteAndReadLinkAsync("1000055", "qc@client.example", Language.Fr);
        await using var browser = await Browser.LaunchAsync();
        await RegisterAsync(await browser.NewPageAsync(BaseAddress, "fr-CA"), link);
        var page = await browser.NewPageAsync(BaseAddress, "fr-CA");

        var unknownQuestions = await AskQuestionsAsync(page, "personne@client.example");
        var unknownAgain = await AskQuestionsAsync(page, "personne@client.example");
        await AnswerAsync(page, "Ecole Saint Jean", "Pas la bonne rue", "Nouveau-Passe-77");
        var wrongAnswers = await page.GetByRole(AriaRole.Alert).InnerTextAsync();
        var ownQuestions = await AskQuestionsAsync(page, "qc@client.example");
        await AnswerAsync(page, "  école saint-jean ", "RUE PRINCIPALE", "Nouveau-Passe-77");
        var done = await page.GetByRole(AriaRole.Status).InnerTextAsync();
        await SignInAsync(page, "qc@client.example", "Nouveau-Passe-77");

        Assert.Equal(unknownQuestions, unknownAgain);
        Assert.Equal(2, unknownQuestions.Count);
        Assert.Equal(["Quel est le nom de votre première école?", "Sur quelle rue avez-vous grandi?"], ownQuestions);
        Assert.Contains("ne correspondent pas", wrongAnswers, StringComparison.Ordinal);
        Assert.Contains("a été changé", done, StringComparison.Ordinal);
        // This browser never signed in: after a reset by the questions it must also give the emailed code (RecoveryTests).
        await page.WaitForURLAsync("**/signin/email-code**");
    }

    [Fact]
    public async Task A_forgotten_password_is_reset_by_an_emailed_link_and_an_unknown_address_gets_the_same_answer()
    {
        await AddAccountAsync("1000056");
        var link = await InviteAndReadLinkAsync("1000056", "on@client.example", Language.En);
        await using var browser = await Browser.LaunchAsync();
        await RegisterAsync(await browser.NewPageAsync(BaseAddress, "en-CA"), link);
        var page = await browser.NewPageAsync(BaseAddress, "en-CA");

        var forKnown = await AskForLinkAsync(page, "on@client.example");
        var forUnknown = await AskForLinkAsync(page, "nobody@client.example");
        var resetLink = await ReadLinkAsync("on@client.example", "/reset-password?");
        await page.GotoAsync(resetLink);
        await page.Locator("#NewPassword").FillAsync("Brand-New-Pass-9");
        await page.Locator("main form button[type=submit]").ClickAsync();
        var done = await page.GetByRole(AriaRole.Status).InnerTextAsync();
        await page.GotoAsync(resetLink);
        await page.Locator("#NewPassword").FillAsync("Another-Pass-10");
        await page.Locator("main form button[type=submit]").ClickAsync();
        var reused = await page.GetByRole(AriaRole.Alert).InnerTextAsync();
        await SignInAsync(page, "on@client.example", "Brand-New-Pass-9");

        Assert.Equal(forKnown, forUnknown);
        Assert.Contains("password was changed", done, StringComparison.Ordinal);
        Assert.Contains("no longer valid", reused, StringComparison.Ordinal);
        await page.WaitForPathAsync("/summary");
    }

    [Fact]
    public async Task An_admin_adds_a_viewer_who_registers_and_signs_in_then_removes_them()
    {
        await AddAccountAsync("1000057");
        await PlaceOrderAsync("1000057");
        MoveClockTo(2026, 11, 1);
        await BillAsync(October);
        var link = await InviteAndReadLinkAsync("1000057", "admin@client.example", Language.En);
        await using var browser = await Browser.LaunchAsync();
        var admin = await browser.NewPageAsync(BaseAddress, "en-CA");
        await RegisterAsync(admin, link);

        await admin.GetByRole(AriaRole.Link, new() { Name = "Business – Users" }).ClickAsync();
        await admin.Locator("#Email").FillAsync("viewer@client.example");
        await admin.Locator("#Role").SelectOptionAsync("Viewer");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Send the invitation" }).ClickAsync();
        var sent = await admin.GetByRole(AriaRole.Status).InnerTextAsync();
        var viewer = await browser.NewPageAsync(BaseAddress, "en-CA");
        await RegisterAsync(viewer, await ReadLinkAsync("viewer@client.example", "/register?token="));
        var viewerSeesInvoice = await viewer.GotoAsync("/invoices/F000000001");
        var viewerManagesUsers = await viewer.GotoAsync("/business/users");
        // Opened afresh: reloading the page the Add form answered would post it again and send a second invitation.
        await admin.GotoAsync("/business/users");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Remove Sam Client" }).ClickAsync();
        var remaining = await admin.Locator("tbody tr").CountAsync();
        var removedSignIn = await browser.NewPageAsync(BaseAddress, "en-CA");
        await SignInAsync(removedSignIn, "viewer@client.example", Password);

        Assert.Equal("Invitation sent to viewer@client.example.", sent);
        Assert.Equal(200, viewerSeesInvoice!.Status);
        Assert.Equal(404, viewerManagesUsers!.Status);
        Assert.Equal(1, remaining);
        Assert.StartsWith("Incorrect email or password.", await removedSignIn.GetByRole(AriaRole.Alert).InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_profile_language_decides_pages_and_pdfs_and_a_new_email_needs_the_password_and_a_confirmation()
    {
        await AddAccountAsync("1000058", province: Province.QC);
        await PlaceOrderAsync("1000058", unitPrice: 100m);
        MoveClockTo(2026, 11, 1);
        await BillAsync(October);
        var link = await InviteAndReadLinkAsync("1000058", "old@client.example", Language.Fr);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(BaseAddress, "fr-CA");
        await RegisterAsync(page, link);

        await page.GotoAsync("/account/preferences");
        await page.Locator("#PreferredLanguage").SelectOptionAsync("en");
        await page.Locator("form[action*=Language] button").ClickAsync();
        var heading = await page.Locator("h1").InnerTextAsync();
        var pdfText = PdfText(await (await page.APIRequest.GetAsync("/invoices/F000000001/pdf")).BodyAsync());
        await page.Locator("#NewEmail").FillAsync("new@client.example");
        await page.Locator("#CurrentPassword").FillAsync("Not-My-Password-1");
        await page.Locator("form[action*=Email] button").ClickAsync();
        var wrongPassword = await page.GetByRole(AriaRole.Alert).InnerTextAsync();
        await page.Locator("#NewEmail").FillAsync("new@client.example");
        await page.Locator("#CurrentPassword").FillAsync(Password);
        await page.Locator("form[action*=Email] button").ClickAsync();
        await page.GotoAsync(await ReadLinkAsync("new@client.example", "/account/confirm-email?"));
        var confirmed = await page.GetByRole(AriaRole.Status).InnerTextAsync();
        await ReadLinkAsync("old@client.example", "new@client.example"); // the old address is told where the notices go now
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await SignInAsync(page, "new@client.example", Password);

        Assert.Equal("My account – Personal – Preferences", heading);
        Assert.Contains("$114.98", pdfText, StringComparison.Ordinal);
        Assert.Equal("The current password is incorrect.", wrongPassword);
        Assert.Equal("Your email address is changed.", confirmed);
        await page.WaitForPathAsync("/summary");
    }

    [Fact]
    public async Task A_user_never_reaches_another_enterprises_account_or_invoice()
    {
        await AddAccountAsync("1000053");
        await AddAccountAsync("1000054");
        await PlaceOrderAsync("1000053");
        await PlaceOrderAsync("1000054");
        MoveClockTo(2026, 11, 1);
        await BillAsync(October);
        var link = await InviteAndReadLinkAsync("1000053", "mine@client.example", Language.En);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(BaseAddress, "en-CA");
        await RegisterAsync(page, link);

        var ownInvoice = await page.GotoAsync("/invoices/F000000001");
        var othersInvoice = await page.GotoAsync("/invoices/F000000002");
        var othersAccount = await page.GotoAsync("/summary?Account=1000054");
        var othersPdf = await page.APIRequest.GetAsync("/invoices/F000000002/pdf");
        var othersSearch = await page.GotoAsync("/invoices?Search=F000000002");
        var listed = await page.Locator("tbody tr").CountAsync();

        Assert.Equal(200, ownInvoice!.Status);
        Assert.Equal(404, othersInvoice!.Status);
        Assert.Equal(404, othersAccount!.Status);
        Assert.Equal(404, othersPdf.Status);
        Assert.Equal(200, othersSearch!.Status);
        Assert.Equal(0, listed);
    }

    [Fact]
    public async Task Two_simultaneous_registrations_with_one_invitation_make_one_user()
    {
        await AddAccountAsync("1000059");
        var token = (await InviteAndReadLinkAsync("1000059", "race@client.example", Language.En)).Split("token=")[1];
        var form = new RegistrationForm("Racer", Password, Language.En, "first-pet", "Rex", "birth-city", "Laval");

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ =>
            InScopeAsync<Invitations, Platform.Outcome<PortalUser>>(i => i.RegisterAsync(token, form, CancellationToken.None))));

        Assert.Single(outcomes, o => o.Succeeded);
        Assert.Single(outcomes, o => o.Error?.Code is "portal.invitation-unusable" or "portal.email-taken");
        await using var db = Database.NewContext();
        Assert.Equal(1, await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Users));
    }

    [Fact]
    public async Task The_bill_run_tells_each_portal_user_once_in_their_language_that_the_invoice_is_ready()
    {
        await AddAccountAsync("1000060", province: Province.QC);
        await AddAccountAsync("1000062");
        var link = await InviteAndReadLinkAsync("1000060", "fr@client.example", Language.Fr);
        await using (var browser = await Browser.LaunchAsync())
        {
            await RegisterAsync(await browser.NewPageAsync(BaseAddress, "fr-CA"), link);
        }
        await PlaceOrderAsync("1000060", unitPrice: 100m);
        await PlaceOrderAsync("1000062", unitPrice: 100m);
        MoveClockTo(2026, 11, 1);

        await BillAsync(October);
        await BillAsync(October);

        await using var db = Database.NewContext();
        var ready = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(db.OutboxEmails.Where(e => e.Kind == "invoice-ready"));
        var email = Assert.Single(ready);
        Assert.Equal(("fr@client.example", "Votre facture F000000001 est prête"), (email.ToAddress, email.Subject));
        Assert.Contains("de 114,98 $, payable au plus tard le 1 décembre 2026", Spaces(email.Body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_person_without_invitation_proves_the_account_with_an_invoice_and_a_9_number_is_refused_in_french()
    {
        await AddAccountAsync("9000063");
        await AddAccountAsync("1000064", province: Province.QC);
        await PlaceOrderAsync("1000064", unitPrice: 100m);
        MoveClockTo(2026, 11, 1);
        await BillAsync(October);
        await using var browser = await Browser.LaunchAsync();
        var french = await browser.NewPageAsync(BaseAddress, "fr-CA");
        var english = await browser.NewPageAsync(BaseAddress, "en-CA");

        var ineligible = await RequestInvitationAsync(french, "9000063", "F000000001", "114,98", "ap@client.example");
        var wrongAmount = await RequestInvitationAsync(english, "1000064", "F000000001", "114.89", "ap@client.example");
        await using (var db = Database.NewContext())
        {
            Assert.Empty(await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(db.Invitations));
        }
        var sent = await RequestInvitationAsync(english, "1000064", "F000000001", "$114.98", "ap@client.example");
        await RegisterAsync(english, await ReadLinkAsync("billing@1000064.example", "/register?token="));

        Assert.Contains("Le compte 9000063 n'est pas admissible à la facturation électronique", ineligible, StringComparison.Ordinal);
        Assert.Equal(wrongAmount, sent);
        Assert.StartsWith("Thank you. If these details match a recent invoice", sent, StringComparison.Ordinal);
        Assert.Equal("$114.98", Spaces(await english.GetByTestId("total-due").InnerTextAsync()));
    }

    [Fact]
    public async Task An_ineligible_customer_number_cannot_be_invited_and_says_whom_to_call()
    {
        await AddAccountAsync("9000061");

        var refused = await InScopeAsync<Invitations, Platform.Outcome<Invitation>>(i => i.InviteAsync("9000061", "ap@client.example", PortalRole.Admin, Language.Fr, null, CancellationToken.None));

        Assert.Equal("portal.not-eligible", refused.Error!.Code);
        Assert.Contains("1-800-267-7651", refused.Error.Message(Language.Fr), StringComparison.Ordinal);
    }
}

public sealed class PortalTestsOnSqlite() : PortalTests(DatabaseProvider.Sqlite);
public sealed class PortalTestsOnPostgres() : PortalTests(DatabaseProvider.Postgres);
