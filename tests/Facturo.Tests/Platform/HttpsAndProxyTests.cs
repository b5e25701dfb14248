using System.Net;
using System.Security.Cryptography.X509Certificates;
using Facturo.Accounts;
using Facturo.Data;
using Facturo.Infrastructure;
using Facturo.Portal;
using Facturo.Staff;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using static Facturo.Platform.Requests;

namespace Facturo.Platform;

/// <summary>A production host behind a TLS proxy at 127.0.0.1, its key ring encrypted with the operator's certificate.</summary>
public abstract class ProductionHostTests(DatabaseProvider provider) : FacturoTest(provider)
{
    private const string CertificatePassword = "key-ring-test-password";
    private string CertificatePath => Path.Combine(MailFolder, "key-ring.pfx");
    private string KeyDirectory => Path.Combine(MailFolder, "keys");

    protected override IEnumerable<string> MoreHostArgs
    {
        get
        {
            WriteCertificate(CertificatePath, CertificatePassword);
            return ["--environment=Production", "--ForwardedHeaders:KnownProxies:0=127.0.0.1", $"--Facturo:DataDirectory={Directory.CreateDirectory(MailFolder).FullName}",
                "--Email:SmtpHost=smtp.biller.ca", "--Email:From=facturation@biller.ca", "--Email:PublicBaseUrl=https://portal.biller.ca",
                $"--DataProtection:CertificatePath={CertificatePath}", $"--DataProtection:CertificatePassword={CertificatePassword}"];
        }
    }

    [Fact]
    public async Task Plain_http_is_redirected_to_https_except_the_health_probe_and_https_answers_carry_hsts_for_a_year_with_subdomains()
    {
        using var plain = await SendAsync(BaseAddress, HttpMethod.Get, "/signin?lang=fr", ("Host", "portal.example"));
        using var secure = await SendAsync(BaseAddress, HttpMethod.Get, "/signin", ("Host", "portal.example"), ("X-Forwarded-Proto", "https"));
        using var loadBalancerProbe = await SendAsync(BaseAddress, HttpMethod.Get, "/health");

        Assert.Equal(HttpStatusCode.OK, loadBalancerProbe.StatusCode);
        Assert.Equal(HttpStatusCode.PermanentRedirect, plain.StatusCode);
        Assert.Equal("https://portal.example/signin?lang=fr", plain.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.OK, secure.StatusCode);
        Assert.Equal("max-age=31536000; includeSubDomains", secure.Headers.GetValues("Strict-Transport-Security").Single());
    }

