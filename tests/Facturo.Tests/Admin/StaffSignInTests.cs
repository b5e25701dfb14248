using System.Net;
using System.Text.RegularExpressions;
using Facturo.Data;
using Facturo.Infrastructure;
using Facturo.Portal;
using Facturo.Staff;

namespace Facturo.Admin;

/// <summary>The back-office sign-in tells nobody which addresses are staff, and refuses weak passwords like the portal.</summary>
public abstract partial class StaffSignInTests(DatabaseProvider provider) : PortalTest(provider)
{
    [Fact]
    public async Task Staff_sign_in_answers_an_unknown_address_a_wrong_password_and_a_locked_account_with_the_same_page()
    {
        await CreateStaffAsync("agent@staff.example", StaffRole.Sales);
        await CreateStaffAsync("locked@staff.example", StaffRole.Sales);
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("fr-CA");
        async Task<string> SignInPageAfterAsync(string email, string password)
        {
            var form = await client.GetStringAsync("/admin/signin");
            var token = Token().Match(form).Groups[1].Value;
            var answer = await client.PostAsync("/admin/signin", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Email"] = email,
                ["Password"] = password,
                ["__RequestVerificationToken"] = token,
            }));
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            var body = await answer.Content.ReadAsStringAsync();
            return AntiforgeryField().Replace(body.Replace(email, "EMAIL", StringComparison.Ordinal), "TOKEN");
        }

        var unknown = await SignInPageAfterAsync("nobody@staff.example", AgentPassword);
        var wrong = await SignInPageAfterAsync("agent@staff.example", "Not-The-Password-1");
        for (var failure = 0; failure < 5; failure++)
        {
            await SignInPageAfterAsync("locked@staff.example", "Not-The-Password-1");
        }
        var lockedWithTheRightPassword = await SignInPageAfterAsync("locked@staff.example", AgentPassword);

        Assert.Equal(unknown, wrong);
        Assert.Equal(unknown, lockedWithTheRightPassword);
        Assert.Contains("Courriel ou mot de passe incorrect. Après cinq essais infructueux, la connexion est bloquée 15 minutes.", WebUtility.HtmlDecode(unknown), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_authenticator_code_is_answered_with_the_reason_not_a_server_error()
    {
        await CreateStaffAsync("empty@staff.example", StaffRole.Sales);
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("fr-CA");
        await client.PostAsync("/admin/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = "empty@staff.example",
            ["Password"] = AgentPassword,
            ["__RequestVerificationToken"] = Token().Match(await client.GetStringAsync("/admin/signin")).Groups[1].Value,
        }));

        var answer = await client.PostAsync("/admin/two-step", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Code"] = "",
            ["__RequestVerificationToken"] = Token().Match(await client.GetStringAsync("/admin/two-step")).Groups[1].Value,
        }));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("Entrez le code à 6 chiffres", WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Staff_sign_in_and_the_reset_password_form_stop_a_flood_of_posts_from_one_address()
    {
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = BaseAddress };
        async Task<HttpStatusCode> PostAsync(string path, Dictionary<string, string> fields)
        {
            fields["__RequestVerificationToken"] = Token().Match(await client.GetStringAsync(path)).Groups[1].Value;
            return (await client.PostAsync(path, new FormUrlEncodedContent(fields))).StatusCode;
        }

        var staffAnswers = new List<HttpStatusCode>();
        for (var post = 0; post <= PortalRateLimits.StaffSignInsPerWindow; post++)
        {
            staffAnswers.Add(await PostAsync("/admin/signin", new() { ["Email"] = $"guess{post}@staff.example", ["Password"] = "Spray-Password-2026" }));
        }
        var resetAnswers = new List<HttpStatusCode>();
        for (var post = 0; post <= PortalRateLimits.PostsPerWindow; post++)
        {
            resetAnswers.Add(await PostAsync("/reset-password", new() { ["Email"] = "someone@client.example", ["Token"] = $"guess{post}", ["NewPassword"] = "Guessing-Tokens-2026" }));
        }

        Assert.All(staffAnswers.SkipLast(1), status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, staffAnswers[^1]);
        Assert.All(resetAnswers.SkipLast(1), status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, resetAnswers[^1]);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]+\"")]
    private static partial Regex AntiforgeryField();
}

public sealed class StaffSignInTestsOnSqlite() : StaffSignInTests(DatabaseProvider.Sqlite);
public sealed class StaffSignInTestsOnPostgres() : StaffSignInTests(DatabaseProvider.Postgres);
