using Facturo.Cli;
using Facturo.Data;
using Facturo.Emails;
using Facturo.Payments;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace Facturo.Platform;

/// <summary>One data directory holds the key ring, the bank files, the mail pickup folder and the SQLite file, wherever Facturo is started from.</summary>
public sealed class DataDirectoryTests : IDisposable
{
    private readonly string _folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "facturo-tests", $"data-{Guid.NewGuid():N}")).FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Data => Directory.CreateDirectory(Path.Combine(_folder, "data")).FullName;

    private string NewWorkingDirectory() => Directory.CreateDirectory(Path.Combine(_folder, $"cwd-{Guid.NewGuid():N}")).FullName;

    [Fact]
    public async Task Relative_paths_in_the_settings_are_read_from_the_data_directory()
    {
        await using var app = FacturoWeb.Build(["--environment=Test", $"--Facturo:DataDirectory={Data}", "--Database:ConnectionString=Data Source=db/facturo.db",
            "--Email:PickupDirectory=mail", "--urls=http://127.0.0.1:0"]);

        var keyRing = app.Services.GetRequiredService<IOptions<KeyManagementOptions>>().Value.XmlRepository;
        await using var scope = app.Services.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<FacturoDbContext>().Database.GetConnectionString();

        Assert.Equal(Path.Combine(Data, "keys"), Assert.IsType<FileSystemXmlRepository>(keyRing).Directory.FullName);
        Assert.Equal(Path.Combine(Data, "bank-files"), app.Services.GetRequiredService<IOptions<BankFileOptions>>().Value.OutboxDirectory);
        Assert.Equal(Path.Combine(Data, "mail"), app.Services.GetRequiredService<IOptions<EmailOptions>>().Value.PickupDirectory);
        Assert.Equal($"Data Source={Path.Combine(Data, "db", "facturo.db")}", database);
    }

    [Fact]
    public async Task Started_from_another_working_directory_facturo_finds_the_same_key_ring_and_database()
    {
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Test", ["Facturo__DataDirectory"] = Data, ["Database__ConnectionString"] = "Data Source=facturo.db",
            ["Logging__LogLevel__Default"] = "Warning", ["BankFiles__Schedule"] = "", ["SalesLeads__Schedule"] = "", ["ExemptionNotices__Schedule"] = "",
        };
        var workingDirectories = new[] { NewWorkingDirectory(), NewWorkingDirectory() };
        var migrated = await FacturoProcess.RunAsync(null, environment, workingDirectories[0], "migrate");

        foreach (var workingDirectory in workingDirectories)
        {
            await SignInPageAsync(environment, workingDirectory);
        }
        var again = await FacturoProcess.RunAsync(null, environment, workingDirectories[1], "migrate");

        Assert.True(migrated.ExitCode == 0, migrated.Errors);
        Assert.Contains("The database is up to date.", again.Output, StringComparison.Ordinal);
        Assert.Single(Directory.EnumerateFiles(Path.Combine(Data, "keys"), "key-*.xml"));
        Assert.All(workingDirectories, folder => Assert.Empty(Directory.EnumerateFileSystemEntries(folder)));
    }

    /// <summary>The sign-in form's anti-forgery token is the first thing protected with the key ring: it makes a key if there is none.</summary>
    private static async Task SignInPageAsync(IReadOnlyDictionary<string, string?> environment, string workingDirectory)
    {
        using var serve = FacturoProcess.StartIn(workingDirectory, null, environment, "serve", "--urls=http://127.0.0.1:0");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var running = await serve.WaitForLineAsync("Facturo is running.", timeout.Token);
        Assert.NotNull(running);
        var url = running["Facturo is running. Portal: ".Length..running.IndexOf("/ ", StringComparison.Ordinal)];
        using var http = new HttpClient();
        var page = await http.GetAsync(new Uri($"{url}/signin"), timeout.Token);
        Assert.True(page.IsSuccessStatusCode, $"{page.StatusCode}");
        await serve.KillAsync();
    }
}
