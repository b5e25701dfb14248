using System.CommandLine;
using Facturo.Accounts;

namespace Facturo.Cli;

public static partial class FacturoCli
{
    private static Command DisableStaff()
    {
        var email = new Option<string>("--email") { Description = "The staff member's email.", Required = true };
        var command = new Command("disable-staff", "Refuse a back-office account at sign-in from now on and end its open sessions at once (someone leaving, a lost device). enable-staff undoes it.") { email };
        command.SetAction((parse, cancellationToken) => WithServicesAsync(parse, async (scope, ct) =>
        {
            var disabled = await scope.ServiceProvider.GetRequiredService<Staff.StaffSignIn>().DisableAsync(parse.GetValue(email)!, ct);
            if (!disabled.Succeeded)
            {
                Console.Error.WriteLine(disabled.Error!.Message(Language.En));
                return Refused;
            }
            Console.WriteLine($"Staff member {disabled.Value!.Email} is disabled; their sessions are ended.");
            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command EnableStaff()
    {
        var email = new Option<string>("--email") { Description = "The disabled staff member's email.", Required = true };
        var command = new Command("enable-staff", "Let a disabled back-office account sign in again, with its password and authenticator as they were.") { email };
        command.SetAction((parse, cancellationToken) => WithServicesAsync(parse, async (scope, ct) =>
        {
            var enabled = await scope.ServiceProvider.GetRequiredService<Staff.StaffSignIn>().EnableAsync(parse.GetValue(email)!, ct);
            if (!enabled.Succeeded)
            {
                Console.Error.WriteLine(enabled.Error!.Message(Language.En));
                return Refused;
            }
            Console.WriteLine($"Staff member {enabled.Value!.Email} may sign in again.");
            return 0;
        }, cancellationToken));
        return command;
    }
}
