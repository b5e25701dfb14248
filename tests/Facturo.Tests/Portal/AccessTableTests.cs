using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Facturo.Accounts;
using Facturo.Data;
using Facturo.Infrastructure;
using Facturo.Staff;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Portal;

/// <summary>Who is behind a request in the access table.</summary>
public enum Who
{
    Anonymous,
    PortalAdmin,
    PortalPayer,
    PortalViewer,
    /// <summary>The administrator of another business, asking for the first business's customer number, invoice or statement.</summary>
    OtherBusiness,
    /// <summary>A staff member who gave the password but not the authenticator code yet.</summary>
    StaffHalfway,
    CustomerRelations,
    BillingOperator,
    Sales,
    Administrator,
}

/// <summary>
/// Every page handler and every endpoint the host maps, asked by every kind of person, against a table of who may use it,
/// written here as data: a page or handler without a row fails the test, so nothing new ships without a decision on who may
/// reach it. Allowed means the handler ran (any answer but a refusal); refused means a sign-in or denied redirect, 401,
/// 403 or 404. Each handler is called with a valid antiforgery token and no other input, so an allowed one answers with its
/// own validation and changes nothing.
/// </summary>
public abstract partial class AccessTableTests(DatabaseProvider provider) : PortalTest(provider)
{
    private const string Customer = "1000300";
    private const string SecondAccount = "1000301";
    private const string Elsewhere = "1000302";

    private static readonly Who[] Everyone = Enum.GetValues<Who>();

    /// <summary>Hundreds of calls without a key from one address: the table is about who may, not how often (ApiRateLimitTests is).</summary>
    protected override IEnumerable<string> MoreHostArgs => ["--Api:RateLimit:PermitLimit=100000", "--Api:RateLimit:UnknownKeyPermitLimit=100000"];
    private static readonly Who[] StaffRoles = [Who.CustomerRelations, Who.BillingOperator, Who.Sales, Who.Administrator];

    /// <summary>A portal page for the given roles of the business; another business's administrator uses it for their own business.</summary>
    private static Who[] Portal(params Who[] roles) => roles.Contains(Who.PortalAdmin) ? [.. roles, Who.OtherBusiness] : roles;

    /// <summary>One of the business's own documents or accounts, named in the address: another business is refused.</summary>
    private static Who[] OwnResource(params Who[] roles) => roles;

    private static Who[] Staff(params Who[] roles) => [.. roles, Who.Administrator];

    private static readonly Who[] AnyPortalUser = Portal(Who.PortalAdmin, Who.PortalPayer, Who.PortalViewer);
    private static readonly Who[] AnyStaff = StaffRoles;

