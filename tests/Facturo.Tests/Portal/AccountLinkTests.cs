using Facturo.Accounts;
using Facturo.Data;
using Facturo.Infrastructure;
using Facturo.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Facturo.Portal;

/// <summary>
/// "Link another customer number": the invoice number and total are printed on the invoice, so they only start a link;
/// the account's billing contact confirms it from the emailed link before any business sees the account.
/// </summary>
public abstract class AccountLinkTests(DatabaseProvider provider) : PortalTest(provider)
{
    [Fact]
    public async Task An_admin_holding_one_invoice_of_another_company_gets_its_account_only_after_its_billing_contact_confirms()
    {
        var (invoice, total) = await BilledAsync("1000400", "1000401");
        await using var browser = await Browser.LaunchAsync();
        var admin = await SignedInAdminAsync(browser, "1000400", "admin@a.example");

        var answer = await LinkAsync(admin, "1000401", invoice, total);
        var linkedAfterProof = await IsLinkedAsync("1000401");
        var pending = await admin.GetByTestId("pending-links").Locator("tbody tr").AllInnerTextsAsync();
        var asked = await ReadEmailAsync("billing@1000401.example", "Do you confirm? Customer 1000400 asks to see the invoices of account 1000401");
        var link = await ReadLinkAsync("billing@1000401.example", "/link-account?token=");
        var billingContact = await browser.NewPageAsync(BaseAddress, "en-CA");
        await billingContact.GotoAsync(link);
        var shown = await billingContact.Locator("main").InnerTextAsync();
        var linkedAfterOpening = await IsLinkedAsync("1000401");
        await billingContact.GetByRole(AriaRole.Button, new() { Name = "I confirm: link the account" }).ClickAsync();
        var confirmed = await billingContact.GetByRole(AriaRole.Status).InnerTextAsync();
        var told = await ReadEmailAsync("admin@a.example", "Account 1000401 linked to your business");
        await admin.GotoAsync("/business/users");
        var accounts = await admin.GetByTestId("linked-accounts").Locator("li").AllInnerTextsAsync();

        Assert.Equal("The billing contact of account 1000401 must confirm: we emailed them a link, valid for 7 days. The account will be linked to your business as soon as they confirm.", answer);
        Assert.False(linkedAfterProof);
        Assert.Single(pending);
        Assert.Contains("1000401", pending[0], StringComparison.Ordinal);
        Assert.Contains("Sam Client (admin@a.example), of the business \"Customer 1000400\"", asked, StringComparison.Ordinal);
        Assert.Contains("Otherwise, do nothing", asked, StringComparison.Ordinal);
        Assert.Contains("Sam Client (admin@a.example), of the business \"Customer 1000400\", asks to link customer account 1000401", shown, StringComparison.Ordinal);
        Assert.False(linkedAfterOpening);
        Assert.Equal("Thank you. Account 1000401 is now linked to the business \"Customer 1000400\".", confirmed);
        Assert.Contains("The billing contact of customer account 1000401 (Customer 1000401) confirmed the request of Sam Client", told, StringComparison.Ordinal);
        Assert.Equal(["1000400 — Customer 1000400", "1000401 — Customer 1000401"], accounts);
        await using var db = Database.NewContext();
        var request = await db.AccountLinkRequests.SingleAsync();
        Assert.Equal(64, request.TokenHash.Length);
        Assert.DoesNotContain(request.TokenHash, link, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_billing_contact_gets_the_confirmation_in_the_account_language_and_the_french_admin_is_answered_in_french()
    {
        var (invoice, total) = await BilledAsync("1000402", "1000403");
        await SetLanguageAsync("1000403", Language.Fr);
        await using var browser = await Browser.LaunchAsync();
        var admin = await SignedInAdminAsync(browser, "1000402", "admin@fr.example", "fr-CA");

        var answer = await LinkAsync(admin, "1000403", invoice, total.Replace('.', ','), "Lier le compte");
        var asked = await ReadEmailAsync("billing@1000403.example", "Confirmez-vous ? Customer 1000402 demande à voir les factures du compte 1000403");

        Assert.Equal("Le contact de facturation du compte 1000403 doit confirmer : nous lui avons envoyé un lien par courriel, valide 7 jours. Le compte sera lié à votre entreprise dès sa confirmation.", answer);
        Assert.Contains("Sam Client (admin@fr.example), de l'entreprise « Customer 1000402 »", asked, StringComparison.Ordinal);
        Assert.False(await IsLinkedAsync("1000403"));
    }

    [Fact]
    public async Task A_used_expired_or_cancelled_link_links_nothing()
    {
        var proofs = await BilledAccountsAsync("1000404", "1000405", "1000406");
        var owner = await RegisterAsync("1000404", "owner@a.example", PortalRole.Admin);

        var first = await RequestAsync(owner, "1000405", proofs[1]);
        var token = await TokenSentToAsync("billing@1000405.example");
        var confirmed = await ConfirmAsync(token);
        var reused = await ConfirmAsync(token);
        var again = await RequestAsync(owner, "1000405", proofs[1]);
        var toCancel = await RequestAsync(owner, "1000406", proofs[2]);
        var cancelToken = await TokenSentToAsync("billing@1000406.example");
        var withdrawn = await InScopeAsync<AccountLinks, Outcome<PendingAccountLink>>(l => l.CancelAsync(owner, toCancel.Value!.Request.Id, CancellationToken.None));
        var afterCancel = await ConfirmAsync(cancelToken);
        var toExpire = await RequestAsync(owner, "1000406", proofs[2]);
        var expireToken = await TokenSentToAsync("billing@1000406.example");
        MoveClockTo(2026, 11, 9);
        var afterExpiry = await ConfirmAsync(expireToken);

        Assert.True(first.Succeeded, first.Error?.Code);
        Assert.True(confirmed.Succeeded, confirmed.Error?.Code);
        Assert.Equal("portal.account-link-unusable", reused.Error?.Code);
        Assert.Equal("portal.account-already-linked", again.Error?.Code);
        Assert.True(withdrawn.Succeeded, withdrawn.Error?.Code);
        Assert.NotEqual(cancelToken, expireToken);
        Assert.True(toExpire.Succeeded, toExpire.Error?.Code);
        Assert.Equal("portal.account-link-unusable", afterCancel.Error?.Code);
        Assert.Equal("portal.account-link-unusable", afterExpiry.Error?.Code);
        Assert.Equal("This link can no longer be used: it was already used, it has expired or the request was cancelled. Nothing was linked.", afterExpiry.Error!.Message(Language.En));
        Assert.Equal("Ce lien n'est plus valide : il a déjà servi, il est expiré ou la demande a été annulée. Rien n'a été lié.", afterExpiry.Error!.Message(Language.Fr));
        Assert.False(await IsLinkedAsync("1000406"));
        Assert.Empty(await InScopeAsync<AccountLinks, List<PendingAccountLink>>(l => l.PendingForAsync(owner.EnterpriseId, CancellationToken.None)));
    }

    [Fact]
    public async Task Being_signed_in_confirms_nothing_only_the_emailed_token_does()
    {
        var (invoice, total) = await BilledAsync("1000407", "1000408");
        await AddAccountAsync("1000409");
        await RegisterAsync("1000409", "other@b.example", PortalRole.Admin);
        await using var browser = await Browser.LaunchAsync();
        var requester = await SignedInAdminAsync(browser, "1000407", "admin@a.example");
        await LinkAsync(requester, "1000408", invoice, total);
        var otherAdmin = await browser.NewPageAsync(BaseAddress, "en-CA");
        await SignInAsync(otherAdmin, "other@b.example", Password);

        var forRequester = await PostConfirmationAsync(requester, "not-the-token");
        var forOtherAdmin = await PostConfirmationAsync(otherAdmin, "");

        Assert.Contains("This link can no longer be used", forRequester, StringComparison.Ordinal);
        Assert.Contains("This link can no longer be used", forOtherAdmin, StringComparison.Ordinal);
        Assert.False(await IsLinkedAsync("1000408"));
        await using var db = Database.NewContext();
        Assert.Null((await db.AccountLinkRequests.SingleAsync()).ConfirmedAt);
    }

    [Fact]
    public async Task An_account_with_no_billing_email_is_refused_with_a_call_to_billing_support_and_nothing_is_stored()
    {
        var (invoice, total) = await BilledAsync("1000410", "1000411");
        await using (var db = Database.NewContext())
        {
            (await db.Accounts.SingleAsync(a => a.CustomerNumber == "1000411")).BillingEmail = "";
            await db.SaveChangesAsync();
        }
        var owner = await RegisterAsync("1000410", "owner@a.example", PortalRole.Admin);

        var refused = await RequestAsync(owner, "1000411", (invoice, total));
        var wrongTotal = await RequestAsync(owner, "1000411", (invoice, "1.00"));
        var unknown = await RequestAsync(owner, "1000499", (invoice, "1.00"));

        Assert.Equal("Account 1000411 has no billing email to ask for confirmation. Call billing support at 1-800-267-7651 to link this account. Nothing was linked.", refused.Error?.Message(Language.En));
        Assert.Equal("Le compte 1000411 n'a pas d'adresse courriel de facturation à laquelle demander la confirmation. Appelez le soutien à la facturation au 1-800-267-7651 pour lier ce compte. Rien n'a été lié.", refused.Error?.Message(Language.Fr));
        Assert.Equal(unknown.Error?.Message(Language.En), wrongTotal.Error?.Message(Language.En));
        Assert.Equal("portal.request-not-proven", wrongTotal.Error?.Code);
        Assert.False(await IsLinkedAsync("1000411"));
        await using var check = Database.NewContext();
        Assert.Empty(await check.AccountLinkRequests.ToListAsync());
        Assert.Empty(await check.OutboxEmails.Where(e => e.Kind == "account-link-requested").ToListAsync());
    }

    private async Task<IPage> SignedInAdminAsync(Browser browser, string customerNumber, string email, string locale = "en-CA")
    {
        var link = await InviteAndReadLinkAsync(customerNumber, email, locale == "fr-CA" ? Language.Fr : Language.En);
        var page = await browser.NewPageAsync(BaseAddress, locale);
        await RegisterAsync(page, link);
        await page.GotoAsync("/business/users");
        return page;
    }

    private Task<Outcome<PendingAccountLink>> RequestAsync(PortalUser admin, string customerNumber, (string Invoice, string Total) proof) =>
        InScopeAsync<AccountLinks, Outcome<PendingAccountLink>>(l =>
            l.RequestAsync(admin, customerNumber, proof.Invoice, decimal.Parse(proof.Total, System.Globalization.CultureInfo.InvariantCulture), CancellationToken.None));

    private Task<Outcome<AccountLinkToConfirm>> ConfirmAsync(string token) =>
        InScopeAsync<AccountLinks, Outcome<AccountLinkToConfirm>>(l => l.ConfirmAsync(token, CancellationToken.None));

    private async Task<string> TokenSentToAsync(string email) => (await ReadLinkAsync(email, "/link-account?token=")).Split("token=")[1];

    /// <summary>Posts the confirmation with the given token and the signed-in person's antiforgery token, read from a page of theirs.</summary>
    private static async Task<string> PostConfirmationAsync(IPage page, string token)
    {
        await page.GotoAsync("/account/preferences");
        var form = await page.EvaluateAsync<string>("() => document.querySelector('input[name=__RequestVerificationToken]')?.value ?? ''");
        var answer = await page.APIRequest.PostAsync("/link-account", new() { Form = page.APIRequest.CreateFormData().Set("Token", token).Set("__RequestVerificationToken", form) });
        return await answer.TextAsync();
    }

    private async Task SetLanguageAsync(string customerNumber, Language language)
    {
        await using var db = Database.NewContext();
        (await db.Accounts.SingleAsync(a => a.CustomerNumber == customerNumber)).Language = language;
        await db.SaveChangesAsync();
    }

    private static async Task<string> LinkAsync(IPage page, string customerNumber, string documentNumber, string total, string button = "Link the account")
    {
        await page.Locator("#LinkCustomerNumber").FillAsync(customerNumber);
        await page.Locator("#LinkDocumentNumber").FillAsync(documentNumber);
        await page.Locator("#LinkDocumentTotal").FillAsync(total);
        await page.GetByRole(AriaRole.Button, new() { Name = button }).ClickAsync();
        return await page.Locator("[role=status], [role=alert]").First.InnerTextAsync();
    }

    private async Task<bool> IsLinkedAsync(string customerNumber)
    {
        await using var db = Database.NewContext();
        return await db.EnterpriseAccounts.AnyAsync(l => db.Accounts.Any(a => a.Id == l.AccountId && a.CustomerNumber == customerNumber));
    }

    /// <summary>Both accounts billed in October; the second one's invoice number and total, as printed on it.</summary>
    private async Task<(string Invoice, string Total)> BilledAsync(string first, string second) => (await BilledAccountsAsync(first, second))[1];
}

public sealed class AccountLinkTestsOnSqlite() : AccountLinkTests(DatabaseProvider.Sqlite);
public sealed class AccountLinkTestsOnPostgres() : AccountLinkTests(DatabaseProvider.Postgres);