    [Fact]
    public async Task Every_cookie_is_secure_in_production()
    {
        using var secure = await SendAsync(BaseAddress, HttpMethod.Get, "/signin?lang=en", ("Host", "portal.example"), ("X-Forwarded-Proto", "https"));

        var cookies = CookiesSet(secure);
        Assert.Contains(cookies, c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
        Assert.Contains(cookies, c => c.StartsWith(PortalLanguage.CookieName + "=", StringComparison.Ordinal));
        Assert.All(cookies, c => Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Development_pages_are_not_found_in_production_even_from_this_machine()
    {
        using var emails = await SendAsync(BaseAddress, HttpMethod.Get, "/dev/emails", ("X-Forwarded-Proto", "https"));

        Assert.Equal(HttpStatusCode.NotFound, emails.StatusCode);
    }

    [Fact]
    public async Task The_key_ring_on_disk_is_encrypted_with_the_certificate_and_readable_with_it_alone()
    {
        var protectedText = App.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("bank account 123456789");

        var keyFiles = Directory.GetFiles(KeyDirectory, "key-*.xml");
        var keyXml = await File.ReadAllTextAsync(Assert.Single(keyFiles));
        using var certificate = X509CertificateLoader.LoadPkcs12FromFile(CertificatePath, CertificatePassword);
        var restored = new ServiceCollection().AddDataProtection().SetApplicationName("Facturo")
            .PersistKeysToFileSystem(new DirectoryInfo(KeyDirectory)).ProtectKeysWithCertificate(certificate).Services
            .BuildServiceProvider().GetRequiredService<IDataProtectionProvider>();

        Assert.Contains("<EncryptedData", keyXml, StringComparison.Ordinal);
        Assert.DoesNotContain("<masterKey", keyXml, StringComparison.Ordinal);
        Assert.Equal("bank account 123456789", restored.CreateProtector("test").Unprotect(protectedText));
    }
}

public sealed class ProductionHostTestsOnSqlite() : ProductionHostTests(DatabaseProvider.Sqlite);
public sealed class ProductionHostTestsOnPostgres() : ProductionHostTests(DatabaseProvider.Postgres);

/// <summary>A host behind a reverse proxy at 127.0.0.1 that the configuration names.</summary>
public abstract class ConfiguredProxyTests(DatabaseProvider provider) : PortalTest(provider)
{
    protected override IEnumerable<string> MoreHostArgs => ["--ForwardedHeaders:KnownProxies:0=127.0.0.1"];

    [Fact]
    public async Task A_request_the_proxy_received_over_https_gets_secure_cookies()
    {
        using var secure = await SendAsync(BaseAddress, HttpMethod.Get, "/signin", ("X-Forwarded-For", ClientAddress), ("X-Forwarded-Proto", "https"));
        using var plain = await SendAsync(BaseAddress, HttpMethod.Get, "/signin", ("X-Forwarded-For", ClientAddress));

        Assert.NotEmpty(CookiesSet(secure));
        Assert.All(CookiesSet(secure), c => Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase));
        Assert.All(CookiesSet(plain), c => Assert.DoesNotContain("; secure", c, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Rate_limits_count_each_client_behind_the_proxy_apart()
    {
        var guesser = await EleventhPostStatusAsync(BaseAddress, ClientAddress);
        using var neighbour = await SendAsync(BaseAddress, HttpMethod.Post, "/forgot-password", ("X-Forwarded-For", OtherClientAddress));

        Assert.Equal(429, guesser);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, neighbour.StatusCode);
    }

    [Fact]
    public async Task The_audit_log_records_the_staff_members_address_not_the_proxys()
    {
        await CreateStaffAsync("admin@staff.example", StaffRole.Administrator);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(BaseAddress, "en-CA");
        await page.SetExtraHTTPHeadersAsync(new Dictionary<string, string> { ["X-Forwarded-For"] = ClientAddress });

        await SignInAsStaffAsync(page, "admin@staff.example");

        await using var db = Database.NewContext();
        var signIn = await db.StaffAuditEntries.SingleAsync(e => e.Action == "staff.sign-in");
        Assert.Equal(ClientAddress, signIn.IpAddress);
    }
}

public sealed class ConfiguredProxyTestsOnSqlite() : ConfiguredProxyTests(DatabaseProvider.Sqlite);
public sealed class ConfiguredProxyTestsOnPostgres() : ConfiguredProxyTests(DatabaseProvider.Postgres);

/// <summary>The test host as a client reaches it directly: no proxy configured, so forwarded headers are a client's lie.</summary>
public abstract class DirectClientTests(DatabaseProvider provider) : FacturoTest(provider)
{
    [Fact]
    public async Task Outside_production_plain_http_is_served_without_hsts()
    {
        using var plain = await SendAsync(BaseAddress, HttpMethod.Get, "/signin", ("Host", "portal.example"));

        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task A_client_claiming_https_through_forwarded_headers_is_not_believed()
    {
        using var claimed = await SendAsync(BaseAddress, HttpMethod.Get, "/signin", ("X-Forwarded-Proto", "https"), ("X-Forwarded-For", ClientAddress));

        Assert.NotEmpty(CookiesSet(claimed));
        Assert.All(CookiesSet(claimed), c => Assert.DoesNotContain("; secure", c, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_client_cannot_escape_a_rate_limit_by_claiming_another_address()
    {
        var guesser = await EleventhPostStatusAsync(BaseAddress, ClientAddress);
        using var disguised = await SendAsync(BaseAddress, HttpMethod.Post, "/forgot-password", ("X-Forwarded-For", OtherClientAddress));

        Assert.Equal(429, guesser);
        Assert.Equal(HttpStatusCode.TooManyRequests, disguised.StatusCode);
    }

    [Fact]
    public async Task Development_pages_are_not_found_outside_development()
    {
        using var emails = await SendAsync(BaseAddress, HttpMethod.Get, "/dev/emails");

        Assert.Equal(HttpStatusCode.NotFound, emails.StatusCode);
    }
}

public sealed class DirectClientTestsOnSqlite() : DirectClientTests(DatabaseProvider.Sqlite);
public sealed class DirectClientTestsOnPostgres() : DirectClientTests(DatabaseProvider.Postgres);

/// <summary>A development host (as <c>serve --demo</c> runs) behind a proxy at 127.0.0.1.</summary>
public abstract class DevelopmentHostTests(DatabaseProvider provider) : PortalTest(provider)
{
    protected override IEnumerable<string> MoreHostArgs => ["--environment=Development", "--ForwardedHeaders:KnownProxies:0=127.0.0.1"];

    [Fact]
    public async Task Development_pages_answer_only_a_browser_on_this_machine()
    {
        using var local = await SendAsync(BaseAddress, HttpMethod.Get, "/dev/emails");
        using var remote = await SendAsync(BaseAddress, HttpMethod.Get, "/dev/emails", ("X-Forwarded-For", ClientAddress));

        Assert.Equal(HttpStatusCode.OK, local.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, remote.StatusCode);
    }

    [Fact]
    public async Task The_development_emails_page_shows_the_links_as_delivered_to_the_pickup_folder()
    {
        await AddAccountAsync("1000073");
        var link = await InviteAndReadLinkAsync("1000073", "dev@client.example", Language.Fr);

        using var emails = await SendAsync(BaseAddress, HttpMethod.Get, "/dev/emails");

        Assert.Contains(link, await emails.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

public sealed class DevelopmentHostTestsOnSqlite() : DevelopmentHostTests(DatabaseProvider.Sqlite);
public sealed class DevelopmentHostTestsOnPostgres() : DevelopmentHostTests(DatabaseProvider.Postgres);