    /// <summary>
    /// The table. Keys: method, route template, and the handler name when the page has several. Staff sign-out and the
    /// sign-in pages are open to everyone by design: they are how a person gets in or out.
    /// </summary>
    private static readonly Dictionary<string, Who[]> Table = new()
    {
        ["GET /"] = Everyone,
        ["GET /Index"] = Everyone,
        ["GET /signin"] = Everyone,
        ["POST /signin"] = Everyone,
        // The second steps of a sign-in in progress (authenticator code, emailed code for a new browser): without one, they send the person back to the first.
        ["GET /signin/two-step"] = [],
        ["POST /signin/two-step"] = [],
        ["GET /signout"] = Everyone,
        ["POST /signout"] = AnyPortalUser,
        ["GET /signin/email-code"] = [],
        ["POST /signin/email-code"] = [],
        ["GET /register"] = Everyone,
        ["POST /register"] = Everyone,
        ["GET /link-account"] = Everyone,
        ["POST /link-account"] = Everyone,
        ["GET /request-invitation"] = Everyone,
        ["POST /request-invitation"] = Everyone,
        ["GET /forgot-password"] = Everyone,
        ["POST /forgot-password?handler=Link"] = Everyone,
        ["POST /forgot-password?handler=Questions"] = Everyone,
        ["POST /forgot-password?handler=Answers"] = Everyone,
        ["GET /reset-password"] = Everyone,
        ["POST /reset-password"] = Everyone,
        ["GET /summary"] = AnyPortalUser,
        ["GET /activity"] = AnyPortalUser,
        ["GET /invoices"] = AnyPortalUser,
        ["GET /invoices?handler=Csv"] = AnyPortalUser,
        ["GET /invoices/{number}"] = OwnResource(Who.PortalAdmin, Who.PortalPayer, Who.PortalViewer),
        ["GET /invoices/{number}/pdf"] = OwnResource(Who.PortalAdmin, Who.PortalPayer, Who.PortalViewer),
        ["GET /statements/{number}"] = OwnResource(Who.PortalAdmin, Who.PortalPayer, Who.PortalViewer),
        ["GET /payments"] = AnyPortalUser,
        ["POST /payments?handler=Add"] = Portal(Who.PortalAdmin, Who.PortalPayer),
        ["POST /payments?handler=Change"] = Portal(Who.PortalAdmin, Who.PortalPayer),
        ["POST /payments?handler=Remove"] = Portal(Who.PortalAdmin, Who.PortalPayer),
        ["POST /payments?handler=Enrol"] = Portal(Who.PortalAdmin, Who.PortalPayer),
        ["POST /payments?handler=CancelAutomatic"] = Portal(Who.PortalAdmin, Who.PortalPayer),
        ["POST /payments?handler=CancelAgreement"] = Portal(Who.PortalAdmin, Who.PortalPayer),
        ["GET /payments/pay"] = Portal(Who.PortalAdmin, Who.PortalPayer),
        ["POST /payments/pay"] = Portal(Who.PortalAdmin, Who.PortalPayer),
        ["POST /payments/pay?handler=Confirm"] = Portal(Who.PortalAdmin, Who.PortalPayer),
        ["POST /payments/pay?handler=Change"] = Portal(Who.PortalAdmin, Who.PortalPayer),
        ["GET /support"] = AnyPortalUser,
        ["POST /support"] = AnyPortalUser,
        ["GET /business/users"] = Portal(Who.PortalAdmin),
        ["POST /business/users?handler=Add"] = Portal(Who.PortalAdmin),
        ["POST /business/users?handler=Link"] = Portal(Who.PortalAdmin),
        ["POST /business/users?handler=CancelLink"] = Portal(Who.PortalAdmin),
        ["POST /business/users?handler=Remove"] = Portal(Who.PortalAdmin),
        ["POST /business/users?handler=Approve"] = Portal(Who.PortalAdmin),
        ["POST /business/users?handler=Refuse"] = Portal(Who.PortalAdmin),
        ["POST /business/users?handler=CancelInvitation"] = Portal(Who.PortalAdmin),
        ["POST /business/users?handler=Role"] = Portal(Who.PortalAdmin),
        ["GET /account/preferences"] = AnyPortalUser,
        ["POST /account/preferences?handler=Language"] = AnyPortalUser,
        ["POST /account/preferences?handler=Email"] = AnyPortalUser,
        ["GET /account/confirm-email"] = AnyPortalUser,
        ["GET /account/password"] = AnyPortalUser,
        ["POST /account/password?handler=Password"] = AnyPortalUser,
        ["POST /account/password?handler=Questions"] = AnyPortalUser,
        ["GET /account/security"] = AnyPortalUser,
        ["POST /account/security?handler=SetUp"] = AnyPortalUser,
        ["POST /account/security?handler=EndSession"] = AnyPortalUser,
        ["POST /account/security?handler=Enable"] = AnyPortalUser,
        ["POST /account/security?handler=Disable"] = AnyPortalUser,
        ["POST /account/security?handler=SignOutEverywhere"] = AnyPortalUser,
        ["GET /admin/signin"] = Everyone,
        ["POST /admin/signin"] = Everyone,
        ["GET /admin/two-step"] = [Who.StaffHalfway, .. StaffRoles],
        ["POST /admin/two-step"] = [Who.StaffHalfway, .. StaffRoles],
        ["GET /admin/denied"] = Everyone,
        ["POST /admin/signout"] = [Who.StaffHalfway, .. StaffRoles],
        ["GET /admin"] = AnyStaff,
        ["GET /admin/password"] = AnyStaff,
        ["POST /admin/password"] = AnyStaff,
        ["GET /admin/customers/new"] = Staff(Who.CustomerRelations),
        ["POST /admin/customers/new"] = Staff(Who.CustomerRelations),
        ["GET /admin/customers/{customerNumber}/edit"] = Staff(Who.CustomerRelations),
        ["POST /admin/customers/{customerNumber}/edit"] = Staff(Who.CustomerRelations),
        ["GET /admin/customers/import"] = Staff(Who.CustomerRelations),
        ["POST /admin/customers/import?handler=Check"] = Staff(Who.CustomerRelations),
        ["POST /admin/customers/import?handler=Import"] = Staff(Who.CustomerRelations),
        ["GET /admin/customers/{number?}"] = Staff(Who.CustomerRelations),
        ["POST /admin/customers/{number?}?handler=NameAddress"] = Staff(Who.CustomerRelations),
        ["POST /admin/customers/{number?}?handler=Delivery"] = Staff(Who.CustomerRelations),
        ["POST /admin/customers/{number?}?handler=Invite"] = Staff(Who.CustomerRelations),
        ["POST /admin/customers/{number?}?handler=Unlock"] = Staff(Who.CustomerRelations),
        ["POST /admin/customers/{number?}?handler=EndSessions"] = Staff(Who.CustomerRelations),
        ["POST /admin/customers/{number?}?handler=SmallBusiness"] = Staff(Who.CustomerRelations),
        ["POST /admin/customers/{number?}?handler=Commercial"] = Staff(Who.CustomerRelations),
        ["POST /admin/customers/{number?}?handler=AddExemption"] = Staff(Who.CustomerRelations),
        ["POST /admin/customers/{number?}?handler=EndExemption"] = Staff(Who.CustomerRelations),
        // A certificate's proof; asked without one, the answer is 404 to everyone.
        ["GET /admin/customers/{number?}?handler=ExemptionProof"] = [],
        ["GET /admin/exemptions/expiring"] = Staff(Who.CustomerRelations),
        ["GET /admin/access-requests"] = Staff(Who.CustomerRelations),
        ["POST /admin/access-requests?handler=Invite"] = Staff(Who.CustomerRelations),
        ["POST /admin/access-requests?handler=Refuse"] = Staff(Who.CustomerRelations),
        ["GET /admin/questions"] = Staff(Who.CustomerRelations),
        ["POST /admin/questions"] = Staff(Who.CustomerRelations),
        ["GET /admin/leads"] = Staff(Who.Sales),
        ["POST /admin/leads?handler=Contact"] = Staff(Who.Sales),
        ["POST /admin/leads?handler=Upgrade"] = Staff(Who.Sales),
        ["GET /admin/bill-runs"] = Staff(Who.BillingOperator, Who.CustomerRelations),
        ["POST /admin/bill-runs"] = Staff(Who.BillingOperator, Who.CustomerRelations),
        ["GET /admin/paper-invoices"] = Staff(Who.BillingOperator, Who.CustomerRelations),
        ["GET /admin/paper-invoices?handler=Download"] = Staff(Who.BillingOperator, Who.CustomerRelations),
        ["GET /admin/unreachable-customers"] = Staff(Who.BillingOperator, Who.CustomerRelations),
        ["GET /admin/bank-files"] = Staff(Who.BillingOperator, Who.CustomerRelations),
        // A file that exists; asked without one, the answer is 404 to everyone.
        ["GET /admin/bank-files?handler=Download"] = [],
        ["POST /admin/bank-files?handler=Send"] = Staff(Who.BillingOperator, Who.CustomerRelations),
        ["POST /admin/bank-files?handler=Import"] = Staff(Who.BillingOperator, Who.CustomerRelations),
        ["POST /admin/bank-files?handler=Exchange"] = Staff(Who.BillingOperator, Who.CustomerRelations),
        ["GET /admin/failed-payments"] = Staff(Who.BillingOperator, Who.CustomerRelations),
        ["POST /admin/failed-payments?handler=Retry"] = Staff(Who.BillingOperator, Who.CustomerRelations),
        ["POST /admin/failed-payments?handler=Close"] = Staff(Who.BillingOperator, Who.CustomerRelations),
        ["POST /admin/failed-payments?handler=CloseNotice"] = Staff(Who.BillingOperator, Who.CustomerRelations),
        ["GET /admin/unapplied"] = Staff(Who.BillingOperator, Who.CustomerRelations),
        ["POST /admin/unapplied?handler=Record"] = Staff(Who.BillingOperator, Who.CustomerRelations),
        ["POST /admin/unapplied"] = Staff(Who.BillingOperator, Who.CustomerRelations),
        ["GET /admin/audit"] = Staff(),
        ["GET /admin/emails"] = Staff(Who.BillingOperator, Who.CustomerRelations),
        ["POST /admin/emails?handler=Requeue"] = Staff(Who.BillingOperator, Who.CustomerRelations),
        ["POST /admin/emails?handler=RequeueAll"] = Staff(Who.BillingOperator, Who.CustomerRelations),
        ["GET /admin/taxes"] = Staff(),
        ["POST /admin/taxes"] = Staff(),
        ["GET /admin/settings"] = Staff(),
        ["POST /admin/settings"] = Staff(),
        ["GET /admin/staff"] = Staff(),
        ["POST /admin/staff?handler=Add"] = Staff(),
        ["POST /admin/staff?handler=SendLink"] = Staff(),
        ["POST /admin/staff?handler=Enable"] = Staff(),
        ["POST /admin/staff?handler=Disable"] = Staff(),
        ["POST /admin/staff?handler=Role"] = Staff(),
        ["POST /admin/staff?handler=ResetTwoStep"] = Staff(),
        ["GET /admin/api-keys"] = Staff(),
        ["POST /admin/api-keys?handler=Issue"] = Staff(),
        ["POST /admin/api-keys?handler=Rotate"] = Staff(),
        ["POST /admin/api-keys?handler=Revoke"] = Staff(),
        ["GET /admin/api-keys/{id:long}"] = Staff(),
        ["GET /admin/webhooks"] = Staff(),
        ["POST /admin/webhooks?handler=Add"] = Staff(),
        ["POST /admin/webhooks?handler=Enable"] = Staff(),
        ["POST /admin/webhooks?handler=Disable"] = Staff(),
        ["POST /admin/webhooks?handler=SendAgain"] = Staff(),
        // The emailed link's page: its token is the proof, as for the portal's reset link.
        ["GET /admin/set-password"] = Everyone,
        ["POST /admin/set-password"] = Everyone,
        ["GET /dev/emails"] = [],
        ["GET /health"] = Everyone,
        ["GET /api/v1/openapi.json"] = Everyone,
    };

