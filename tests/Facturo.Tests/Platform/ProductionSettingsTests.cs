using Facturo.Cli;
using Facturo.Data;
using Facturo.Infrastructure;

namespace Facturo.Platform;

/// <summary>
/// A production process started with settings missing or left at a developer's values refuses at once, listing every
/// one of them in one message, with no stack trace and nothing created.
/// </summary>
public sealed class ProductionSettingsTests : IDisposable
{
    private readonly string _folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "facturo-tests", $"settings-{Guid.NewGuid():N}")).FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string WorkingDirectory => Directory.CreateDirectory(Path.Combine(_folder, "cwd")).FullName;

    [Fact]
    public async Task Serve_with_nothing_set_refuses_once_listing_every_missing_setting_and_creates_no_database()
    {
        var (exitCode, output, errors) = await FacturoProcess.RunAsync(null, Production(("Facturo__DataDirectory", null)), WorkingDirectory, "serve");

        Assert.Equal(FacturoCli.Refused, exitCode);
        Assert.Equal(1, CountOf("will not start", errors));
        foreach (var setting in new[] { "Facturo:DataDirectory", "Database:ConnectionString", "Email:SmtpHost", "Email:From", "Email:PublicBaseUrl" })
        {
            Assert.Contains(setting, errors, StringComparison.Ordinal);
        }
        Assert.DoesNotContain("   at ", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("Facturo is running", output, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(WorkingDirectory, "*", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData("Email__PublicBaseUrl", "http://localhost:5080", "Email:PublicBaseUrl")]
    [InlineData("Email__PublicBaseUrl", "http://portal.biller.ca", "Email:PublicBaseUrl")]
    [InlineData("Email__PublicBaseUrl", "https://127.0.0.1", "Email:PublicBaseUrl")]
    [InlineData("Email__From", "Facturo <facturation@facturo.example>", "Email:From")]
    [InlineData("Email__From", "not an address", "Email:From")]
    [InlineData("Facturo__DataDirectory", "data", "Facturo:DataDirectory")]
    [InlineData("Facturo__DataDirectory", "/nowhere/facturo-data", "Facturo:DataDirectory")]
    [InlineData("Database__Provider", "Oracle", "Database:Provider")]
    public async Task A_developer_value_left_in_production_is_refused_and_named(string variable, string value, string setting)
    {
        var environment = Production(("Database__Provider", "Sqlite"), ("Database__ConnectionString", $"Data Source={Path.Combine(_folder, "facturo.db")}"),
            ("Email__SmtpHost", "smtp.biller.ca"), ("Email__From", "Facturation <facturation@biller.ca>"), ("Email__PublicBaseUrl", "https://portal.biller.ca"),
            ("Facturo__DataDirectory", _folder), (variable, value));

        var (exitCode, _, errors) = await FacturoProcess.RunAsync(null, environment, WorkingDirectory, "serve");

        Assert.Equal(FacturoCli.Refused, exitCode);
        Assert.Contains(setting, errors, StringComparison.Ordinal);
        Assert.Equal(1, CountOf(setting, errors));
        Assert.DoesNotContain("   at ", errors, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder, "facturo.db")));
    }

    [Fact]
    public async Task A_command_with_no_database_set_in_production_is_refused_instead_of_creating_one_in_the_working_directory()
    {
        var (exitCode, _, errors) = await FacturoProcess.RunAsync(null, Production(("Facturo__DataDirectory", _folder)), WorkingDirectory, "migrate");

        Assert.Equal(FacturoCli.Refused, exitCode);
        Assert.Contains("Database:ConnectionString", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("Email:SmtpHost", errors, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(WorkingDirectory));
        Assert.Empty(Directory.EnumerateFiles(_folder, "*.db", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Settings_given_on_the_command_line_count_as_the_guide_says()
    {
        var (exitCode, _, errors) = await FacturoProcess.RunAsync(null, Production(), WorkingDirectory, "serve",
            $"--Facturo:DataDirectory={_folder}", "--Database:Provider=Sqlite", $"--Database:ConnectionString=Data Source={Path.Combine(_folder, "facturo.db")}",
            "--Email:SmtpHost=smtp.biller.ca", "--Email:From=facturation@biller.ca", "--Email:PublicBaseUrl=https://portal.biller.ca", "--urls", "http://127.0.0.1:0");

        Assert.Equal(FacturoCli.Refused, exitCode);
        Assert.Contains("DataProtection:CertificatePath", errors, StringComparison.Ordinal);
        foreach (var setting in new[] { "Facturo:DataDirectory", "Database:", "Email:" })
        {
            Assert.DoesNotContain(setting, errors, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_unknown_option_is_still_a_command_line_error()
    {
        var (exitCode, _, errors) = await FacturoProcess.RunAsync(null, Production(), WorkingDirectory, "migrate", "--dry-run");

        Assert.Equal(FacturoCli.CommandLineError, exitCode);
        Assert.Contains("--dry-run", errors, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> Production(params (string Name, string? Value)[] settings)
    {
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production", ["DOTNET_ENVIRONMENT"] = null, ["Logging__LogLevel__Default"] = "Warning",
            ["BankFiles__Schedule"] = "", ["SalesLeads__Schedule"] = "", ["ExemptionNotices__Schedule"] = "",
        };
        foreach (var (name, value) in settings)
        {
            environment[name] = value;
        }
        return environment;
    }

    private static int CountOf(string text, string within) => within.Split(text).Length - 1;
}
