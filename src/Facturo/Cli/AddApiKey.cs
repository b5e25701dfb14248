using Facturo.Api;
using System.CommandLine;
using System.Security.Cryptography;
using Facturo.Data;
using Facturo.Platform;

namespace Facturo.Cli;

public static partial class FacturoCli
{
    /// <summary>Without it a biller's integrations could place no order: the only key was the demo's, and it is retired before Production.</summary>
    private static Command AddApiKey()
    {
        var name = new Option<string>("--name") { Description = "What the key is for (for example \"Shipping tool\"), 100 characters at most.", Required = true };
        name.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (string.IsNullOrWhiteSpace(value) || value.Trim().Length > 100)
            {
                result.AddError("--name must say what the key is for, in 100 characters at most.");
            }
        });
        var command = new Command("add-api-key", "Create a REST API key for an integration and print it once: only its hash is stored, so keep it now.") { name };
        command.SetAction((parse, cancellationToken) => WithServicesAsync(parse, async (scope, ct) =>
        {
            var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            var db = scope.ServiceProvider.GetRequiredService<FacturoDbContext>();
            db.Add(new ApiKey { Name = parse.GetValue(name)!.Trim(), KeyHash = ApiKey.Hash(key), CreatedAt = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow() });
            await db.SaveChangesAsync(ct);
            Console.WriteLine($"API key: {key}");
            return 0;
        }, cancellationToken));
        return command;
    }
}
