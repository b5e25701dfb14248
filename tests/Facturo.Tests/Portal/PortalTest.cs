using Facturo.Accounts;
using Facturo.Billing;
using Facturo.Data;
using Facturo.Emails;
using Facturo.Infrastructure;
using Facturo.Payments;
using Facturo.Platform;
using Facturo.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using MimeKit;

namespace Facturo.Portal;

/// <summary>What the portal's browser tests share: inviting, reading emails as a person would, registering and signing in.</summary>
public abstract class PortalTest(DatabaseProvider provider) : FacturoTest(provider)
{
    protected const string Password = "Correct-Horse-42";
    protected static readonly BillingPeriod October = BillingPeriod.Parse("2026-10");

    protected async Task BillAsync(BillingPeriod period)
    {
        var billed = await InScopeAsync<BillRunner, Platform.Outcome<BillRunResult>>(runner => runner.RunAsync(period, 500, null, CancellationToken.None));
        Assert.True(billed.Succeeded);
    }

    protected async Task<string> InviteAndReadLinkAsync(string customerNumber, string email, Language language)
    {
        var invited = await InScopeAsync<Invitations, Platform.Outcome<Invitation>>(i => i.InviteAsync(customerNumber, email, PortalRole.Admin, language, null, CancellationToken.None));
        Assert.True(invited.Succeeded, invited.Error?.Code);
        return await ReadLinkAsync(email, "/register?token=");
    }

    /// <summary>Lets the dispatcher deliver to the pickup folder, and reads the newest such link out of the .eml files, as a person would.</summary>
    protected async Task<string> ReadLinkAsync(string email, string linkStart)
    {
        await App.Services.GetRequiredService<EmailDispatcher>().SendPendingAsync(CancellationToken.None);
        foreach (var file in Directory.GetFiles(MailFolder, "*.eml").Order(StringComparer.Ordinal).Reverse())
        {
            var message = await MimeMessage.LoadAsync(file);
            if (message.To.Mailboxes.Any(m => m.Address == email))
            {
                var body = message.TextBody ?? "";
                var start = body.IndexOf(linkStart, StringComparison.Ordinal);
                if (start >= 0)
                {
                    return body[start..body.IndexOf('\n', start)].Trim();
                }
            }
        }
        throw new InvalidOperationException($"No email to {email} with a {linkStart} link in {MailFolder}.");
    }

    /// <summary>Lets the dispatcher deliver, and returns the body of the newest email to that address whose subject starts so.</summary>
    protected async Task<string> ReadEmailAsync(string email, string subjectStart)
    {
        await App.Services.GetRequiredService<EmailDispatcher>().SendPendingAsync(CancellationToken.None);
        foreach (var file in Directory.GetFiles(MailFolder, "*.eml").Order(StringComparer.Ordinal).Reverse())
        {
            var message = await MimeMessage.LoadAsync(file);
            if (message.To.Mailboxes.Any(m => m.Address == email) && (message.Subject ?? "").StartsWith(subjectStart, StringComparison.Ordinal))
            {
                return message.TextBody ?? "";
            }
        }
        throw new InvalidOperationException($"No email to {email} about \"{subjectStart}\" in {MailFolder}.");
    }

    protected static async Task<IReadOnlyList<string>> AskQuestionsAsync(IPage page, string email)
    {
        await page.GotoAsync("/forgot-password");
        await page.Locator("#QuestionsEmail").FillAsync(email);
        await page.Locator("form[action*=Questions] button").ClickAsync();
        return [await page.Locator("label[for=Answer1]").InnerTextAsync(), await page.Locator("label[for=Answer2]").InnerTextAsync()];
    }

    protected static async Task AnswerAsync(IPage page, string answer1, string answer2, string newPassword)
    {
        await page.Locator("#Answer1").FillAsync(answer1);
        await page.Locator("#Answer2").FillAsync(answer2);
        await page.Locator("#NewPassword").FillAsync(newPassword);
        await page.Locator("form[action*=Answers] button").ClickAsync();
    }