    /// <summary>The API answers to its key only: a portal or staff session opens none of it.</summary>
    private static readonly HashSet<string> ApiKeyOnly =
    [
        "POST /api/v1/orders",
        "GET /api/v1/orders",
        "GET /api/v1/orders/{id}",
        "GET /api/v1/accounts",
        "GET /api/v1/accounts/{customerNumber}",
        "GET /api/v1/invoices",
        "GET /api/v1/invoices/{number}",
        "GET /api/v1/invoices/{number}/pdf",
        "GET /api/v1/invoices/{number}/credit-notes",
        "GET /api/v1/credit-notes/{number}",
        "GET /api/v1/statements",
        "GET /api/v1/statements/{number}",
        "POST /api/v1/invoices/{number}/credit-notes",
        "POST /api/v1/payments",
        "GET /api/v1/payments",
        "GET /api/v1/payments/{id}",
        "GET /api/v1/accounts/{customerNumber}/bank-accounts",
        "POST /api/v1/bill-runs",
        "GET /api/v1/bill-runs",
        "GET /api/v1/bill-runs/{id}",
        "GET /api/v1/events",
        "GET /api/v1/events/{id}",
    ];

    /// <summary>
    /// Handlers that end a session: each is called in a session of its own, and for them "allowed" means the session is over
    /// afterwards (their answer is a redirect to a sign-in page either way); for anyone else it goes on.
    /// </summary>
    private static readonly HashSet<string> EndsSession = ["POST /signout", "POST /admin/signout", "POST /account/security?handler=SignOutEverywhere"];

