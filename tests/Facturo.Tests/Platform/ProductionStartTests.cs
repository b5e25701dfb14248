using Facturo.Cli;
using Facturo.Data;
using Facturo.DemoData;
using Facturo.Infrastructure;

namespace Facturo.Platform;

/// <summary>What a production host refuses to start with: a key ring on disk in clear, or the demo's published secrets.</summary>
public abstract class ProductionStartTests(DatabaseProvider provider) : IAsyncLifetime
{
    private const string CertificatePassword = "key-ring-test-password";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "facturo-tests", $"start-{Guid.NewGuid():N}");
    private TestDatabase _database = null!;

    private string CertificatePath => Path.Combine(_folder, "key-ring.pfx");

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
        await using var db = _database.NewContext();
        await Migrator.MigrateAsync(db, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task Without_a_key_ring_certificate_production_refuses_to_start_and_says_what_to_set()
    {
        await using var app = Host("Production");

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => app.StartAsync());

        Assert.Contains("DataProtection:CertificatePath", refused.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_folder, "keys")) && Directory.EnumerateFiles(Path.Combine(_folder, "keys")).Any());
    }

    [Fact]
    public async Task Production_refuses_to_start_while_the_demo_secrets_work_and_starts_once_they_are_retired()
    {
        Requests.WriteCertificate(CertificatePath, CertificatePassword);
        await using (var demo = Host("Development"))
        {
            await using var scope = demo.Services.CreateAsyncScope();
            Assert.True(await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().LoadAsync(CancellationToken.None));
        }
        await using var withDemoSecrets = Host("Production", WithCertificate);

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => withDemoSecrets.StartAsync());
        var retired = await FacturoProcess.RunAsync(_database.Options, "retire-demo-secrets");
        await using var afterRetiring = Host("Production", WithCertificate);
        await afterRetiring.StartAsync();
        await afterRetiring.StopAsync();

        Assert.Contains("demo", refused.Message, StringComparison.Ordinal);
        Assert.Contains("X-Api-Key", refused.Message, StringComparison.Ordinal);
        Assert.Contains(DemoDataSeeder.DemoStaffEmail, refused.Message, StringComparison.Ordinal);
        Assert.Contains(DemoDataSeeder.DemoUserEmail, refused.Message, StringComparison.Ordinal);
        Assert.Contains("facturo retire-demo-secrets", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, retired.ExitCode);
    }

    private string[] WithCertificate => [$"--DataProtection:CertificatePath={CertificatePath}", $"--DataProtection:CertificatePassword={CertificatePassword}"];

    private WebApplication Host(string environment, params string[] more) => FacturoWeb.Build(
    [
        $"--environment={environment}", $"--Database:Provider={provider}", $"--Database:ConnectionString={_database.Options.ConnectionString}",
        "--urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=Critical", $"--Email:PickupDirectory={Path.Combine(_folder, "mail")}",
        "--Email:PollInterval=01:00:00", $"--DataProtection:KeyDirectory={Path.Combine(_folder, "keys")}", "--BankFiles:Schedule=", "--SalesLeads:Schedule=", "--ExemptionNotices:Schedule=",
        $"--Facturo:DataDirectory={Directory.CreateDirectory(_folder).FullName}", "--Email:SmtpHost=smtp.biller.ca", "--Email:From=facturation@biller.ca",
        "--Email:PublicBaseUrl=https://portal.biller.ca", .. more,
    ]);
}

public sealed class ProductionStartTestsOnSqlite() : ProductionStartTests(DatabaseProvider.Sqlite);
public sealed class ProductionStartTestsOnPostgres() : ProductionStartTests(DatabaseProvider.Postgres);
