using System.Text;
using Facturo.Admin;
using Facturo.Data;
using Facturo.Infrastructure;
using Facturo.Staff;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Cli;

/// <summary><c>facturo import-accounts FILE [--dry-run]</c>: every problem listed with line and column, exit codes a script can test, all or nothing.</summary>
public abstract class ImportAccountsCommandTests(DatabaseProvider provider) : Portal.PortalTest(provider)
{
    private readonly string _folder = Directory.CreateTempSubdirectory("facturo-import-cli-").FullName;

    [Fact]
    public async Task A_dry_run_of_a_file_with_problems_lists_each_with_its_line_and_column_and_exits_with_1()
    {
        var file = await WriteAsync("bad.csv", ImportAccountsTests.Csv(ImportAccountsTests.Line("1000901"), ImportAccountsTests.Line("1000902", postalCode: "K1A 0B", language: "de")));

        var (exitCode, output, errors) = await FacturoProcess.RunAsync(Database.Options, "import-accounts", file, "--dry-run");

        Assert.Equal(FacturoCli.Refused, exitCode);
        Assert.Contains("Line 3, column postal_code: The postal code does not fit country CA", errors, StringComparison.Ordinal);
        Assert.Contains("Line 3, column language: \"de\": the language is fr (French) or en (English).", errors, StringComparison.Ordinal);
        Assert.Contains("2 error(s): nothing was imported.", output, StringComparison.Ordinal);
        await AssertNoAccountsAsync();
    }

    [Fact]
    public async Task A_clean_file_is_imported_once_and_the_second_run_changes_nothing_and_exits_with_0()
    {
        await CreateStaffAsync("agent@cli.example", StaffRole.CustomerRelations);
        var file = await WriteAsync("clean.csv", ImportAccountsTests.Csv(ImportAccountsTests.Line("1000911"), ImportAccountsTests.Line("1000912")));

        var dryRun = await FacturoProcess.RunAsync(Database.Options, "import-accounts", file, "--dry-run");
        await AssertNoAccountsAsync();
        var first = await FacturoProcess.RunAsync(Database.Options, "import-accounts", file, "--staff", "agent@cli.example");
        var second = await FacturoProcess.RunAsync(Database.Options, "import-accounts", file, "--staff", "agent@cli.example", "--language", "fr");

        Assert.True(dryRun.ExitCode == 0, dryRun.Errors);
        Assert.Contains("Dry run: 2 account(s) in the file: 2 created, 0 updated, 0 unchanged on import. Nothing was changed.", dryRun.Output, StringComparison.Ordinal);
        Assert.True(first.ExitCode == 0, first.Errors);
        Assert.Contains("Imported: 2 account(s) in the file: 2 created", first.Output, StringComparison.Ordinal);
        Assert.True(second.ExitCode == 0, second.Errors);
        Assert.Contains("Rien à importer : 2 compte(s) dans le fichier : 0 créé(s), 0 modifié(s), 2 inchangé(s). Rien n'a changé.", second.Output, StringComparison.Ordinal);
        await using var db = Database.NewContext();
        Assert.Equal(2, await db.Accounts.CountAsync());
        Assert.Equal(["agent@cli.example"], await db.StaffAuditEntries.Select(e => e.StaffEmail).Distinct().ToListAsync());
    }

    [Fact]
    public async Task Importing_without_naming_the_staff_member_or_without_a_file_is_a_command_line_error()
    {
        var file = await WriteAsync("clean.csv", ImportAccountsTests.Csv(ImportAccountsTests.Line("1000921")));

        var withoutStaff = await FacturoProcess.RunAsync(Database.Options, "import-accounts", file);
        var withoutFile = await FacturoProcess.RunAsync(Database.Options, "import-accounts", Path.Combine(_folder, "missing.csv"), "--dry-run");

        Assert.Equal(FacturoCli.CommandLineError, withoutStaff.ExitCode);
        Assert.Contains("--staff", withoutStaff.Errors, StringComparison.Ordinal);
        Assert.Equal(FacturoCli.CommandLineError, withoutFile.ExitCode);
        await AssertNoAccountsAsync();
    }

    [Fact]
    public async Task A_windows_1252_file_with_semicolons_imports_from_the_command_line()
    {
        await CreateStaffAsync("agent@cli.example", StaffRole.Administrator);
        var text = "Numéro client;Raison sociale;Adresse;Ville;Province;Code postal;Langue;Courriel facturation\r\n1000931;Café Société;1 rue Élise;Trois-Rivières;QC;G9A 1A1;fr;\r\n";
        var file = await WriteAsync("ancien.csv", CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes(text));

        var (exitCode, _, errors) = await FacturoProcess.RunAsync(Database.Options, "import-accounts", file, "--staff", "agent@cli.example");

        Assert.True(exitCode == 0, errors);
        await using var db = Database.NewContext();
        var account = await db.Accounts.SingleAsync();
        Assert.Equal(("Café Société", "1 rue Élise", "Trois-Rivières"), (account.LegalName, account.AddressLine1, account.City));
    }

    private async Task<string> WriteAsync(string name, byte[] content)
    {
        var path = Path.Combine(_folder, name);
        await File.WriteAllBytesAsync(path, content);
        return path;
    }

    private async Task AssertNoAccountsAsync()
    {
        await using var db = Database.NewContext();
        Assert.Empty(await db.Accounts.ToListAsync());
    }
}

public sealed class ImportAccountsCommandTestsOnSqlite() : ImportAccountsCommandTests(DatabaseProvider.Sqlite);
public sealed class ImportAccountsCommandTestsOnPostgres() : ImportAccountsCommandTests(DatabaseProvider.Postgres);