    [Fact]
    public async Task Every_page_handler_and_endpoint_answers_only_the_people_its_row_allows()
    {
        var (invoice, statement) = await TwoBusinessesAsync();
        var routes = await MappedRoutesAsync();
        var unlisted = routes.Where(r => !Table.ContainsKey(r) && !ApiKeyOnly.Contains(r)).ToList();
        var gone = Table.Keys.Concat(ApiKeyOnly).Where(r => !routes.Contains(r)).ToList();
        Assert.True(unlisted.Count == 0, $"Routes without a row in the access table: {string.Join(", ", unlisted)}");
        Assert.True(gone.Count == 0, $"Rows for routes that no longer exist: {string.Join(", ", gone)}");

        var wrong = new List<string>();
        foreach (var who in Everyone)
        {
            using var person = await SignInAsync(who);
            foreach (var route in Table.Keys.Where(r => !EndsSession.Contains(r)))
            {
                var answer = await AskAsync(person, route, invoice, statement);
                var expected = Table[route].Contains(who);
                if (Refused(answer) == expected)
                {
                    wrong.Add($"{route} as {who}: {(expected ? "refused" : "allowed")} ({(int)answer.StatusCode} {answer.Headers.Location})");
                }
            }
        }
        foreach (var route in EndsSession)
        {
            foreach (var who in Everyone.Where(w => w != Who.Anonymous))
            {
                using var person = await SignInAsync(who);
                var probe = who switch
                {
                    Who.PortalAdmin or Who.PortalPayer or Who.PortalViewer or Who.OtherBusiness => "/summary",
                    Who.StaffHalfway => "/admin/two-step",
                    _ => "/admin",
                };
                Assert.False(Refused(await person.Client.GetAsync(probe)), $"{who} has no session to end");
                await AskAsync(person, route, invoice, statement);
                var ended = Refused(await person.Client.GetAsync(probe));
                if (ended != Table[route].Contains(who))
                {
                    wrong.Add($"{route} as {who}: the session {(ended ? "ended" : "went on")}");
                }
            }
        }
        using var anonymous = await SignInAsync(Who.Anonymous);
        using var portalAdmin = await SignInAsync(Who.PortalAdmin);
        using var administrator = await SignInAsync(Who.Administrator);
        foreach (var route in ApiKeyOnly)
        {
            foreach (var (client, name) in new[] { (anonymous, "no key"), (portalAdmin, "a portal session"), (administrator, "a staff session") })
            {
                var answer = await AskAsync(client, route, invoice, statement);
                if (answer.StatusCode != HttpStatusCode.Unauthorized)
                {
                    wrong.Add($"{route} with {name}: {(int)answer.StatusCode}, not 401");
                }
            }
            var withKey = await AskAsync(new Person(Api, null, null), route, invoice, statement);
            if (Refused(withKey))
            {
                wrong.Add($"{route} with the API key: refused ({(int)withKey.StatusCode})");
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    /// <summary>Business A (two accounts, an invoice and a statement) with an admin, a payer and a viewer; business B with an admin.</summary>
    private async Task<(string Invoice, string Statement)> TwoBusinessesAsync()
    {
        await AddAccountAsync(Customer);
        await AddAccountAsync(SecondAccount, BillingProgram.SmallBusiness);
        await AddAccountAsync(Elsewhere);
        await PlaceOrderAsync(Customer, unitPrice: 100m);
        await PlaceOrderAsync(Elsewhere, unitPrice: 10m);
        (await Api.PostAsJsonAsync("/api/v1/orders", new
        {
            customerNumber = SecondAccount,
            channel = "Website",
            paymentMethod = "Card",
            externalReference = "card-1",
            lines = new[] { new { category = "Shipping", description = "Expedited Parcel", quantity = 1, unitPrice = "40.00" } },
            card = new { number = "4242424242424242", expiryMonth = 12, expiryYear = 2028, cvc = "123" },
        })).EnsureSuccessStatusCode();
        MoveClockTo(2026, 11, 1);
        await BillAsync(October);
        var admin = await RegisterAsync(Customer, "admin@a.example", PortalRole.Admin);
        await RegisterAsync(Customer, "payer@a.example", PortalRole.Payer);
        await RegisterAsync(Customer, "viewer@a.example", PortalRole.Viewer);
        await RegisterAsync(Elsewhere, "admin@b.example", PortalRole.Admin);
        await using var db = Database.NewContext();
        var second = await db.Accounts.SingleAsync(a => a.CustomerNumber == SecondAccount);
        db.EnterpriseAccounts.Add(new EnterpriseAccount { EnterpriseId = admin.EnterpriseId, AccountId = second.Id, LinkedAt = Clock.GetUtcNow() });
        await db.SaveChangesAsync();
        var customer = await db.Accounts.SingleAsync(a => a.CustomerNumber == Customer);
        var invoice = (await db.Invoices.SingleAsync(i => i.AccountId == customer.Id)).Number;
        var statement = (await db.Statements.SingleAsync(s => s.AccountId == second.Id)).Number;
        (await Api.PostAsJsonAsync("/api/v1/payments", new { method = "cheque", customerNumber = Customer, amount = "1.00", currency = "CAD", receivedOn = "2026-10-31", reference = "CHQ-1" }))
            .EnsureSuccessStatusCode();
        // Credit note NC00000001, for the API's credit-note routes.
        (await Api.PostAsJsonAsync($"/api/v1/invoices/{invoice}/credit-notes", new { amount = "1.00", reason = "Access table" })).EnsureSuccessStatusCode();
        foreach (var (email, role) in new[] { ("cr@staff.example", StaffRole.CustomerRelations), ("ops@staff.example", StaffRole.BillingOperator),
                     ("sales@staff.example", StaffRole.Sales), ("admin@staff.example", StaffRole.Administrator), ("halfway@staff.example", StaffRole.Administrator) })
        {
            await CreateStaffAsync(email, role);
        }
        return (invoice, statement);
    }

    /// <summary>Every page handler (method, route, handler) and every endpoint the running host maps.</summary>
    private async Task<HashSet<string>> MappedRoutesAsync()
    {
        var routes = new HashSet<string>();
        var loader = App.Services.GetRequiredService<PageLoader>();
        foreach (var page in App.Services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items.OfType<PageActionDescriptor>())
        {
            var compiled = await loader.LoadAsync(page, EndpointMetadataCollection.Empty);
            var template = "/" + page.AttributeRouteInfo!.Template;
            var handlers = compiled.HandlerMethods;
            foreach (var handler in handlers)
            {
                var several = handlers.Count(h => h.HttpMethod == handler.HttpMethod) > 1 || handler.Name is not null;
                routes.Add($"{handler.HttpMethod.ToUpperInvariant()} {template}{(several && handler.Name is not null ? $"?handler={handler.Name}" : "")}");
            }
        }
        foreach (var endpoint in ((IEndpointRouteBuilder)App).DataSources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
                     .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is null))
        {
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                routes.Add($"{method} /{endpoint.RoutePattern.RawText!.TrimStart('/')}");
            }
        }
        return routes;
    }

    private sealed record Person(HttpClient Client, string? PortalToken, string? AdminToken) : IDisposable
    {
        public void Dispose()
        {
            if (PortalToken is not null)
            {
                Client.Dispose();
            }
        }
    }

    private async Task<Person> SignInAsync(Who who)
    {
        // A staff code is good once per 30-second step: each sign-in moves the clock on, as a person's next sign-in would be later.
        Clock.Advance(TimeSpan.FromSeconds(31));
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-CA");
        var email = who switch
        {
            Who.PortalAdmin => "admin@a.example",
            Who.PortalPayer => "payer@a.example",
            Who.PortalViewer => "viewer@a.example",
            Who.OtherBusiness => "admin@b.example",
            _ => null,
        };
        if (email is not null)
        {
            var signedIn = await PostFormAsync(client, "/signin", await TokenAsync(client, "/signin"), ("Email", email), ("Password", Password));
            Assert.Equal("/summary", signedIn.Headers.Location?.OriginalString);
        }
        var staffEmail = who switch
        {
            Who.CustomerRelations => "cr@staff.example",
            Who.BillingOperator => "ops@staff.example",
            Who.Sales => "sales@staff.example",
            Who.Administrator => "admin@staff.example",
            Who.StaffHalfway => "halfway@staff.example",
            _ => null,
        };
        if (staffEmail is not null)
        {
            var password = await PostFormAsync(client, "/admin/signin", await TokenAsync(client, "/admin/signin"), ("Email", staffEmail), ("Password", AgentPassword));
            Assert.Equal("/admin/two-step", password.Headers.Location?.OriginalString);
            if (who != Who.StaffHalfway)
            {
                var twoStep = await client.GetStringAsync("/admin/two-step");
                var key = KeyShown().Match(twoStep) is { Success: true } shown ? shown.Groups[1].Value : await KnownKeyAsync(staffEmail);
                var code = await PostFormAsync(client, "/admin/two-step", TokenIn(twoStep), ("Code", Totp.Code(key, Clock.GetUtcNow())));
                Assert.True(code.StatusCode == HttpStatusCode.Redirect && code.Headers.Location?.OriginalString != "/admin/two-step", $"{who}: two-step answered {(int)code.StatusCode}");
            }
        }
        return new Person(client, await TokenAsync(client, "/signin"), await TokenAsync(client, "/admin/signin"));
    }

    private async Task<string> KnownKeyAsync(string email)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FacturoDbContext>();
        var staff = await db.StaffMembers.AsNoTracking().SingleAsync(s => s.Email == email);
        var keys = scope.ServiceProvider.GetRequiredService<IDataProtectionProvider>().CreateProtector("Facturo.StaffTotpKeys.v1");
        return Platform.Totp.Base32(Convert.FromBase64String(keys.Unprotect(staff.ProtectedTotpKey!)));
    }

