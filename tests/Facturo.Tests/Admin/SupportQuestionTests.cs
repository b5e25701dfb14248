using Facturo.Accounts;
using Facturo.Data;
using Facturo.Infrastructure;
using Facturo.Portal;
using Facturo.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Facturo.Admin;

/// <summary>A billing question from the portal, answered in the back office, the answer emailed in the customer's language.</summary>
public abstract class SupportQuestionTests(DatabaseProvider provider) : PortalTest(provider)
{
    [Fact]
    public async Task A_customer_asks_in_french_an_agent_answers_and_the_answer_is_emailed_in_french()
    {
        await AddAccountAsync("1000170", language: Language.Fr);
        await CreateStaffAsync("help@staff.example", StaffRole.CustomerRelations);
        var link = await InviteAndReadLinkAsync("1000170", "comptable@client.example", Language.Fr);
        await using var browser = await Browser.LaunchAsync();
        var customer = await browser.NewPageAsync(BaseAddress, "fr-CA");
        await RegisterAsync(customer, link);

        await customer.GetByRole(AriaRole.Link, new() { Name = "Questions", Exact = true }).ClickAsync();
        await customer.GetByRole(AriaRole.Button, new() { Name = "Envoyer la question" }).ClickAsync();
        var empty = await customer.Locator("#Subject").EvaluateAsync<bool>("e => e.validity.valueMissing");
        await customer.Locator("#Subject").FillAsync("Frais de papier");
        await customer.Locator("#Body").FillAsync("Pourquoi des frais de papier sur la facture F000000001 ?");
        await customer.GetByRole(AriaRole.Button, new() { Name = "Envoyer la question" }).ClickAsync();
        var sent = await customer.GetByRole(AriaRole.Status).InnerTextAsync();
        var agent = await browser.NewPageAsync(BaseAddress, "en-CA");
        await SignInAsStaffAsync(agent, "help@staff.example");
        await agent.GotoAsync("/admin/questions");
        var waiting = await agent.GetByTestId("open-question").AllInnerTextsAsync();
        await agent.Locator("textarea[name=answer]").FillAsync("Les frais de papier s'appliquent parce que vous recevez vos factures par la poste.");
        await agent.GetByRole(AriaRole.Button, new() { Name = "Send the answer" }).ClickAsync();
        var answered = await agent.GetByRole(AriaRole.Status).InnerTextAsync();
        var emailed = await ReadEmailAsync("comptable@client.example", "Réponse à votre question : Frais de papier");
        await customer.ReloadAsync();
        var shown = await customer.GetByTestId("answer").InnerTextAsync();

        Assert.True(empty);
        Assert.Equal("Votre question est envoyée. La réponse vous sera envoyée par courriel et affichée ici.", sent);
        Assert.Contains("Pourquoi des frais de papier", Assert.Single(waiting), StringComparison.Ordinal);
        Assert.Equal("Answer sent.", answered);
        Assert.Contains("Notre réponse :\nLes frais de papier s'appliquent", emailed, StringComparison.Ordinal);
        Assert.Contains("Questions sur la facturation", emailed, StringComparison.Ordinal);
        Assert.StartsWith("Les frais de papier", shown, StringComparison.Ordinal);
        await using var db = Database.NewContext();
        Assert.Single(await db.StaffAuditEntries.Where(e => e.Action == "support.answer").ToListAsync());
    }

    [Fact]
    public async Task An_empty_question_is_refused_in_the_users_language_and_nothing_is_saved()
    {
        await AddAccountAsync("1000171");
        var link = await InviteAndReadLinkAsync("1000171", "asker@client.example", Language.Fr);
        var person = await InScopeAsync<Invitations, Platform.Outcome<PortalUser>>(i => i.RegisterAsync(link.Split("token=")[1],
            new RegistrationForm("Ana Asker", Password, Language.Fr, "first-pet", "Rex", "birth-city", "Laval"), CancellationToken.None));

        var refused = await InScopeAsync<SupportQuestions, Platform.Outcome<SupportQuestion>>(q => q.AskAsync(person.Value!, new QuestionForm("1000171", " ", "?"), CancellationToken.None));
        var otherAccount = await InScopeAsync<SupportQuestions, Platform.Outcome<SupportQuestion>>(q => q.AskAsync(person.Value!, new QuestionForm("9999999", "Sujet", "Question"), CancellationToken.None));

        Assert.Equal("Écrivez un objet (150 caractères au plus) et votre question (4 000 caractères au plus).", refused.Error?.Message(Language.Fr));
        Assert.Equal("account.not-found", otherAccount.Error?.Code);
        await using var db = Database.NewContext();
        Assert.Empty(await db.SupportQuestions.ToListAsync());
    }
}

public sealed class SupportQuestionTestsOnSqlite() : SupportQuestionTests(DatabaseProvider.Sqlite);
public sealed class SupportQuestionTestsOnPostgres() : SupportQuestionTests(DatabaseProvider.Postgres);
