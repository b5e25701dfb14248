using Facturo.Data;
using Facturo.Infrastructure;

namespace Facturo.Cli;

/// <summary>Where <c>facturo serve</c> listens is the operator's choice: ASPNETCORE_URLS or --urls, never overridden by appsettings.json.</summary>
public sealed class ListeningAddressTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var db = _database.NewContext();
        await Migrator.MigrateAsync(db, CancellationToken.None);
    }

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    private static Dictionary<string, string?> TestEnvironment(params (string Name, string Value)[] more)
    {
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Test", ["Logging__LogLevel__Default"] = "Warning",
            ["BankFiles__Schedule"] = "", ["SalesLeads__Schedule"] = "", ["ExemptionNotices__Schedule"] = "",
        };
        foreach (var (name, value) in more)
        {
            environment[name] = value;
        }
        return environment;
    }

    [Fact]
    public async Task Serve_listens_where_ASPNETCORE_URLS_says()
    {
        var listening = await ListeningLineAsync(TestEnvironment(("ASPNETCORE_URLS", "http://127.0.0.1:0")));

        Assert.StartsWith("Facturo is running. Portal: http://127.0.0.1:", listening, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_listens_where_urls_on_the_command_line_says()
    {
        var listening = await ListeningLineAsync(TestEnvironment(), "--urls", "http://127.0.0.1:0");

        Assert.StartsWith("Facturo is running. Portal: http://127.0.0.1:", listening, StringComparison.Ordinal);
    }

    private async Task<string?> ListeningLineAsync(IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        using var serve = FacturoProcess.Start(_database.Options, environment, ["serve", .. arguments]);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var line = await serve.WaitForLineAsync("Facturo is running.", timeout.Token);
        await serve.KillAsync();
        return line;
    }
}
