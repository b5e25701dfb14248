using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Facturo.Billing;
using Facturo.Cli;
using Facturo.Data;
using Facturo.Emails;
using Facturo.Infrastructure;
using Facturo.Platform;
using Microsoft.Playwright;
using MimeKit;

namespace Facturo.EndToEnd;

/// <summary>
/// Issue 13's "Done when": a real biller's first day from an empty database, through the real <c>facturo</c> executable in
/// Production, a browser and a real SMTP server, with no SQL and no write to the database but the product's own.
/// The browser talks to the process on 127.0.0.1 as a TLS proxy would (X-Forwarded-Proto: https); links in emails name the
/// public address, so the test follows their path and query.
/// </summary>
public abstract partial class FirstDayTests(DatabaseProvider provider) : IAsyncLifetime
{
    private const string AdministratorEmail = "admin@laurentides.example";
    private const string AdministratorPassword = "Maple syrup on a snowy porch";
    private const string OperatorEmail = "camille@laurentides.example";
    private const string OperatorPassword = "Northern lights over the bay";
    private const string PortalContact = "owner@portal-client.example";
    private const string PortalPassword = "Blue heron by the old mill";
    private const string BillingOnlyEmail = "ap@email-client.example";
    private const string CertificatePassword = "first-day-key-ring";

