using Facturo.Data;
using Facturo.DemoData;
using Facturo.Emails;
using MimeKit;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace Facturo.Platform;

/// <summary>Thrown while a host starts with something unsafe to serve with; the message says what to change.</summary>
public sealed class StartRefusedException(string message) : Exception(message);

/// <summary>What a command needs set before it runs in Production.</summary>
[Flags]
public enum NeededSettings
{
    /// <summary>The data directory and the database: every command.</summary>
    Database = 1,
    /// <summary>The SMTP server, the sender and the portal's public address: whatever sends emails or writes links into them.</summary>
    Email = 2,
    /// <summary>The key ring's certificate: the web host.</summary>
    KeyRing = 4,
    Serving = Database | Email | KeyRing,
}

/// <summary>
/// Before anything else starts (the key ring, the jobs, the web server), a production host checks it is not about to
/// run with what suits only a developer's machine: settings missing or left at their development values, a key ring
/// written to disk in clear, or the demo data's published API key and passwords. It refuses and lists every such thing
/// with how to fix it; the database is only looked at once its own settings are right, and never created.
/// </summary>
public sealed class ProductionReadiness(IHostEnvironment environment, IConfiguration configuration, IOptions<KeyManagementOptions> keyRing, IServiceScopeFactory scopes)
    : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        if (await RefusalAsync(cancellationToken) is { } refusal)
        {
            throw new StartRefusedException(refusal);
        }
    }

    /// <summary>Why the web host must not start, for the operator; null when it may (always outside Production).</summary>
    public async Task<string?> RefusalAsync(CancellationToken cancellationToken)
    {
        if (!environment.IsProduction())
        {
            return null;
        }
        var problems = SettingsProblems(NeededSettings.Serving);
        if (StorageProblems().Count == 0)
        {
            problems.AddRange(await DemoSecretsProblemsAsync(cancellationToken));
        }
        return Refusal(problems);
    }

    /// <summary>Why a command needing these settings must not run, before it touches anything; null when it may (always outside Production).</summary>
    public string? SettingsRefusal(NeededSettings needed) => environment.IsProduction() ? Refusal(SettingsProblems(needed)) : null;

    /// <summary>Looked for only in a database that exists: checking must not create an empty SQLite file.</summary>
    private async Task<IEnumerable<string>> DemoSecretsProblemsAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<FacturoDbContext>().Database;
        if (!await database.GetService<IRelationalDatabaseCreator>().ExistsAsync(cancellationToken))
        {
            return [];
        }
        var demoSecrets = await scope.ServiceProvider.GetRequiredService<DemoSecrets>().StillAcceptedAsync(cancellationToken);
        return demoSecrets.Count == 0 ? []
            : [$"This database holds the demo data, whose secrets are published: {string.Join("; ", demoSecrets)}. " +
               "Serve an empty database of your own (create it, then `facturo migrate`), or, to keep this one, run `facturo retire-demo-secrets` " +
               "(it revokes the key, disables the account and locks the portal user; the demo's customers and invoices stay)."];
    }

    /// <summary>The data directory and the database: what every command needs.</summary>
    private List<string> StorageProblems()
    {
        var problems = new List<string>();
        if (DataDirectory.ProductionProblem(configuration) is { } dataDirectory)
        {
            problems.Add(dataDirectory);
        }
        problems.AddRange(DatabaseProblems());
        return problems;
    }

    private List<string> SettingsProblems(NeededSettings needed)
    {
        var problems = StorageProblems();
        if (needed.HasFlag(NeededSettings.Email))
        {
            problems.AddRange(EmailProblems());
        }
        if (needed.HasFlag(NeededSettings.KeyRing) && keyRing.Value.XmlEncryptor is null)
        {
            var folder = keyRing.Value.XmlRepository is FileSystemXmlRepository files ? files.Directory.FullName : "its folder";
            problems.Add($"The Data Protection key ring (sessions, emailed links, bank account numbers) would be written unencrypted to {folder}. " +
                $"Set {KeyRing.Section}:CertificatePath to a PFX certificate with its private key, and {KeyRing.Section}:CertificatePassword.");
        }
        return problems;
    }

    private IEnumerable<string> DatabaseProblems()
    {
        var provider = configuration[$"{DatabaseOptions.Section}:Provider"];
        if (string.IsNullOrWhiteSpace(provider) || !Enum.TryParse<DatabaseProvider>(provider, ignoreCase: true, out _))
        {
            yield return $"{DatabaseOptions.Section}:Provider is {(string.IsNullOrWhiteSpace(provider) ? "not set" : $"\"{provider}\"")}: Postgres, or Sqlite for a small biller.";
        }
        if (string.IsNullOrWhiteSpace(configuration[$"{DatabaseOptions.Section}:ConnectionString"]))
        {
            yield return $"{DatabaseOptions.Section}:ConnectionString is not set (for PostgreSQL: Host=db.example;Database=facturo;Username=facturo_app;Password=…). " +
                "Nothing is created in the meantime.";
        }
    }

    private IEnumerable<string> EmailProblems()
    {
        if (string.IsNullOrWhiteSpace(configuration[$"{EmailOptions.Section}:SmtpHost"]))
        {
            yield return $"{EmailOptions.Section}:SmtpHost is not set: the SMTP server every email goes through (with SmtpPort, SmtpUser, SmtpPassword).";
        }
        var from = configuration[$"{EmailOptions.Section}:From"];
        if (string.IsNullOrWhiteSpace(from) || !MailboxAddress.TryParse(from, out var sender) || !sender.Address.Contains('@', StringComparison.Ordinal))
        {
            yield return $"{EmailOptions.Section}:From is {(string.IsNullOrWhiteSpace(from) ? "not set" : $"\"{from}\", not an email address")}: the sender of every email, an address of your domain (Facturation <facturation@biller.ca>).";
        }
        else if (sender.Domain.EndsWith(".example", StringComparison.OrdinalIgnoreCase))
        {
            yield return $"{EmailOptions.Section}:From ({sender.Address}) is an example address no one can answer: use one of your domain.";
        }
        var baseUrl = configuration[$"{EmailOptions.Section}:PublicBaseUrl"];
        if (string.IsNullOrWhiteSpace(baseUrl) || !Uri.TryCreate(baseUrl, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttps || url.IsLoopback)
        {
            yield return $"{EmailOptions.Section}:PublicBaseUrl is {(string.IsNullOrWhiteSpace(baseUrl) ? "not set" : $"{baseUrl}")}: the portal's https:// address as customers reach it, for the links in emails (https://portal.biller.ca).";
        }
    }

    private static string? Refusal(List<string> problems) => problems.Count == 0 ? null
        : $"Facturo will not start in Production:{Environment.NewLine}- {string.Join(Environment.NewLine + "- ", problems)}" +
          $"{Environment.NewLine}See \"Configuration\" in docs/operator-guide.md.";

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
