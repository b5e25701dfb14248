using Facturo.Api;
using System.CommandLine;
using Facturo.Billing;
using Facturo.Data;
using Facturo.DemoData;
using Facturo.Accounts;
using Facturo.Platform;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Cli;

/// <summary>
/// <c>facturo serve | migrate | demo-data | bill-run</c>. Exit codes: 0 done, 1 the request was refused
/// (the message says why), 2 the command line was wrong, 3 the database could not be reached.
/// </summary>
public static partial class FacturoCli
{
    public const int Refused = 1;
    public const int CommandLineError = 2;
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
            ProviderOption, ConnectionOption, Serve(), Migrate(), Setup(), LoadDemoData(), LoadSizingData(), LoadSizingDebits(), RunBill(), Invite(), DebitBatch(), ImportReturns(), ImportRemittances(), ImportAccounts(), RecordPayment(), AddStaff(), SetStaffPassword(), DisableStaff(), EnableStaff(), ResetStaffTwoStep(), RetireDemoSecrets(), AddApiKey(),
        };
        // Settings given as --Section:Key=value are left unmatched for the host (see HostSettingArguments).
        root.TreatUnmatchedTokensAsErrors = false;
        foreach (var command in root.Subcommands)
        {
            command.TreatUnmatchedTokensAsErrors = false;
        }
        root.SetAction(_ =>
        {
            Console.Error.WriteLine("Choose a command: serve, migrate, setup, demo-data, sizing-data, sizing-debits, bill-run, invite, debit-batch, import-returns, import-remittances, import-accounts, record-payment, add-staff, set-staff-password, disable-staff, enable-staff, reset-staff-two-step, retire-demo-secrets or add-api-key. Add --help to any of them.");
            return CommandLineError;
        });
        return root;
    }

    private static Command Serve()
    {
        var demo = new Option<bool>("--demo") { Description = "Apply migrations and load demo data into an empty database before serving." };
        var command = new Command("serve", "Run the portal, back office and REST API.") { demo };
        command.SetAction(async (parse, cancellationToken) =>
        {
            // A demo is a development install: emails go to a pickup folder and /dev/emails lists them.
            var app = FacturoWeb.Build(parse.GetValue(demo) ? [.. HostArgs(parse), "--environment=Development"] : HostArgs(parse));
            if (parse.GetValue(demo))
            {
                var code = await WithDatabaseAsync(app.Services, async (scope, ct) =>
                {
                    // Development shows every email sent at /dev/emails, reset links included: never over a biller's own data.
                    if (await scope.ServiceProvider.GetRequiredService<DemoSecrets>().HoldsDataTheDemoDidNotCreateAsync(ct))
                    {
                        Console.Error.WriteLine("This database holds data not created by the demo: serve --demo runs in Development, which shows every email sent " +
                            "(password reset links included) at /dev/emails, so it is refused here. Run `facturo serve` without --demo, or give --demo an empty database.");
                        return Refused;
                    }
                    await Migrator.MigrateAsync(scope.ServiceProvider.GetRequiredService<FacturoDbContext>(), ct);
                    var loaded = await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().LoadAsync(ct);
                    Console.WriteLine(loaded ? "Demo data loaded." : "The database already has the demo data: not loaded again.");
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
                    Console.WriteLine($"Portal sign-in: {app.Urls.First()}/signin as {DemoDataSeeder.DemoUserEmail}, password {DemoDataSeeder.DemoUserPassword}");
                    Console.WriteLine($"Demo emails (invitations and others): {app.Urls.First()}/dev/emails");
                    Console.WriteLine($"Demo API key (header X-Api-Key): {DemoDataSeeder.DemoApiKey}");
                    Console.WriteLine($"Back office: {app.Urls.First()}/admin as {DemoDataSeeder.DemoStaffEmail}, password {DemoDataSeeder.DemoStaffPassword} (an authenticator app is set up at the first sign-in)");
                }
            });
            // Checked here as well as when the host starts, so the operator reads the reasons once, without a stack trace.
            var ready = await WithDatabaseAsync(app.Services, async (_, ct) =>
            {
                if (await app.Services.GetRequiredService<ProductionReadiness>().RefusalAsync(ct) is not { } refusal)
                {
                    return 0;
                }
                Console.Error.WriteLine(refusal);
                return Refused;
            }, cancellationToken);
            if (ready != 0)
            {
                return ready;
            }
            await app.RunAsync(cancellationToken);
            return 0;
        });
        return command;
    }

    private static Command Migrate()
    {
        var command = new Command("migrate", "Create or upgrade the database schema, then re-encrypt any bank account number still encrypted the older way (Data Protection alone).");
        command.SetAction((parse, cancellationToken) => WithServicesAsync(parse, async (scope, ct) =>
        {
            var applied = await Migrator.MigrateAsync(scope.ServiceProvider.GetRequiredService<FacturoDbContext>(), ct);
            Console.WriteLine(applied.Count == 0 ? "The database is up to date." : $"Applied {applied.Count} migration(s): {string.Join(", ", applied)}.");
            // Needs the key ring, which SQL migrations cannot reach.
            if (await scope.ServiceProvider.GetRequiredService<Payments.ReencryptAccountNumbers>().RunAsync(ct) is > 0 and var reencrypted)
            {
                Console.WriteLine($"Re-encrypted {reencrypted} bank account number(s) with the bank account numbers' own key.");
            }
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

    private static Command LoadSizingData()
    {
        var accounts = new Option<int>("--accounts") { Description = "Commercial accounts to create (1 to 10000000).", DefaultValueFactory = _ => 100_000 };
        var charges = new Option<int>("--charges-per-account") { Description = "On-account charges per account (1 to 1000).", DefaultValueFactory = _ => 10 };
        var period = PeriodOption("The month the charges fall in, as YYYY-MM.");
        accounts.Validators.Add(result => RequireRange(result, 1, 10_000_000));
        charges.Validators.Add(result => RequireRange(result, 1, 1_000));
        var currency = CurrencyOption("The accounts' billing currency: CAD (Canadian businesses across the provinces) or USD (US businesses, billed with no Canadian tax on services).");
        var demoBiller = new Option<bool>("--demo-biller") { Description = "When no biller is set up, load the demo biller (a made-up GST/HST number and bank identity) first, for a benchmark. Without it, a database with no biller is refused: run `facturo setup` first." };
        var command = new Command("sizing-data", "Apply migrations and load many commercial accounts with charges in one period into a database without accounts, to size a server or benchmark a bill run. " +
            "The accounts belong to the biller set up there; it never invents one unless given --demo-biller.") { accounts, charges, period, currency, demoBiller };
        command.SetAction((parse, cancellationToken) => WithServicesAsync(parse, async (scope, ct) =>
        {
            if (!TryParsePeriod(parse.GetValue(period), out var billingPeriod))
            {
                return Refused;
            }
            await Migrator.MigrateAsync(scope.ServiceProvider.GetRequiredService<FacturoDbContext>(), ct);
            var progress = new SynchronousProgress<SizingDataProgress>(p => Console.WriteLine($"progress: {p.Accounts} accounts, {p.Charges} charges loaded"));
            var outcome = await scope.ServiceProvider.GetRequiredService<SizingDataLoader>().LoadAsync(parse.GetValue(accounts), parse.GetValue(charges), billingPeriod, Currency.Parse(parse.GetValue(currency)!), parse.GetValue(demoBiller), progress, ct);
            if (!outcome.Succeeded)
            {
                Console.Error.WriteLine(outcome.Error!.Message(Accounts.Language.En));
                return Refused;
            }
            Console.WriteLine($"Loaded {outcome.Value!.Accounts} accounts and {outcome.Value.Charges} charges in {billingPeriod}.");
            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command LoadSizingDebits()
    {
        var currency = CurrencyOption("Debit the unpaid invoices in this currency: CAD (from Canadian bank accounts, CPA-005) or USD (from US bank accounts, NACHA).");
        var command = new Command("sizing-debits", "Submit a bank debit for every unpaid invoice in one currency, each from its own bank account under a signed agreement: the input of a debit-batch benchmark. Run after sizing-data and bill-run.") { currency };
        command.SetAction((parse, cancellationToken) => WithServicesAsync(parse, async (scope, ct) =>
        {
            var progress = new SynchronousProgress<int>(count => Console.WriteLine($"progress: {count} debits submitted"));
            var outcome = await scope.ServiceProvider.GetRequiredService<SizingDebitsLoader>().LoadAsync(Currency.Parse(parse.GetValue(currency)!), progress, ct);
            if (!outcome.Succeeded)
            {
                Console.Error.WriteLine(outcome.Error!.Message(Accounts.Language.En));
                return Refused;
            }
            Console.WriteLine($"Submitted {outcome.Value} debits.");
            return 0;
        }, cancellationToken));
        return command;
    }

    private static Option<string> CurrencyOption(string description)
    {
        var option = new Option<string>("--currency") { Description = description, DefaultValueFactory = _ => "CAD" };
        option.AcceptOnlyFromAmong("CAD", "USD");
        return option;
    }

    private static Option<string> PeriodOption(string description) => new("--period") { Description = description, Required = true };

    private static void RequireRange(System.CommandLine.Parsing.OptionResult result, int minimum, int maximum)
    {
        if (result.GetValueOrDefault<int>() < minimum || result.GetValueOrDefault<int>() > maximum)
        {
            result.AddError($"{result.IdentifierToken?.Value ?? result.Option.Name} must be between {minimum} and {maximum}.");
        }
    }

    private static bool TryParsePeriod(string? text, out BillingPeriod period)
    {
        if (BillingPeriod.TryParse(text, out var parsed))
        {
            period = parsed.Value;
            return true;
        }
        Console.Error.WriteLine(UserMessages.Format("billrun.invalid-period", Accounts.Language.En, text ?? ""));
        period = default;
        return false;
    }

    private static Command RunBill()
    {
        var period = PeriodOption("The month to bill, as YYYY-MM (for example 2026-11).");
        var batchSize = new Option<int>("--batch-size") { Description = "Accounts per transaction (1 to 10000).", DefaultValueFactory = _ => 500 };
        batchSize.Validators.Add(result => RequireRange(result, 1, 10_000));
        var command = new Command("bill-run", "Issue the invoices and statements of charges of a period. Safe to run again or resume after a crash.") { period, batchSize };
        command.SetAction((parse, cancellationToken) => WithServicesAsync(parse, async (scope, ct) =>
        {
            if (!TryParsePeriod(parse.GetValue(period), out var billingPeriod))
            {
                return Refused;
            }
            var runner = scope.ServiceProvider.GetRequiredService<BillRunner>();
            var progress = new SynchronousProgress<BillRunProgress>(p => Console.WriteLine($"progress: {p.InvoicesIssued} invoices, {p.StatementsIssued} statements issued"));
            var started = TimeProvider.System.GetTimestamp();
            var outcome = await runner.RunAsync(billingPeriod, parse.GetValue(batchSize), progress, ct);
            var elapsed = TimeProvider.System.GetElapsedTime(started);
            if (!outcome.Succeeded)
            {
                Console.Error.WriteLine(outcome.Error!.Message(Accounts.Language.En));
                return Refused;
            }
            var result = outcome.Value!;
            Console.WriteLine($"Bill run {result.Period} done (issue date {result.IssueDate:yyyy-MM-dd}): {result.InvoicesIssuedNow} invoices and {result.StatementsIssuedNow} statements issued now; the period has {result.InvoicesInPeriod} invoices and {result.StatementsInPeriod} statements.");
            var deliveries = result.Deliveries;
            Console.WriteLine($"Delivery: {deliveries.Portal} by portal notice, {deliveries.Email} by email with the PDF, {deliveries.Paper} on paper (list and PDFs at /admin/paper-invoices).");
            if (deliveries.NoWorkingChannel.Count > 0)
            {
                Console.WriteLine($"{deliveries.NoWorkingChannel.Count} account(s) with no working channel (no portal user, billing email missing or bounced), put on paper; fix them at /admin/unreachable-customers:");
                foreach (var account in deliveries.NoWorkingChannel)
                {
                    Console.WriteLine($"  {account.CustomerNumber} {account.LegalName}: invoice {account.InvoiceNumber}, {(account.Reason == PaperReason.EmailBounced ? $"billing email {account.EmailAddress} bounced" : "no valid billing email")}");
                }
            }
            var perSecond = elapsed.TotalSeconds > 0 ? (long)(result.InvoicesIssuedNow / (decimal)elapsed.TotalSeconds) : 0;
            Console.WriteLine($"Took {elapsed.TotalSeconds:0.0} s: {perSecond} invoices/s, peak memory {System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64 / 1_048_576} MB.");
            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command Invite()
    {
        var customer = new Option<string>("--customer") { Description = "The customer number whose portal the contact is invited to.", Required = true };
        var email = new Option<string>("--email") { Description = "The contact's email address; the invitation is sent there.", Required = true };
        var language = new Option<string>("--language") { Description = "fr or en: the language of the invitation email.", DefaultValueFactory = _ => "fr" };
        language.AcceptOnlyFromAmong("fr", "en");
        var command = new Command("invite", "Email a contact a single-use invitation (valid 7 days) to register on the portal. The e-billing eligibility rule applies.") { customer, email, language };
        command.SetAction((parse, cancellationToken) => WithServicesAsync(parse, async (scope, ct) =>
        {
            var chosen = parse.GetValue(language) == "en" ? Language.En : Language.Fr;
            var invited = await scope.ServiceProvider.GetRequiredService<Portal.Invitations>()
                .InviteAsync(parse.GetValue(customer)!, parse.GetValue(email)!, Portal.PortalRole.Admin, chosen, null, ct);
            if (!invited.Succeeded)
            {
                Console.Error.WriteLine(invited.Error!.Message(Accounts.Language.En));
                return Refused;
            }
            Console.WriteLine($"Invitation queued for {invited.Value!.Email}; it expires {invited.Value.ExpiresAt:yyyy-MM-dd HH:mm} UTC. The running server sends it.");
            return 0;
        }, cancellationToken, NeededSettings.Database | NeededSettings.Email));
        return command;
    }

    private static Command DebitBatch()
    {
        var output = new Option<string?>("--out") { Description = "The folder the bank files are written to (default: BankFiles:OutboxDirectory, data/bank-files)." };
        var command = new Command("debit-batch", "Gather the submitted debits into bank files (CPA-005 for Canadian accounts, NACHA for US ones) and write them for the bank, then settle the debits past their return window. Safe to run again: a payment goes into one file only.") { output };
        command.SetAction((parse, cancellationToken) => WithServicesAsync(parse, async (scope, ct) =>
        {
            var batches = scope.ServiceProvider.GetRequiredService<Payments.DebitBatches>();
            var folder = parse.GetValue(output) ?? scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<Payments.BankFileOptions>>().Value.OutboxDirectory;
            // EF Core builds its model of the database once per process (the server at start-up): not part of the batch's time.
            _ = scope.ServiceProvider.GetRequiredService<FacturoDbContext>().Model;
            var started = TimeProvider.System.GetTimestamp();
            var outcome = await batches.SendAsync(folder, new SynchronousProgress<string>(p => Console.WriteLine($"progress: {p}")), ct);
            var elapsed = TimeProvider.System.GetElapsedTime(started);
            if (!outcome.Succeeded)
            {
                Console.Error.WriteLine(outcome.Error!.Message(Language.En));
                return Refused;
            }
            var sent = outcome.Value!;
            foreach (var (batch, path) in sent)
            {
                Console.WriteLine($"{batch.Format} file {batch.FileCreationNumber:D4}: {batch.DebitCount} debits, {batch.TotalCents / 100m:0.00} {batch.CurrencyCode} -> {path}");
            }
            if (sent.Count == 0)
            {
                Console.WriteLine("No submitted debits to send.");
            }
            Console.WriteLine(TookLine(elapsed));
            var settled = await scope.ServiceProvider.GetRequiredService<Payments.PaymentSettlement>().SettleDueAsync(ct);
            Console.WriteLine($"{settled} debits past their return window settled.");
            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command ImportReturns()
    {
        var files = new Argument<FileInfo[]>("files") { Description = "The bank's return files: CPA-005 returned debits (J records) or NACHA returns (addenda 99).", Arity = ArgumentArity.OneOrMore };
        var command = new Command("import-returns", "Import bank return files, in the order given: each returned debit is reversed in the ledger, its payer emailed and put in the failed-payment queue. Each file is imported whole or not at all, on its own; a malformed file imports nothing; the same file twice is refused.") { files };
        command.SetAction((parse, cancellationToken) => WithServicesAsync(parse, async (scope, ct) =>
        {
            // EF Core builds its model of the database once per process (the back office at start-up): not part of the import's time.
            _ = scope.ServiceProvider.GetRequiredService<FacturoDbContext>().Model;
            var exitCode = 0;
            foreach (var path in parse.GetValue(files)!)
            {
                if (!path.Exists)
                {
                    Console.Error.WriteLine($"No file at {path.FullName}.");
                    exitCode = Refused;
                    continue;
                }
                // Each file in a scope of its own, as the server imports them: what one file tracked never leaks into the next.
                await using var fileScope = scope.ServiceProvider.CreateAsyncScope();
                var started = TimeProvider.System.GetTimestamp();
                var imported = await fileScope.ServiceProvider.GetRequiredService<Payments.PaymentReturns>()
                    .ImportAsync(path.Name, await File.ReadAllTextAsync(path.FullName, ct), ct);
                var elapsed = TimeProvider.System.GetElapsedTime(started);
                if (!imported.Succeeded)
                {
                    Console.Error.WriteLine($"{path.Name}: {imported.Error!.Message(Language.En)}");
                    exitCode = Refused;
                    continue;
                }
                Console.WriteLine($"{imported.Value!.Items} returned debits imported from {path.Name}.");
                Console.WriteLine(TookLine(elapsed));
            }
            return exitCode;
        }, cancellationToken));
        return command;
    }

    private static Command ImportRemittances()
    {
        var file = new Argument<FileInfo>("file") { Description = "The bank's ISO 20022 camt.054 credit notification (XML)." };
        var command = new Command("import-remittances", "Import the EFTs, wires and cheques a bank reports in a camt.054 file: each credit is applied to the invoices its reference names; the rest stays unapplied cash. A malformed file imports nothing; credits already recorded are skipped.") { file };
        command.SetAction((parse, cancellationToken) => WithServicesAsync(parse, async (scope, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                Console.Error.WriteLine($"No file at {path.FullName}.");
                return Refused;
            }
            var imported = await scope.ServiceProvider.GetRequiredService<Payments.Receipts>()
                .ImportAsync(path.Name, await File.ReadAllTextAsync(path.FullName, ct), ct);
            if (!imported.Succeeded)
            {
                Console.Error.WriteLine(imported.Error!.Message(Language.En));
                return Refused;
            }
            foreach (var receipt in imported.Value!.Receipts)
            {
                Console.WriteLine(ReceiptLine(receipt));
            }
            Console.WriteLine($"{imported.Value.Receipts.Count} payments received recorded from {path.Name}; {imported.Value.AlreadyRecorded} were already recorded.");
            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command RecordPayment()
    {
        var method = new Option<Payments.ReceiptMethod>("--method") { Description = "Eft, Wire, Cheque or Cash.", Required = true };
        var amount = new Option<string>("--amount") { Description = "The amount received, in dollars and cents (for example 113.00 or 1,234.56).", Required = true };
        var currency = new Option<string>("--currency") { Description = "CAD or USD.", DefaultValueFactory = _ => "CAD" };
        var received = new Option<DateOnly>("--received") { Description = "The day the money was received, YYYY-MM-DD.", Required = true };
        var reference = new Option<string>("--reference") { Description = "What the payer wrote: invoice numbers (F000000123), customer number.", DefaultValueFactory = _ => "" };
        var bankReference = new Option<string>("--bank-reference") { Description = "The bank's reference, or the cheque number: the same money is never recorded twice.", Required = true };
        var customer = new Option<string?>("--customer") { Description = "The customer number, when known." };
        var payer = new Option<string?>("--payer") { Description = "The payer's name as on the cheque or wire." };
        var command = new Command("record-payment", "Record an EFT, wire or cheque received: applied to the invoices its reference names, the rest kept as unapplied cash.")
            { method, amount, currency, received, reference, bankReference, customer, payer };
        command.SetAction((parse, cancellationToken) => WithServicesAsync(parse, async (scope, ct) =>
        {
            var currencyCode = parse.GetValue(currency)!.ToUpperInvariant();
            // Read as the portal reads English amounts; an unknown currency is left for Receipts to refuse in its own words.
            var typed = TypedAmounts.Read(parse.GetValue(amount), currencyCode == "USD" ? Currency.Usd : Currency.Cad, Language.En);
            if (!typed.Succeeded)
            {
                Console.Error.WriteLine(typed.Error!.Message(Language.En));
                return CommandLineError;
            }
            var entry = new Payments.ReceiptEntry(parse.GetValue(method), typed.Value.Cents, currencyCode, parse.GetValue(received),
                parse.GetValue(reference)!, parse.GetValue(bankReference)!, parse.GetValue(payer), parse.GetValue(customer));
            var recorded = await scope.ServiceProvider.GetRequiredService<Payments.Receipts>().RecordAsync(entry, $"command line ({Environment.UserName})", ct);
            if (!recorded.Succeeded)
            {
                Console.Error.WriteLine(recorded.Error!.Message(Language.En));
                return Refused;
            }
            Console.WriteLine(ReceiptLine(recorded.Value!));
            return 0;
        }, cancellationToken));
        return command;
    }

    private static string ReceiptLine(Payments.Receipt receipt)
    {
        var applied = receipt.Allocations.Count == 0 ? "applied to no invoice"
            : "applied to " + string.Join(", ", receipt.Allocations.Select(a => $"{Billing.Invoice.FormatNumber(a.InvoiceId)} ({a.AmountCents / 100m:0.00})"));
        return $"{receipt.Reference}: {receipt.Method} {receipt.AmountCents / 100m:0.00} {receipt.CurrencyCode}, {applied}; unapplied {receipt.UnappliedCents / 100m:0.00}.";
    }

    /// <summary>Runs a command's work once its settings are right (in Production, see <see cref="ProductionReadiness"/>): nothing is touched before.</summary>
    private static async Task<int> WithServicesAsync(ParseResult parse, Func<AsyncServiceScope, CancellationToken, Task<int>> work, CancellationToken cancellationToken,
        NeededSettings needed = NeededSettings.Database)
    {
        // A command reports a database it cannot reach, or a failed statement, itself: EF Core's own log lines would repeat it with noise.
        await using var app = FacturoWeb.Build(["--Logging:LogLevel:Microsoft.EntityFrameworkCore.Database=None", .. HostArgs(parse)]);
        if (app.Services.GetRequiredService<ProductionReadiness>().SettingsRefusal(needed) is { } refusal)
        {
            Console.Error.WriteLine(refusal);
            return Refused;
        }
        return await WithDatabaseAsync(app.Services, work, cancellationToken);
    }

    private static async Task<int> WithDatabaseAsync(IServiceProvider services, Func<AsyncServiceScope, CancellationToken, Task<int>> work, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        try
        {
            return await work(scope, cancellationToken);
        }
        catch (Exception exception) when (exception.GetBaseException() is Npgsql.PostgresException { SqlState: "3D000" } missing)
        {
            Console.Error.WriteLine($"The database could not be reached: {missing.MessageText}. Create it first (see \"PostgreSQL\" in docs/operator-guide.md), or correct Database:ConnectionString.");
            return DatabaseUnavailable;
        }
        catch (Npgsql.PostgresException denied) when (denied.SqlState == "42501")
        {
            Console.Error.WriteLine($"The database refused: {denied.MessageText}. Schema changes are the owner's: run `facturo migrate` with the owner's connection string, " +
                "then docs/postgres-runtime-role.sql (see \"PostgreSQL\" in docs/operator-guide.md).");
            return Refused;
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

    private static string TookLine(TimeSpan elapsed) =>
        $"Took {elapsed.TotalSeconds:0.0} s, peak memory {System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64 / 1_048_576} MB.";

    /// <summary>Turns the settings given on the command line and the global options (which win) into configuration overrides for the host.</summary>
    private static string[] HostArgs(ParseResult parse)
    {
        var args = new List<string>(HostSettingArguments.Sort(parse.UnmatchedTokens).Settings);
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
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