    /// <summary>Fills the request form and returns the page's answer: the refusal, or else the notice.</summary>
    protected static async Task<string> RequestInvitationAsync(IPage page, string customerNumber, string invoiceNumber, string total, string email, string name = "Robin Requester")
    {
        await page.GotoAsync("/request-invitation");
        await page.Locator("#CustomerNumber").FillAsync(customerNumber);
        await page.Locator("#InvoiceNumber").FillAsync(invoiceNumber);
        await page.Locator("#InvoiceTotal").FillAsync(total);
        await page.Locator("#FullName").FillAsync(name);
        await page.Locator("#Email").FillAsync(email);
        await page.Locator("main form button[type=submit]").ClickAsync();
        var alert = page.GetByRole(AriaRole.Alert);
        return await alert.CountAsync() > 0 ? await alert.InnerTextAsync() : await page.GetByRole(AriaRole.Status).InnerTextAsync();
    }

    protected static async Task<string> AskForLinkAsync(IPage page, string email)
    {
        await page.GotoAsync("/forgot-password");
        await page.Locator("#LinkEmail").FillAsync(email);
        await page.Locator("form[action*=Link] button").ClickAsync();
        return await page.GetByRole(AriaRole.Status).InnerTextAsync();
    }

    protected static async Task RegisterAsync(IPage page, string link)
    {
        await page.GotoAsync(link);
        await page.Locator("#FullName").FillAsync("Sam Client");
        await page.Locator("#Password").FillAsync(Password);
        await page.Locator("#ConfirmPassword").FillAsync(Password);
        await page.Locator("#Question1").SelectOptionAsync("first-school");
        await page.Locator("#Answer1").FillAsync("École Saint-Jean");
        await page.Locator("#Question2").SelectOptionAsync("childhood-street");
        await page.Locator("#Answer2").FillAsync("Rue Principale");
        await page.Locator("form button[type=submit]").Last.ClickAsync();
        try
        {
            await page.WaitForPathAsync("/summary");
        }
        catch (PlaywrightException)
        {
            throw new InvalidOperationException($"Registration stayed on {page.Url}: {await page.Locator("main").InnerTextAsync()}");
        }
    }

