using Facturo.DemoData;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace Facturo.Platform;

/// <summary>Thrown while a host starts with something unsafe to serve with; the message says what to change.</summary>
public sealed class StartRefusedException(string message) : Exception(message);

/// <summary>
/// Before anything else starts (the key ring, the jobs, the web server), a production host checks it is not about to
/// serve with what suits only a developer's machine: a key ring written to disk in clear, or the demo data's
/// published API key and passwords. It refuses to start and lists every such thing with how to fix it.
/// </summary>
public sealed class ProductionReadiness(IHostEnvironment environment, IOptions<KeyManagementOptions> keyRing, IServiceScopeFactory scopes) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        if (await RefusalAsync(cancellationToken) is { } refusal)
        {
            throw new StartRefusedException(refusal);
        }
    }

    /// <summary>Why this host must not start, for the operator; null when it may (always outside Production).</summary>
    public async Task<string?> RefusalAsync(CancellationToken cancellationToken)
    {
        if (!environment.IsProduction())
        {
            return null;
        }
        var problems = new List<string>();
        if (keyRing.Value.XmlEncryptor is null)
        {
            var folder = keyRing.Value.XmlRepository is FileSystemXmlRepository files ? files.Directory.FullName : "its folder";
            problems.Add($"The Data Protection key ring (sessions, emailed links, bank account numbers) would be written unencrypted to {folder}. " +
                $"Set {KeyRing.Section}:CertificatePath to a PFX certificate with its private key, and {KeyRing.Section}:CertificatePassword.");
        }
        await using var scope = scopes.CreateAsyncScope();
        var demoSecrets = await scope.ServiceProvider.GetRequiredService<DemoSecrets>().StillAcceptedAsync(cancellationToken);
        if (demoSecrets.Count > 0)
        {
            problems.Add($"This database holds the demo data, whose secrets are published: {string.Join("; ", demoSecrets)}. " +
                "Serve an empty database of your own (create it, then `facturo migrate`), or, to keep this one, run `facturo retire-demo-secrets` " +
                "(it revokes the key, disables the account and locks the portal user; the demo's customers and invoices stay).");
        }
        return problems.Count == 0 ? null
            : $"Facturo will not start in Production:{Environment.NewLine}- {string.Join(Environment.NewLine + "- ", problems)}" +
              $"{Environment.NewLine}See \"Production security settings\" in docs/operator-guide.md.";
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