    private readonly SmtpTestServer _smtp = new();
    private readonly string _folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "facturo-tests", $"first-day-{Guid.NewGuid():N}")).FullName;
    private readonly int _port = FreePort();
    private TestDatabase _database = null!;

    private Uri BaseAddress => new($"http://127.0.0.1:{_port}/");

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
        await _smtp.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _smtp.DisposeAsync();
        await _database.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_biller_is_set_up_imports_its_customers_adds_staff_takes_orders_and_at_month_end_bills_them_by_portal_email_and_paper_with_no_sql()
    {
        await RunAsync("migrate");
        var setUp = await RunAsync("setup", ["--file", await SettingsFileAsync()], AdministratorPassword + "\n");
        Assert.Contains(AdministratorEmail, setUp, StringComparison.Ordinal);

        using var serve = FacturoProcess.Start(_database.Options, Production(), "serve", "--urls", BaseAddress.ToString().TrimEnd('/'));
        await WaitUntilServingAsync();
        await using var browser = await Browser.LaunchAsync();

        var admin = await NewPageAsync(browser);
        await SignInAsStaffAsync(admin, AdministratorEmail, AdministratorPassword);
        await CompleteBillerSettingsAsync(admin);

        await ImportCustomersAsync(admin);
        await InvitePortalContactAsync(admin, browser);

        await AddStaffMemberWhoSetsTheirPasswordAsync(admin, browser);

        var apiKey = KeyPrinted().Match(await RunAsync("add-api-key", ["--name", "Shipping tool"])).Groups[1].Value;
        foreach (var customer in new[] { "1000001", "1000002", "1000003" })
        {
            await PlaceOrderAsync(apiKey, customer);
        }

        var period = BillingPeriod.Of(new BillerClock(TimeProvider.System).Today);
        var (exitCode, _, errors) = await FacturoProcess.RunAsync(_database.Options, Production(), AppContext.BaseDirectory, "bill-run", "--period", period.ToString());
        Assert.Equal(FacturoCli.Refused, exitCode);
        Assert.Contains($"Period {period} has not ended: it can be billed from {period.Next.FirstDay:yyyy-MM-dd}.", errors, StringComparison.Ordinal);

        await serve.KillAsync();
        var monthEnded = MonthEnded(period);
        var billed = await FacturoProcess.RunWithInputAsync(_database.Options, monthEnded, null, "bill-run", "--period", period.ToString());
        Assert.True(billed.ExitCode == 0, $"facturo bill-run exited with {billed.ExitCode}: {billed.Errors}");
        Assert.Contains("Delivery: 1 by portal notice, 1 by email with the PDF, 1 on paper", billed.Output, StringComparison.Ordinal);

        using var serveNextMonth = FacturoProcess.Start(_database.Options, monthEnded, "serve", "--urls", BaseAddress.ToString().TrimEnd('/'));
        await WaitUntilServingAsync();
        await EmailToAsync(PortalContact, m => InvoiceReady().IsMatch(m.Subject ?? ""));
        var withPdf = await EmailToAsync(BillingOnlyEmail, m => m.Attachments.Any());
        var attachment = Assert.Single(withPdf.Attachments.OfType<MimePart>());
        var invoiceNumber = Path.GetFileNameWithoutExtension(attachment.FileName) ?? "";
        Assert.Equal("application/pdf", attachment.ContentType.MimeType);
        Assert.StartsWith($"Invoice {invoiceNumber} from ", withPdf.Subject, StringComparison.Ordinal);
        using var pdf = UglyToad.PdfPig.PdfDocument.Open(Billing.InvoiceDeliveryTests.ContentOf(attachment));
        Assert.Contains(invoiceNumber, string.Concat(pdf.GetPages().Select(page => page.Text)), StringComparison.Ordinal);
    }

    /// <summary>
    /// The same settings on the 2nd of the next month: libfaketime (Debian's faketime) moves the clock of the facturo processes
    /// only, as a month passing would, since a first day's orders can be billed only once their month has ended.
    /// </summary>
    private Dictionary<string, string?> MonthEnded(BillingPeriod period)
    {
        const string FakeTime = "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1";
        Assert.True(File.Exists(FakeTime), $"{FakeTime} is missing: apt-get install faketime (.ci/run does).");
        var days = period.Next.FirstDay.AddDays(1).DayNumber - new BillerClock(TimeProvider.System).Today.DayNumber;
        var settings = Production();
        settings["LD_PRELOAD"] = FakeTime;
        settings["FAKETIME"] = $"+{days}d";
        settings["DONT_FAKE_MONOTONIC"] = "1";
        return settings;
    }

    /// <summary>The first email to that address that fits, waiting up to 60 s for the outbox to send it.</summary>
    private async Task<MimeMessage> EmailToAsync(string address, Func<MimeMessage, bool> fits)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(60))
        {
            if ((await _smtp.ReceivedAsync()).FirstOrDefault(m => m.To.Mailboxes.Any(b => b.Address == address) && fits(m)) is { } found)
            {
                return found;
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"No such email reached {address}.");
    }

    private async Task CompleteBillerSettingsAsync(IPage admin)
    {
        await admin.GotoAsync("/admin/settings");
        await admin.Locator("#SupportHoursEn").FillAsync("Monday to Friday, 8 a.m. to 6 p.m.");
        await admin.Locator("#DefaultCreditTermsDays").FillAsync("30");
        await admin.Locator("main form button[type=submit]").Last.ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToHaveTextAsync("Settings saved. The next invoices and bank files use them.");
        Assert.Equal("30", await admin.Locator("#DefaultCreditTermsDays").InputValueAsync());
    }

    /// <summary>A file with mistakes is checked and nothing imported; the clean one: a portal customer, one with a billing email only, one on paper.</summary>
    private async Task ImportCustomersAsync(IPage admin)
    {
        const string Header = "customer_number,legal_name,address_line1,city,country,region,postal_code,program,credit_terms_days,currency,language,billing_email,delivery";
        var withMistakes = await CsvFileAsync("with-mistakes.csv", Header,
            "1000001,Portail Client inc.,1 rue Principale,Montréal,CA,QC,H2X 1Y4,Commercial,30,CAD,fr,,Electronic",
            "1000002,Email Client Ltd.,2 Main Street,Ottawa,CA,ON,K1A 0B,Commercial,30,CAD,en,ap@,Electronic");
        var clean = await CsvFileAsync("clean.csv", Header,
            "1000001,Portail Client inc.,1 rue Principale,Montréal,CA,QC,H2X 1Y4,Commercial,30,CAD,fr,,Electronic",
            $"1000002,Email Client Ltd.,2 Main Street,Ottawa,CA,ON,K1A 0B1,Commercial,30,CAD,en,{BillingOnlyEmail},Electronic",
            "1000003,Paper Client Ltd.,3 Water Street,Halifax,CA,NS,B3H 1A1,Commercial,30,CAD,en,,Paper");

        await admin.GotoAsync("/admin/customers/import");
        await admin.Locator("#Upload").SetInputFilesAsync(withMistakes);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Check the file (dry run, nothing is imported)" }).ClickAsync();
        var problems = await admin.GetByTestId("problems").Locator("tbody tr").AllInnerTextsAsync();
        Assert.Equal(0, await admin.Locator("#ConfirmFile").CountAsync());
        Assert.Contains(problems, p => p.StartsWith("3\tpostal_code\t", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("3\tbilling_email\t", StringComparison.Ordinal));
        await admin.GotoAsync("/admin/customers?Q=1000001");
        Assert.DoesNotContain("Portail Client", await admin.Locator("main").InnerTextAsync(), StringComparison.Ordinal);

        await admin.GotoAsync("/admin/customers/import");
        await admin.Locator("#Upload").SetInputFilesAsync(clean);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Check the file (dry run, nothing is imported)" }).ClickAsync();
        Assert.Equal("3 account(s) in the file: 3 to create, 0 to update, 0 unchanged; 0 error(s).", await admin.GetByTestId("summary").InnerTextAsync());
        await admin.Locator("#ConfirmFile").SetInputFilesAsync(clean);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Import these 3 accounts" }).ClickAsync();
        Assert.Equal("Imported: 3 account(s) created, 0 updated, 0 unchanged.", await admin.GetByTestId("result").InnerTextAsync());
        await admin.GotoAsync("/admin/customers?Q=1000001");
        Assert.Contains("Portail Client inc.", await admin.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
    }

    /// <summary>Customer relations invites the portal customer's contact, who registers from the emailed link.</summary>
    private async Task InvitePortalContactAsync(IPage admin, Browser browser)
    {
        await admin.GotoAsync("/admin/customers/1000001");
        await admin.Locator("#InviteEmail").FillAsync(PortalContact);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Invite" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync($"Invitation sent to {PortalContact}.");

        var contact = await NewPageAsync(browser);
        await contact.GotoAsync(await LinkEmailedToAsync(PortalContact, "/register"));
        await contact.Locator("#FullName").FillAsync("Sophie Portail");
        await contact.Locator("#Password").FillAsync(PortalPassword);
        await contact.Locator("#ConfirmPassword").FillAsync(PortalPassword);
        await contact.Locator("#Question1").SelectOptionAsync("first-school");
        await contact.Locator("#Answer1").FillAsync("École Saint-Jean");
        await contact.Locator("#Question2").SelectOptionAsync("childhood-street");
        await contact.Locator("#Answer2").FillAsync("Rue Principale");
        await contact.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
        await Assertions.Expect(contact).ToHaveURLAsync(new Regex("/summary$"));
    }

    private async Task AddStaffMemberWhoSetsTheirPasswordAsync(IPage admin, Browser browser)
    {
        await admin.GotoAsync("/admin/staff");
        await admin.Locator("#Email").FillAsync(OperatorEmail);
        await admin.Locator("#FullName").FillAsync("Camille Opérations");
        await admin.Locator("#Role").SelectOptionAsync("BillingOperator");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("staff")).ToContainTextAsync(OperatorEmail);

        var camille = await NewPageAsync(browser);
        await camille.GotoAsync(await LinkEmailedToAsync(OperatorEmail, "/admin/set-password"));
        await camille.Locator("#NewPassword").FillAsync(OperatorPassword);
        await camille.Locator("#ConfirmPassword").FillAsync(OperatorPassword);
        await camille.Locator("main form button[type=submit]").ClickAsync();
        await Assertions.Expect(camille.GetByRole(AriaRole.Status)).ToContainTextAsync("Your password is saved.");
        await SignInAsStaffAsync(camille, OperatorEmail, OperatorPassword);
    }

    /// <summary>Password, then the two-step enrolment: the key shown at the first sign-in makes the code, as an authenticator app would.</summary>
    private static async Task SignInAsStaffAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/admin/signin");
        await page.Locator("#Email").FillAsync(email);
        await page.Locator("#Password").FillAsync(password);
        await page.Locator("main form button[type=submit]").ClickAsync();
        await page.Locator("#Code").WaitForAsync();
        var key = await page.GetByTestId("totp-key").InnerTextAsync();
        await page.Locator("#Code").FillAsync(Portal.Totp.Code(key, TimeProvider.System.GetUtcNow()));
        await page.Locator("main form button[type=submit]").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/admin$"));
    }

    private async Task PlaceOrderAsync(string apiKey, string customerNumber)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        using var placed = await client.PostAsJsonAsync("/api/v1/orders", new
        {
            customerNumber, channel = "ShippingTool", paymentMethod = "OnAccount", externalReference = $"ST-{customerNumber}",
            lines = new[] { new { category = "Shipping", description = "Expedited Parcel", quantity = 2, unitPrice = "18.95" } },
        });
        Assert.True(placed.StatusCode == HttpStatusCode.Created, await placed.Content.ReadAsStringAsync());
    }

    /// <summary>The path and query of the link in the newest email to that address (the link names the public address, not this process).</summary>
    private async Task<string> LinkEmailedToAsync(string address, string path)
    {
        var link = new Regex($@"https://portal\.laurentides\.ca({Regex.Escape(path)}\?token=[^\s""<]+)");
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(60))
        {
            var found = (await _smtp.ReceivedAsync()).Where(m => m.To.Mailboxes.Any(b => b.Address == address))
                .Select(m => link.Match(m.TextBody ?? m.HtmlBody ?? "")).FirstOrDefault(m => m.Success);
            if (found is not null)
            {
                return WebUtility.HtmlDecode(found.Groups[1].Value);
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"No email with a {path} link reached {address}.");
    }

    private Task<IPage> NewPageAsync(Browser browser) => browser.NewPageAsync(BaseAddress, "en-CA", [new("X-Forwarded-Proto", "https")]);

    private async Task<string> RunAsync(string command, string[]? arguments = null, string? input = null)
    {
        var (exitCode, output, errors) = await FacturoProcess.RunWithInputAsync(_database.Options, Production(), input, [command, .. arguments ?? []]);
        Assert.True(exitCode == 0, $"facturo {command} exited with {exitCode}: {errors}");
        return output;
    }

    private async Task WaitUntilServingAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress };
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(60))
        {
            try
            {
                using var health = await client.GetAsync("/health");
                if (health.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(250);
        }
        throw new TimeoutException("facturo serve did not answer /health within 60 s.");
    }

    /// <summary>Every setting Production requires, as environment variables, with the data directory and key ring of this test alone.</summary>
    private Dictionary<string, string?> Production()
    {
        var certificate = Path.Combine(_folder, "key-ring.pfx");
        if (!File.Exists(certificate))
        {
            Requests.WriteCertificate(certificate, CertificatePassword);
        }
        return new()
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production", ["DOTNET_ENVIRONMENT"] = null, ["Logging__LogLevel__Default"] = "Warning",
            ["Facturo__DataDirectory"] = Directory.CreateDirectory(Path.Combine(_folder, "data")).FullName,
            ["DataProtection__CertificatePath"] = certificate, ["DataProtection__CertificatePassword"] = CertificatePassword,
            ["Email__SmtpHost"] = "127.0.0.1", ["Email__SmtpPort"] = $"{_smtp.Port}", ["Email__From"] = "Facturation <facturation@laurentides.ca>",
            ["Email__PublicBaseUrl"] = "https://portal.laurentides.ca", ["Email__PollInterval"] = "00:00:00.200",
            ["ForwardedHeaders__KnownProxies__0"] = "127.0.0.1",
            ["BankFiles__Schedule"] = "", ["SalesLeads__Schedule"] = "", ["ExemptionNotices__Schedule"] = "",
        };
    }

    private async Task<string> SettingsFileAsync()
    {
        var path = Path.Combine(_folder, "biller.json");
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(new
        {
            biller = new
            {
                legalNameFr = "Messageries Laurentides inc.", legalNameEn = "Laurentian Couriers Inc.", addressLine1 = "100 rue Principale", city = "Montréal",
                province = "QC", postalCode = "H2X 1Y4", gstHstNumber = "123456782 RT0001", qstNumber = "1227494057 TQ0001", supportPhone = "1-800-555-0100",
                supportEmail = "facturation@laurentides.example", supportHoursFr = "Du lundi au vendredi, de 8 h à 17 h", supportHoursEn = "Monday to Friday, 8 a.m. to 5 p.m.",
                defaultCreditTermsDays = 15, paperFee = "7.50", timeZone = "America/Montreal", eligiblePrefixes = "1", ineligiblePrefixes = "9",
                cpa005 = new
                {
                    originatorId = "0000012345", shortName = "LAURENTIDES", longName = "Messageries Laurentides", dataCentre = "310",
                    returnInstitution = "815", returnTransit = "30800", returnAccount = "100200300", nextFileCreationNumber = 1,
                },
            },
            administrator = new { email = AdministratorEmail, name = "Dominique Admin" },
        }));
        return path;
    }

    private async Task<string> CsvFileAsync(string name, params string[] lines)
    {
        var path = Path.Combine(_folder, name);
        await File.WriteAllTextAsync(path, string.Join("\r\n", lines) + "\r\n", Encoding.UTF8);
        return path;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"API key: (\S+)")]
    private static partial Regex KeyPrinted();

    [GeneratedRegex("^(Votre facture F[0-9]+ est prête|Your invoice F[0-9]+ is ready)$")]
    private static partial Regex InvoiceReady();
}

public sealed class FirstDayTestsOnSqlite() : FirstDayTests(DatabaseProvider.Sqlite);
public sealed class FirstDayTestsOnPostgres() : FirstDayTests(DatabaseProvider.Postgres);
