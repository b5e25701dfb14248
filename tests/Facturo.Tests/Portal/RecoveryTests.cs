using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Facturo.Accounts;
using Facturo.Data;
using Facturo.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Playwright;

namespace Facturo.Portal;

/// <summary>Recovering a password without handing the account to whoever knows the answers, and without telling who is registered.</summary>
public abstract partial class RecoveryTests(DatabaseProvider provider) : PortalTest(provider)
{
    [Fact]
    public async Task After_a_reset_by_the_questions_a_new_browser_needs_the_emailed_code_and_a_known_browser_does_not()
    {
        await AddAccountAsync("1000311");
        var link = await InviteAndReadLinkAsync("1000311", "owner@client.example", Language.En);
        await using var browser = await Browser.LaunchAsync();
        var office = await browser.NewPageAsync(BaseAddress, "en-CA");
        await RegisterAsync(office, link);
        await office.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).ClickAsync();
        await SignInAsync(office, "owner@client.example", Password);
        await office.WaitForPathAsync("/summary");
        await office.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).ClickAsync();
        var stranger = await browser.NewPageAsync(BaseAddress, "en-CA");

        await AskQuestionsAsync(stranger, "owner@client.example");
        await AnswerAsync(stranger, "École Saint-Jean", "Rue Principale", "Taken-Over-Pass-1");
        await stranger.GetByRole(AriaRole.Status).WaitForAsync();
        var notice = await ReadEmailAsync("owner@client.example", "Your password was changed");
        await SignInAsync(office, "owner@client.example", "Taken-Over-Pass-1");
        await office.WaitForPathAsync("/summary");
        await SignInAsync(stranger, "owner@client.example", "Taken-Over-Pass-1");
        await stranger.WaitForURLAsync("**/signin/email-code**");
        var summaryWithoutCode = await stranger.GotoAsync("/summary");
        var landedWithoutCode = new Uri(stranger.Url).AbsolutePath;
        await stranger.GoBackAsync();
        await stranger.Locator("#Code").FillAsync("000000");
        await stranger.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        var wrongCode = await stranger.GetByRole(AriaRole.Alert).InnerTextAsync();
        var codeEmail = await ReadEmailAsync("owner@client.example", "Your sign-in code");
        await stranger.Locator("#Code").FillAsync(SignInCode().Match(codeEmail).Groups[1].Value);
        await stranger.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await stranger.WaitForPathAsync("/summary");
        await stranger.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).ClickAsync();
        await SignInAsync(stranger, "owner@client.example", "Taken-Over-Pass-1");
        await stranger.WaitForPathAsync("/summary");

        Assert.Contains("with your security questions", notice, StringComparison.Ordinal);
        Assert.Contains("will ask for a code sent to this address", notice, StringComparison.Ordinal);
        Assert.NotNull(summaryWithoutCode);
        Assert.Equal("/signin", landedWithoutCode);
        Assert.Equal("This code is not valid or has expired. Sign in again to receive a new code.", wrongCode);
    }

    [Fact]
    public async Task After_a_reset_by_the_questions_an_account_with_two_step_verification_still_asks_for_its_authenticator_code()
    {
        await AddAccountAsync("1000312");
        await RegisterAsync("1000312", "guarded@client.example", PortalRole.Admin);
        await InScopeAsync<UserManager<PortalUser>, IdentityResult>(async users =>
        {
            var user = (await users.FindByEmailAsync("guarded@client.example"))!;
            await users.ResetAuthenticatorKeyAsync(user);
            return await users.SetTwoFactorEnabledAsync(user, true);
        });
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(BaseAddress, "en-CA");

        await AskQuestionsAsync(page, "guarded@client.example");
        await AnswerAsync(page, "Rex", "Laval", "Guarded-Reset-Pass-2");
        await page.GetByRole(AriaRole.Status).WaitForAsync();
        await SignInAsync(page, "guarded@client.example", "Guarded-Reset-Pass-2");
        await page.WaitForURLAsync("**/signin/two-step**");
        var notice = await ReadEmailAsync("guarded@client.example", "Your password was changed");

        Assert.DoesNotContain("will ask for a code", notice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Password_security_question_and_email_changes_are_each_emailed_in_french_to_a_french_user()
    {
        await AddAccountAsync("1000313", province: Province.QC);
        var link = await InviteAndReadLinkAsync("1000313", "avis@client.example", Language.Fr);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(BaseAddress, "fr-CA");
        await RegisterAsync(page, link);

        await page.GotoAsync("/account/password");
        await page.Locator("#PasswordCurrent").FillAsync(Password);
        await page.Locator("#NewPassword").FillAsync("qwertyuiop123");
        await page.Locator("#ConfirmPassword").FillAsync("qwertyuiop123");
        await page.Locator("form[action*=Password] button").ClickAsync();
        var common = await page.GetByRole(AriaRole.Alert).InnerTextAsync();
        await page.Locator("#PasswordCurrent").FillAsync(Password);
        await page.Locator("#NewPassword").FillAsync("Nouveau-Passe-Avis-1");
        await page.Locator("#ConfirmPassword").FillAsync("Nouveau-Passe-Avis-1");
        await page.Locator("form[action*=Password] button").ClickAsync();
        var passwordChanged = await page.GetByRole(AriaRole.Status).InnerTextAsync();
        var passwordNotice = await ReadEmailAsync("avis@client.example", "Votre mot de passe a été changé");
        await page.Locator("#Question1").SelectOptionAsync("first-pet");
        await page.Locator("#Answer1").FillAsync("Minou");
        await page.Locator("#Question2").SelectOptionAsync("birth-city");
        await page.Locator("#Answer2").FillAsync("Sherbrooke");
        await page.Locator("#QuestionsCurrent").FillAsync("Nouveau-Passe-Avis-1");
        await page.Locator("form[action*=Questions] button").ClickAsync();
        var questionsChanged = await page.GetByRole(AriaRole.Status).InnerTextAsync();
        var questionsNotice = await ReadEmailAsync("avis@client.example", "Vos questions de sécurité ont été changées");
        await page.GotoAsync("/account/preferences");
        await page.Locator("#NewEmail").FillAsync("nouvel-avis@client.example");
        await page.Locator("#CurrentPassword").FillAsync("Nouveau-Passe-Avis-1");
        await page.Locator("form[action*=Email] button").ClickAsync();
        await page.GotoAsync(await ReadLinkAsync("nouvel-avis@client.example", "/account/confirm-email?"));
        var emailNotice = await ReadEmailAsync("avis@client.example", "Votre adresse courriel a été changée");
        var newQuestions = await AskQuestionsAsync(await browser.NewPageAsync(BaseAddress, "fr-CA"), "nouvel-avis@client.example");

        Assert.Equal("Ce mot de passe est l'un des plus courants et serait vite deviné : choisissez-en un autre.", common);
        Assert.Equal("Votre mot de passe a été changé.", passwordChanged);
        Assert.Contains("vient d'être changé dans Mon compte", passwordNotice, StringComparison.Ordinal);
        Assert.Equal("Vos questions de sécurité ont été changées.", questionsChanged);
        Assert.Contains("Si vous n'avez pas fait ce changement", questionsNotice, StringComparison.Ordinal);
        Assert.Contains("nouvel-avis@client.example", emailNotice, StringComparison.Ordinal);
        Assert.Equal(["Quel était le nom de votre premier animal de compagnie?", "Dans quelle ville êtes-vous né?"], newQuestions);
    }

    [Fact]
    public async Task Forgot_password_answers_an_unknown_address_a_wrong_answer_and_a_locked_account_alike()
    {
        await AddAccountAsync("1000314");
        await RegisterAsync("1000314", "known@client.example", PortalRole.Admin, Language.Fr);
        await RegisterAsync("1000314", "locked@client.example", PortalRole.Admin, Language.Fr);
        await InScopeAsync<UserManager<PortalUser>, bool>(async users =>
        {
            var locked = (await users.FindByEmailAsync("locked@client.example"))!;
            for (var failure = 0; failure < 5; failure++)
            {
                await users.AccessFailedAsync(locked);
            }
            return await users.IsLockedOutAsync(locked);
        });
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(BaseAddress, "fr-CA");
        async Task<(string Alert, string Page)> AnswerForAsync(string email, string answer1, string answer2)
        {
            var questions = await AskQuestionsAsync(page, email);
            await AnswerAsync(page, answer1, answer2, "Un-Passe-Nouveau-3");
            var alert = await page.GetByRole(AriaRole.Alert).InnerTextAsync();
            var html = (await page.Locator("main").InnerHTMLAsync()).Replace(email, "EMAIL", StringComparison.Ordinal)
                .Replace(questions[0], "Q1", StringComparison.Ordinal).Replace(questions[1], "Q2", StringComparison.Ordinal);
            return (alert, AntiforgeryToken().Replace(html, "TOKEN"));
        }

        var unknown = await AnswerForAsync("personne@client.example", "Rex", "Laval");
        var wrong = await AnswerForAsync("known@client.example", "Rex", "Montréal");
        var lockedWithTheRightAnswers = await AnswerForAsync("locked@client.example", "Rex", "Laval");
        var lockedSignsIn = await InScopeAsync<UserManager<PortalUser>, bool>(async users =>
            await users.CheckPasswordAsync((await users.FindByEmailAsync("locked@client.example"))!, "Un-Passe-Nouveau-3"));

        Assert.Equal(unknown, wrong);
        Assert.Equal(unknown, lockedWithTheRightAnswers);
        Assert.Contains("ne correspondent pas", unknown.Alert, StringComparison.Ordinal);
        Assert.False(lockedSignsIn);
    }

    [Fact]
    public async Task Made_up_questions_are_stable_for_an_address_differ_between_addresses_and_cannot_be_worked_out_from_the_address()
    {
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(BaseAddress, "en-CA");
        string[] strangers = ["a@nowhere.example", "b@nowhere.example", "c@nowhere.example", "d@nowhere.example", "e@nowhere.example"];

        var shown = new List<IReadOnlyList<string>>();
        foreach (var email in strangers)
        {
            shown.Add(await AskQuestionsAsync(page, email));
        }
        var again = await AskQuestionsAsync(page, strangers[0]);

        Assert.Equal(shown[0], again);
        Assert.True(shown.Select(q => string.Join('|', q)).Distinct().Count() > 1);
        Assert.NotEqual(strangers.Select(OldPredictableQuestions), shown.Select(q => string.Join('|', q)));
    }

    /// <summary>What the questions were before they came from a server secret: anyone could compute them from the address alone.</summary>
    private static string OldPredictableQuestions(string email)
    {
        var codes = SecurityQuestions.All.Keys.ToArray();
        var seed = SHA256.HashData(Encoding.UTF8.GetBytes(email.Trim().ToUpperInvariant()));
        var first = seed[0] % codes.Length;
        var second = (first + 1 + seed[1] % (codes.Length - 1)) % codes.Length;
        return $"{SecurityQuestions.Text(codes[first], Language.En)}|{SecurityQuestions.Text(codes[second], Language.En)}";
    }

    [GeneratedRegex(@"code: (\d{6})")]
    private static partial Regex SignInCode();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]+\"")]
    private static partial Regex AntiforgeryToken();
}

public sealed class RecoveryTestsOnSqlite() : RecoveryTests(DatabaseProvider.Sqlite);
public sealed class RecoveryTestsOnPostgres() : RecoveryTests(DatabaseProvider.Postgres);
