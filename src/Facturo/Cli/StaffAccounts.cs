using System.CommandLine;
using Facturo.Accounts;
using Facturo.Platform;
using Facturo.Staff;

namespace Facturo.Cli;

/// <summary>
/// Staff accounts on the server, for the first administrator and for the day nobody can sign in to /admin. Day to day,
/// administrators do all of this at /admin/staff. Every change is audited as the command line.
/// </summary>
public static partial class FacturoCli
{
    private static Command AddStaff()
    {
        var email = new Option<string>("--email") { Description = "The staff member's email: their sign-in name.", Required = true };
        var name = new Option<string>("--name") { Description = "Their full name, as the audit log shows it.", Required = true };
        var role = new Option<StaffRole>("--role") { Description = "CustomerRelations, BillingOperator, Sales or Administrator.", Required = true };
        var (fromStdin, argument) = PasswordOptions();
        var command = new Command("add-staff", "Create a back-office account with a password typed at a prompt that does not show it, or read from standard input " +
            "with --password-stdin (never given as an argument). Two-step verification is set up at the first sign-in at /admin. " +
            "Administrators add staff at /admin/staff instead, where the person chooses their own password from an emailed link.") { email, name, role, fromStdin, argument };
        command.SetAction((parse, cancellationToken) => WithServicesAsync(parse, async (scope, ct) =>
        {
            var password = ReadPassword(parse, fromStdin, argument, parse.GetValue(email));
            if (!password.Succeeded)
            {
                return RefuseWith(password.Error!);
            }
            var created = await scope.ServiceProvider.GetRequiredService<AddStaffMember>()
                .AddFromCommandLineAsync(new NewStaffMember(parse.GetValue(email)!, parse.GetValue(name)!, parse.GetValue(role)), password.Value!, ct);
            if (!created.Succeeded)
            {
                return RefuseWith(created.Error!);
            }
            Console.WriteLine($"Staff member {created.Value!.Email} ({created.Value.Role}) created; they sign in at /admin and set up their authenticator app.");
            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command SetStaffPassword()
    {
        var email = new Option<string>("--email") { Description = "The staff member's email.", Required = true };
        var (fromStdin, argument) = PasswordOptions();
        var command = new Command("set-staff-password", "Give an active back-office account a new password, typed at a prompt or read from standard input with --password-stdin; " +
            "it ends a lockout and the person's sessions. The authenticator stays as it is. In the back office, an administrator sends a password link instead.") { email, fromStdin, argument };
        command.SetAction((parse, cancellationToken) => WithServicesAsync(parse, async (scope, ct) =>
        {
            var password = ReadPassword(parse, fromStdin, argument, parse.GetValue(email));
            if (!password.Succeeded)
            {
                return RefuseWith(password.Error!);
            }
            var changed = await scope.ServiceProvider.GetRequiredService<ChangeStaffAccess>().SetPasswordFromCommandLineAsync(parse.GetValue(email)!, password.Value!, ct);
            if (!changed.Succeeded)
            {
                return RefuseWith(changed.Error!);
            }
            Console.WriteLine($"Staff member {changed.Value!.Email} has a new password; their sessions are ended.");
            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command DisableStaff() => StaffChange("disable-staff",
        "Refuse a back-office account at sign-in from now on and end its open sessions at once (someone leaving). enable-staff undoes it. The last active administrator cannot be disabled.",
        "staff.unknown", (change, id, ct) => change.DisableAsync(id, StaffActor.CommandLine, ct),
        staff => $"Staff member {staff.Email} is disabled; their sessions are ended.");

    private static Command EnableStaff() => StaffChange("enable-staff",
        "Let a disabled back-office account sign in again, with its password and authenticator as they were.",
        "staff.not-disabled", (change, id, ct) => change.EnableAsync(id, StaffActor.CommandLine, ct),
        staff => $"Staff member {staff.Email} may sign in again.");

    private static Command ResetStaffTwoStep() => StaffChange("reset-staff-two-step",
        "For someone who lost their authenticator (phone, key ring), when no administrator can do it at /admin/staff: forget their key and end their sessions; " +
        "they add a new key at their next sign-in, and are emailed.",
        "staff.unknown", (change, id, ct) => change.ResetTwoStepAsync(id, StaffActor.CommandLine, ct),
        staff => $"Two-step verification of {staff.Email} is reset; they set up a new authenticator at their next sign-in.");

    /// <param name="unknown">The refusal, naming the address, when no staff member uses it.</param>
    private static Command StaffChange(string name, string description, string unknown, Func<ChangeStaffAccess, long, CancellationToken, Task<Outcome<StaffMember>>> change, Func<StaffMember, string> done)
    {
        var email = new Option<string>("--email") { Description = "The staff member's email.", Required = true };
        var command = new Command(name, description) { email };
        command.SetAction((parse, cancellationToken) => WithServicesAsync(parse, async (scope, ct) =>
        {
            var changes = scope.ServiceProvider.GetRequiredService<ChangeStaffAccess>();
            var changed = await changes.IdOfAsync(parse.GetValue(email)!, ct) is { } id
                ? await change(changes, id, ct)
                : UserError.NotFound(unknown, parse.GetValue(email)!.Trim().ToLowerInvariant());
            if (!changed.Succeeded)
            {
                return RefuseWith(changed.Error!);
            }
            Console.WriteLine(done(changed.Value!));
            return 0;
        }, cancellationToken));
        return command;
    }

    /// <summary>
    /// --password-stdin, and a hidden --password kept only to refuse it with the reason: an argument shows in the process list
    /// and the shell's history.
    /// </summary>
    private static (Option<bool> FromStdin, Option<string> Argument) PasswordOptions() =>
        (new Option<bool>("--password-stdin") { Description = "Read the password from the first line of standard input (for scripts) instead of a prompt." },
         new Option<string>("--password") { Description = "Refused: a password is never given as an argument.", Hidden = true });

    private static Outcome<string> ReadPassword(ParseResult parse, Option<bool> fromStdin, Option<string> argument, string? whose)
    {
        if (parse.GetValue(argument) is not null)
        {
            return UserError.Validation("staff.password-argument");
        }
        var password = parse.GetValue(fromStdin) ? Console.In.ReadLine() : Console.IsInputRedirected ? null : PasswordPrompt.TypedTwice(whose);
        return string.IsNullOrEmpty(password) ? UserError.Validation("staff.password-missing") : password;
    }

    private static int RefuseWith(UserError error)
    {
        Console.Error.WriteLine(error.Message(Language.En));
        return Refused;
    }
}
