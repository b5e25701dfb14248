using System.Net;
using System.Text.RegularExpressions;
using Facturo;
using Facturo.Data;
using Facturo.PortalLoad;

// Starts Facturo on 127.0.0.1 with one account holding years of invoices and a signed-in portal user,
// prints that user's session cookie and an API key for wrk, and serves until stopped (Ctrl-C or SIGTERM).
// Arguments after the fourth are more settings (for example a rate limit the API benchmark raises).
if (args.Length < 4 || !int.TryParse(args[2], out var invoiceCount) || !int.TryParse(args[3], out var port))
{
    Console.Error.WriteLine("usage: Facturo.PortalLoad <Sqlite|Postgres> <connection-string> <invoices> <port> [--Setting=value...]");
    return 2;
}
var mail = Path.Combine(Path.GetTempPath(), "facturo-portal-load-mail");
// Production as deployed, except that TLS is left to a proxy the bench does not have: plain HTTP on 127.0.0.1,
// and a throwaway certificate for the key ring, which Production refuses to keep unencrypted.
var keyRing = Path.Combine(Path.GetTempPath(), $"facturo-portal-load-keys-{Guid.NewGuid():N}");
var certificate = ThrowawayCertificate.Write(Path.Combine(keyRing, "key-ring.pfx"));
await using var app = FacturoWeb.Build(
[
    $"--Database:Provider={args[0]}", $"--Database:ConnectionString={args[1]}", $"--urls=http://127.0.0.1:{port}",
    "--Logging:LogLevel:Default=Warning", $"--Email:PickupDirectory={mail}", "--Https:Required=false",
    $"--DataProtection:KeyDirectory={keyRing}", $"--DataProtection:CertificatePath={certificate.Path}", $"--DataProtection:CertificatePassword={certificate.Password}",
    $"--Facturo:DataDirectory={keyRing}", "--Email:SmtpHost=smtp.bench.invalid", "--Email:From=facturation@bench.invalid", "--Email:PublicBaseUrl=https://portal.bench.invalid",
    .. args[4..],
]);
var apiKey = $"bench-{Guid.NewGuid():N}";
using (var scope = app.Services.CreateScope())
{
    var db = scope.ServiceProvider.GetRequiredService<FacturoDbContext>();
    await Migrator.MigrateAsync(db, CancellationToken.None);
    var loaded = await PortalHistory.LoadAsync(scope.ServiceProvider, invoiceCount, CancellationToken.None);
    db.Add(new Facturo.Api.ApiKey { Name = "bench", KeyHash = Facturo.Api.ApiKey.Hash(apiKey), CreatedAt = TimeProvider.System.GetUtcNow() });
    await db.SaveChangesAsync();
    Console.WriteLine($"loaded: {loaded.Invoices} invoices, {loaded.Open} open, {loaded.Postings} postings");
}
await app.StartAsync();
Console.WriteLine($"cookie: {await SignInAsync(new Uri($"http://127.0.0.1:{port}"))}");
Console.WriteLine($"apikey: {apiKey}");
Console.WriteLine("ready");
await app.WaitForShutdownAsync();
return 0;

static async Task<string> SignInAsync(Uri baseAddress)
{
    var cookies = new CookieContainer();
    using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = baseAddress };
    var form = await http.GetStringAsync("/signin");
    var antiforgery = Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
    using var response = await http.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
    {
        ["Email"] = PortalHistory.Email,
        ["Password"] = PortalHistory.Password,
        ["__RequestVerificationToken"] = antiforgery,
    }));
    if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.OriginalString != "/summary")
    {
        throw new InvalidOperationException($"Sign-in failed: {(int)response.StatusCode} {response.Headers.Location}");
    }
    return string.Join("; ", cookies.GetCookies(baseAddress).Select(c => $"{c.Name}={c.Value}"));
}
