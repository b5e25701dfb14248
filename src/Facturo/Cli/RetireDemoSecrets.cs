using System.CommandLine;
using Facturo.DemoData;

namespace Facturo.Cli;

public static partial class FacturoCli
{
    private static Command RetireDemoSecrets()
    {
        var command = new Command("retire-demo-secrets", "Revoke the demo API key, disable the demo back-office account and lock the demo portal user " +
            "(their secrets are published), so a database first loaded with demo data may be served in Production. The demo's customers and invoices stay. Safe to run again.");
        command.SetAction((parse, cancellationToken) => WithServicesAsync(parse, async (scope, ct) =>
        {
            var retired = await scope.ServiceProvider.GetRequiredService<DemoSecrets>().RetireAsync(ct);
            foreach (var line in retired)
            {
                Console.WriteLine(line);
            }
            if (retired.Count == 0)
            {
                Console.WriteLine("No demo secret left to retire.");
            }
            return 0;
        }, cancellationToken));
        return command;
    }
}
