using System.CommandLine;
using Facturo.Billing;
using Facturo.Data;
using Facturo.DemoData;
using Facturo.Platform;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Cli;

/// <summary>
/// <c>facturo serve | migrate | demo-data | bill-run</c>. Exit codes: 0 done, 1 the request was refused
/// (the message says why), 2 the command line was wrong, 3 the database could not be reached.
/// </summary>
public static class FacturoCli
{
    public const int Refused = 1;
    public const int DatabaseUnavailable = 3;

    private static readonly Option<DatabaseProvider?> ProviderOption = new("--provider")
    {
        Description = "Database provider: Sqlite (embedded, the default) or Postgres. Overrides Database:Provider.",
        Recursive = true,
    };

    private static readonly Option<string?> ConnectionOption = new("--connection-string")
    {
        Description = "Database connection string. Overrides Database:ConnectionString.",
        Recursive = true,
    };

    public static RootCommand Build()
    {
        var root = new RootCommand("Facturo: billing, e-invoicing and payments for Canadian billers.")
        {
            ProviderOption, ConnectionOption, Serve(), Migrate(), LoadDemoData(), RunBill(),
        };
        root.SetAction(_ =>
        {
            Console.Error.WriteLine("Choose a command: serve, migrate, demo-data or bill-run. Add --help to any of them.");
            return 2;
        });
        return root;
    }

    private static Command Serve()
    {
        var demo = new Option<bool>("--demo") { Description = "Apply migrations and load demo data into an empty database before serving." };
        var command = new Command("serve", "Run the portal, back office and REST API.") { demo };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var app = FacturoWeb.Build(HostArgs(parse));
            if (parse.GetValue(demo))
            {
                var code = await WithDatabaseAsync(app.Services, async (scope, ct) =>
                {
                    await Migrator.MigrateAsync(scope.ServiceProvider.GetRequiredService<FacturoDbContext>(), ct);
                    var loaded = await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().LoadAsync(ct);
                    Console.WriteLine(loaded ? "Demo data loaded." : "The database already has data: demo data not loaded again.");
                    return 0;
                }, cancellationToken);
                if (code != 0)
                {
                    return code;
                }
            }
            app.Lifetime.ApplicationStarted.Register(() =>
            {
                foreach (var url in app.Urls)
                {
                    Console.WriteLine($"Facturo is running. Portal: {url}/   API: {url}/api/v1/openapi.json");
                }
                if (parse.GetValue(demo))
                {
                    Console.WriteLine($"Demo API key (header X-Api-Key): {DemoDataSeeder.DemoApiKey}");
                }
            });
            await app.RunAsync(cancellationToken);
            return 0;
        });
        return command;
    }

    private static Command Migrate()
    {
        var command = new Command("migrate", "Create or upgrade the database schema.");
        command.SetAction((parse, cancellationToken) => WithServicesAsync(parse, async (scope, ct) =>
        {
            var applied = await Migrator.MigrateAsync(scope.ServiceProvider.GetRequiredService<FacturoDbContext>(), ct);
            Console.WriteLine(applied.Count == 0 ? "The database is up to date." : $"Applied {applied.Count} migration(s): {string.Join(", ", applied)}.");
            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command LoadDemoData()
    {
        var command = new Command("demo-data", "Apply migrations and load demo data (biller, accounts, orders, billed periods) into an empty database.");
        command.SetAction((parse, cancellationToken) => WithServicesAsync(parse, async (scope, ct) =>
        {
            await Migrator.MigrateAsync(scope.ServiceProvider.GetRequiredService<FacturoDbContext>(), ct);
            var loaded = await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().LoadAsync(ct);
            Console.WriteLine(loaded ? "Demo data loaded." : "The database already has data: demo data not loaded again.");
            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command RunBill()
    {
        var period = new Option<string>("--period") { Description = "The month to bill, as YYYY-MM (for example 2026-11).", Required = true };
        var batchSize = new Option<int>("--batch-size") { Description = "Accounts per transaction (1 to 10000).", DefaultValueFactory = _ => 500 };
        batchSize.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 10_000)
            {
                result.AddError("--batch-size must be between 1 and 10000.");
            }
        });
        var command = new Command("bill-run", "Issue the invoices and statements of charges of a period. Safe to run again or resume after a crash.") { period, batchSize };
        command.SetAction((parse, cancellationToken) => WithServicesAsync(parse, async (scope, ct) =>
        {
            var periodText = parse.GetValue(period);
            if (!BillingPeriod.TryParse(periodText, out var billingPeriod))
            {
                Console.Error.WriteLine(UserMessages.Format("billrun.invalid-period", Accounts.Language.En, periodText ?? ""));
                return Refused;
            }
            var runner = scope.ServiceProvider.GetRequiredService<BillRunner>();
            var progress = new SynchronousProgress(p => Console.WriteLine($"progress: {p.InvoicesIssued} invoices, {p.StatementsIssued} statements issued"));
            var outcome = await runner.RunAsync(billingPeriod.Value, parse.GetValue(batchSize), progress, ct);
            if (!outcome.Succeeded)
            {
                Console.Error.WriteLine(outcome.Error!.Message(Accounts.Language.En));
                return Refused;
            }
            var result = outcome.Value!;
            Console.WriteLine($"Bill run {result.Period} done (issue date {result.IssueDate:yyyy-MM-dd}): {result.InvoicesIssuedNow} invoices and {result.StatementsIssuedNow} statements issued now; the period has {result.InvoicesInPeriod} invoices and {result.StatementsInPeriod} statements.");
            return 0;
        }, cancellationToken));
        return command;
    }

    private static async Task<int> WithServicesAsync(ParseResult parse, Func<AsyncServiceScope, CancellationToken, Task<int>> work, CancellationToken cancellationToken)
    {
        await using var app = FacturoWeb.Build(HostArgs(parse));
        return await WithDatabaseAsync(app.Services, work, cancellationToken);
    }

    private static async Task<int> WithDatabaseAsync(IServiceProvider services, Func<AsyncServiceScope, CancellationToken, Task<int>> work, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        try
        {
            return await work(scope, cancellationToken);
        }
        catch (Exception exception) when (IsDatabaseUnavailable(exception))
        {
            Console.Error.WriteLine($"The database could not be reached: {exception.GetBaseException().Message}");
            return DatabaseUnavailable;
        }
    }

    private static bool IsDatabaseUnavailable(Exception exception) =>
        exception is Npgsql.NpgsqlException { IsTransient: true } or System.Net.Sockets.SocketException
        || exception.GetBaseException() is System.Net.Sockets.SocketException or Npgsql.PostgresException { SqlState: "3D000" or "28P01" or "28000" }
        || exception is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 14 };

    /// <summary>Turns the global options into configuration overrides for the host.</summary>
    private static string[] HostArgs(ParseResult parse)
    {
        var args = new List<string>();
        if (parse.GetValue(ProviderOption) is { } provider)
        {
            args.Add($"--Database:Provider={provider}");
        }
        if (parse.GetValue(ConnectionOption) is { } connection)
        {
            args.Add($"--Database:ConnectionString={connection}");
        }
        return [.. args];
    }

    /// <summary>Reports on the caller's thread, so progress lines come out in order.</summary>
    private sealed class SynchronousProgress(Action<BillRunProgress> report) : IProgress<BillRunProgress>
    {
        public void Report(BillRunProgress value) => report(value);
    }
}
