using System.Text.Json;
using Facturo.Data;
using Facturo.Infrastructure;
using Facturo.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Cli;

/// <summary>
/// The first install with no SQL: before setup, what needs the biller refuses and says what to set; `facturo setup` reads a
/// settings file (or prompts), takes the first administrator's password from standard input, and runs once.
/// </summary>
public abstract class SetupCommandTests(DatabaseProvider provider) : IAsyncLifetime
{
    private const string AdministratorPassword = "Maple syrup on a snowy porch";
    private TestDatabase _database = null!;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "facturo-tests", $"setup-{Guid.NewGuid():N}");

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
        Directory.CreateDirectory(_folder);
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_bill_run_on_a_freshly_migrated_database_is_refused_with_what_to_set_and_where()
    {
        await FacturoProcess.RunAsync(_database.Options, "migrate");

        var (exitCode, _, errors) = await FacturoProcess.RunAsync(_database.Options, "bill-run", "--period", "2026-10");

        Assert.Equal(FacturoCli.Refused, exitCode);
        Assert.Contains("The biller is not set up", errors, StringComparison.Ordinal);
        Assert.Contains("facturo setup", errors, StringComparison.Ordinal);
        Assert.Contains("/admin/settings", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", errors, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_debit_batch_before_setup_is_refused_the_same_way()
    {
        await FacturoProcess.RunAsync(_database.Options, "migrate");

        var (exitCode, _, errors) = await FacturoProcess.RunAsync(_database.Options, "debit-batch", "--out", _folder);

        Assert.Equal(FacturoCli.Refused, exitCode);
        Assert.Contains("The biller is not set up", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sizing_data_never_invents_a_biller_unless_asked_to()
    {
        var refused = await FacturoProcess.RunAsync(_database.Options, "sizing-data", "--accounts", "3", "--charges-per-account", "1", "--period", "2026-10");
        await using (var db = _database.NewContext())
        {
            Assert.False(await db.BillerSettings.AnyAsync());
            Assert.False(await db.Accounts.AnyAsync());
        }
        var loaded = await FacturoProcess.RunAsync(_database.Options, "sizing-data", "--accounts", "3", "--charges-per-account", "1", "--period", "2026-10", "--demo-biller");

        Assert.Equal(FacturoCli.Refused, refused.ExitCode);
        Assert.Contains("--demo-biller", refused.Errors, StringComparison.Ordinal);
        Assert.Equal(0, loaded.ExitCode);
        await using var after = _database.NewContext();
        Assert.Equal(3, await after.Accounts.CountAsync());
        Assert.True(await after.BillerSettings.AnyAsync());
    }

    [Fact]
    public async Task Setup_from_a_settings_file_creates_the_biller_and_the_first_administrator_once()
    {
        var file = await SettingsFileAsync(Settings());

        var (exitCode, output, errors) = await FacturoProcess.RunWithInputAsync(_database.Options, AdministratorPassword + "\n", "setup", "--file", file);
        var again = await FacturoProcess.RunWithInputAsync(_database.Options, "Another password for nobody\n", "setup", "--file", await SettingsFileAsync(Settings(legalNameEn: "Someone Else Inc.")));

        Assert.True(exitCode == 0, errors);
        Assert.Contains("admin@laurentides.example", output, StringComparison.Ordinal);
        Assert.Equal(FacturoCli.Refused, again.ExitCode);
        Assert.Contains("already set up", again.Errors, StringComparison.Ordinal);
        await using var db = _database.NewContext();
        var biller = await db.BillerSettings.SingleAsync();
        Assert.Equal(("Messageries Laurentides inc.", "Laurentian Couriers Inc.", "H2X 1Y4", "123456782 RT0001", "1227494057 TQ0001", "facturation@laurentides.example"),
            (biller.LegalName, biller.LegalNameEn, biller.PostalCode, biller.GstHstNumber, biller.QstNumber, biller.SupportEmail));
        Assert.Equal((Accounts.Province.QC, 15, 750L, "America/Montreal"), (biller.Province, biller.DefaultCreditTermsDays, biller.PaperFeeCents, biller.TimeZone));
        Assert.Equal(("0000012345", "00310", "100200300", 42), (biller.Cpa005OriginatorId, biller.Cpa005DataCentre, biller.Cpa005ReturnAccount, biller.Cpa005NextFileCreationNumber));
        Assert.Null(biller.NachaCompanyIdentification);
        var administrator = await db.StaffMembers.SingleAsync();
        Assert.Equal(("admin@laurentides.example", "Dominique Admin", StaffRole.Administrator), (administrator.Email, administrator.FullName, administrator.Role));
        Assert.NotEqual(PasswordVerificationResult.Failed, new PasswordHasher<StaffMember>().VerifyHashedPassword(administrator, administrator.PasswordHash, AdministratorPassword));
        var audit = await db.StaffAuditEntries.SingleAsync();
        Assert.Equal(("biller.setup", administrator.Id), (audit.Action, audit.StaffId));
    }

    [Fact]
    public async Task A_settings_file_with_mistakes_is_refused_with_every_one_of_them_and_creates_nothing()
    {
        var file = await SettingsFileAsync(Settings(gstHstNumber: "123456789 RT0001", postalCode: "K1A 0B", qstNumber: "1234567890 TQ1"));

        var (exitCode, _, errors) = await FacturoProcess.RunWithInputAsync(_database.Options, AdministratorPassword + "\n", "setup", "--file", file);

        Assert.Equal(FacturoCli.Refused, exitCode);
        Assert.Contains("GST/HST", errors, StringComparison.Ordinal);
        Assert.Contains("check digit", errors, StringComparison.Ordinal);
        Assert.Contains("postal code", errors, StringComparison.Ordinal);
        Assert.Contains("QST", errors, StringComparison.Ordinal);
        await using var db = _database.NewContext();
        Assert.False(await db.BillerSettings.AnyAsync());
        Assert.False(await db.StaffMembers.AnyAsync());
    }

    [Fact]
    public async Task A_weak_or_missing_administrator_password_is_refused_and_creates_nothing()
    {
        var file = await SettingsFileAsync(Settings());

        var weak = await FacturoProcess.RunWithInputAsync(_database.Options, "short\n", "setup", "--file", file);
        var none = await FacturoProcess.RunWithInputAsync(_database.Options, "", "setup", "--file", file);

        Assert.Equal((FacturoCli.Refused, FacturoCli.Refused), (weak.ExitCode, none.ExitCode));
        Assert.Contains("at least 12 characters", weak.Errors, StringComparison.Ordinal);
        Assert.Contains("password", none.Errors, StringComparison.Ordinal);
        await using var db = _database.NewContext();
        Assert.False(await db.BillerSettings.AnyAsync());
        Assert.False(await db.StaffMembers.AnyAsync());
    }

    private static object Settings(string gstHstNumber = "123 456 782 RT 0001", string postalCode = "h2x1y4", string qstNumber = "1227494057TQ0001", string legalNameEn = "Laurentian Couriers Inc.") => new
    {
        biller = new
        {
            legalNameFr = "Messageries Laurentides inc.",
            legalNameEn,
            addressLine1 = "100 rue Principale",
            city = "Montréal",
            province = "QC",
            postalCode,
            gstHstNumber,
            qstNumber,
            supportPhone = "1-800-555-0100",
            supportEmail = "facturation@laurentides.example",
            supportHoursFr = "Du lundi au vendredi, de 8 h à 17 h",
            supportHoursEn = "Monday to Friday, 8 a.m. to 5 p.m.",
            defaultCreditTermsDays = 15,
            paperFee = "7.50",
            timeZone = "America/Montreal",
            eligiblePrefixes = "1",
            ineligiblePrefixes = "9",
            cpa005 = new
            {
                originatorId = "0000012345",
                shortName = "LAURENTIDES",
                longName = "Messageries Laurentides",
                dataCentre = "310",
                returnInstitution = "815",
                returnTransit = "30800",
                returnAccount = "100200300",
                nextFileCreationNumber = 42,
            },
        },
        administrator = new { email = "Admin@Laurentides.example", name = "Dominique Admin" },
    };

    private async Task<string> SettingsFileAsync(object settings)
    {
        var path = Path.Combine(_folder, $"settings-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(settings));
        return path;
    }
}

public sealed class SetupCommandTestsOnSqlite() : SetupCommandTests(DatabaseProvider.Sqlite);
public sealed class SetupCommandTestsOnPostgres() : SetupCommandTests(DatabaseProvider.Postgres);