    private async Task<HttpResponseMessage> AskAsync(Person person, string route, string invoice, string statement)
    {
        var (method, target) = (route[..route.IndexOf(' ', StringComparison.Ordinal)], route[(route.IndexOf(' ', StringComparison.Ordinal) + 1)..]);
        var path = target.Replace("{number?}", Customer, StringComparison.Ordinal).Replace("{customerNumber}", Customer, StringComparison.Ordinal)
            .Replace("/statements/{number}", $"/statements/{statement}", StringComparison.Ordinal).Replace("/credit-notes/{number}", "/credit-notes/NC00000001", StringComparison.Ordinal)
            .Replace("{number}", invoice, StringComparison.Ordinal)
            // The first order the two businesses placed.
            .Replace("/orders/{id}", "/orders/1", StringComparison.Ordinal).Replace("/bill-runs/{id}", "/bill-runs/1", StringComparison.Ordinal)
            .Replace("/payments/{id}", "/payments/E000000001", StringComparison.Ordinal).Replace("{id:long}", "1", StringComparison.Ordinal)
            .Replace("/events/{id}", $"/events/{Events.Event.FormatId(1)}", StringComparison.Ordinal);
        if (method == "GET")
        {
            return await person.Client.GetAsync(path);
        }
        // Under /admin the staff scheme names the user, even on the pages open to all, so its forms carry a token made there.
        var token = path.StartsWith("/admin", StringComparison.Ordinal) ? person.AdminToken : person.PortalToken;
        if (path.StartsWith("/api/", StringComparison.Ordinal))
        {
            return await person.Client.PostAsync(path, new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        }
        var answer = await PostFormAsync(person.Client, path, token);
        Assert.True(answer.StatusCode != HttpStatusCode.BadRequest, $"{route}: the antiforgery token was refused, so the row proves nothing");
        return answer;
    }

    private static bool Refused(HttpResponseMessage answer) => answer.StatusCode switch
    {
        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound => true,
        HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther =>
            answer.Headers.Location?.OriginalString.Split('?')[0] is "/signin" or "/admin/signin" or "/admin/denied" or "/admin/two-step"
            || answer.Headers.Location?.AbsolutePathOrSelf() is "/signin" or "/admin/signin" or "/admin/denied" or "/admin/two-step",
        _ => false,
    };

    private static async Task<string?> TokenAsync(HttpClient client, string path)
    {
        var answer = await client.GetAsync(path);
        return answer.IsSuccessStatusCode ? TokenIn(await answer.Content.ReadAsStringAsync()) : null;
    }

    private static string? TokenIn(string html) => AntiforgeryToken().Match(html) is { Success: true } found ? found.Groups[1].Value : null;

    private static Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, string? token, params (string Name, string Value)[] fields)
    {
        var form = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).ToList();
        if (token is not null)
        {
            form.Add(new("__RequestVerificationToken", token));
        }
        return client.PostAsync(path, new FormUrlEncodedContent(form));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("data-testid=\"totp-key\">([^<]+)<")]
    private static partial Regex KeyShown();
}

internal static class LocationPaths
{
    public static string? AbsolutePathOrSelf(this Uri uri) => uri.IsAbsoluteUri ? uri.AbsolutePath : null;
}

public sealed class AccessTableTestsOnSqlite() : AccessTableTests(DatabaseProvider.Sqlite);
public sealed class AccessTableTestsOnPostgres() : AccessTableTests(DatabaseProvider.Postgres);