    protected static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/signin");
        await page.Locator("#Email").FillAsync(email);
        await page.Locator("#Password").FillAsync(password);
        await page.Locator("main form button[type=submit]").ClickAsync();
    }

    protected Task Screenshot(IPage page, string name) => Provider == DatabaseProvider.Sqlite
        ? page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepositoryFolders.Screenshots, $"{name}.png"), FullPage = true })
        : Task.CompletedTask;

    protected static string PdfText(byte[] pdf)
    {
        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
        return Spaces(string.Join('\n', document.GetPages().Select(p => string.Join(' ', p.GetWords().Select(w => w.Text)))));
    }

    protected static string Spaces(string text) => text.Replace('\u00A0', ' ').Replace('\u202F', ' ').Trim();

    /// <summary>The PDF's first page as a PNG beside it, drawn by poppler (scripts/ensure-test-tools.sh installs it), for the documentation.</summary>
    protected static async Task PictureFirstPageAsync(string pdfPath)
    {
        using var pdftoppm = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("pdftoppm",
            ["-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", pdfPath, Path.ChangeExtension(pdfPath, null) + "-pdf"])
        {
            RedirectStandardError = true,
        })!;
        var errors = await pdftoppm.StandardError.ReadToEndAsync();
        await pdftoppm.WaitForExitAsync();
        Assert.True(pdftoppm.ExitCode == 0, $"pdftoppm failed: {errors}");
    }

    /// <summary>A debit file as the bank gets it (it is stored encrypted).</summary>
    protected async Task<string> FileOfAsync(DebitBatch batch) =>
        System.Text.Encoding.ASCII.GetString(await App.Services.GetRequiredService<BankFileContents>().RevealAsync(batch, CancellationToken.None));

    protected async Task<long> AddCanadianBankAccountAsync(PortalUser payer)
    {
        var bank = await InScopeAsync<BankAccounts, Outcome<BankAccount>>(p => p.AddAsync(payer, new BankAccountForm(BankCountry.CA, "Client", "815", "30800", null, "123456789"), CancellationToken.None));
        Assert.True(bank.Succeeded, bank.Error?.Code);
        return bank.Value!.Id;
    }

    protected async Task<PortalUser> RegisterAsync(string customerNumber, string email, PortalRole role, Language language = Language.En)
    {
        var invited = await InScopeAsync<Invitations, Outcome<Invitation>>(i => i.InviteAsync(customerNumber, email, role, language, null, CancellationToken.None));
        Assert.True(invited.Succeeded, invited.Error?.Code);
        var token = (await ReadLinkAsync(email, "/register?token=")).Split("token=")[1];
        var registered = await InScopeAsync<Invitations, Outcome<PortalUser>>(i =>
            i.RegisterAsync(token, new RegistrationForm("Pat Payer", Password, language, "first-pet", "Rex", "birth-city", "Laval"), CancellationToken.None));
        Assert.True(registered.Succeeded, registered.Error?.Code);
        return registered.Value!;
    }

    /// <summary>Accounts with one invoice each, billed in one October bill run; each invoice's number and total as typed in English.</summary>
    protected async Task<IReadOnlyList<(string Invoice, string Total)>> BilledAccountsAsync(params string[] customerNumbers)
    {
        foreach (var number in customerNumbers)
        {
            await AddAccountAsync(number);
            await PlaceOrderAsync(number, unitPrice: 100m);
        }
        MoveClockTo(2026, 11, 1);
        await BillAsync(October);
        await using var db = Database.NewContext();
        var billed = new List<(string, string)>();
        foreach (var number in customerNumbers)
        {
            var invoice = await db.Invoices.Where(i => db.Accounts.Any(a => a.Id == i.AccountId && a.CustomerNumber == number)).Select(i => new { i.Id, i.TotalCents }).SingleAsync();
            billed.Add((string.Create(System.Globalization.CultureInfo.InvariantCulture, $"F{invoice.Id:D9}"),
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{invoice.TotalCents / 100}.{invoice.TotalCents % 100:00}")));
        }
        return billed;
    }

    protected const string AgentPassword = "Agent-Password-2026";

    protected async Task<StaffMember> CreateStaffAsync(string email, StaffRole role)
    {
        var created = await InScopeAsync<StaffSignIn, Platform.Outcome<StaffMember>>(s => s.CreateAsync(email, "Alex Agent", role, AgentPassword, CancellationToken.None));
        Assert.True(created.Succeeded, created.Error?.Code);
        return created.Value!;
    }

    /// <summary>A service call as a signed-in staff member makes it from a page: the audit reads who from the request.</summary>
    protected async Task<T> AsStaffAsync<T>(StaffMember staff, Func<IServiceProvider, Task<T>> run)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var request = new Microsoft.AspNetCore.Http.DefaultHttpContext { User = StaffSignIn.Principal(staff, twoStepDone: true), RequestServices = scope.ServiceProvider };
        scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Http.IHttpContextAccessor>().HttpContext = request;
        return await run(scope.ServiceProvider);
    }

    /// <summary>Password, then the code an authenticator app would show for the key the page gives at the first sign-in.</summary>
    protected async Task SignInAsStaffAsync(IPage page, string email)
    {
        await page.GotoAsync("/admin/signin");
        await page.Locator("#Email").FillAsync(email);
        await page.Locator("#Password").FillAsync(AgentPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await ExpectPathAsync(page, "/admin/two-step");
        var key = await page.GetByTestId("totp-key").InnerTextAsync();
        await page.Locator("#Code").FillAsync(Totp.Code(key, Clock.GetUtcNow()));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await ExpectPathAsync(page, "/admin");
    }

    /// <summary>
    /// Waits until the page shows the path. Polls the address rather than waiting for a navigation event: on a busy
    /// machine the navigation can end before the wait starts, and Playwright then waited for a load event already past.
    /// </summary>
    private static async Task ExpectPathAsync(IPage page, string path)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (new Uri(page.Url).AbsolutePath != path)
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new InvalidOperationException($"Expected {path} but stayed on {page.Url}: {await page.Locator("main").InnerTextAsync()}");
            }
            await Task.Delay(100);
        }
    }
}
