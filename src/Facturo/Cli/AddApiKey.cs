using Facturo.Api;
using System.CommandLine;
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
        var scopes = new Option<string[]>("--scope")
        {
            Description = $"A scope the key has ({string.Join(", ", ApiScopes.All.Order().Select(s => s.ToCode()))}); repeat it for several. Without it: every scope.",
            AllowMultipleArgumentsPerToken = false,
        };
        scopes.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string[]>()?.FirstOrDefault(s => ApiScopes.Parse(s) is null) is { } unknown)
            {
                result.AddError($"--scope \"{unknown}\" is not a scope: use {string.Join(", ", ApiScopes.All.Order().Select(s => s.ToCode()))}.");
            }
        });
        var accounts = new Option<string[]>("--account") { Description = "A customer number the key is limited to; repeat it for several. Without it: every account." };
        var command = new Command("add-api-key", "Create a REST API key for an integration and print it once: only its hash is stored, so keep it now.") { name, scopes, accounts };
        command.SetAction((parse, cancellationToken) => WithServicesAsync(parse, async (scope, ct) =>
        {
            var chosen = parse.GetValue(scopes) is { Length: > 0 } codes ? codes.Select(c => ApiScopes.Parse(c)!.Value).ToList() : [.. ApiScopes.All];
            var issued = await scope.ServiceProvider.GetRequiredService<IssueApiKey>()
                .IssueFromCommandLineAsync(new NewApiKey(parse.GetValue(name), chosen, parse.GetValue(accounts) ?? []), ct);
            if (!issued.Succeeded)
            {
                await Console.Error.WriteLineAsync(issued.Error!.Message(Accounts.Language.En));
                return CommandLineError;
            }
            Console.WriteLine($"API key: {issued.Value!.Secret}");
            return 0;
        }, cancellationToken));
        return command;
    }
}
