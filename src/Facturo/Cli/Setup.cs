using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Facturo.Accounts;
using Facturo.Data;
using Facturo.Platform;
using Facturo.Staff;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Cli;

public static partial class FacturoCli
{
    private static Command Setup()
    {
        var file = new Option<FileInfo?>("--file")
        {
            Description = "A JSON settings file, for an automated install: {\"biller\": {…}, \"administrator\": {\"email\": …, \"name\": …}} (see docs/operator-guide.md). " +
                "Without it, each value is asked for on the terminal. The administrator's password is always read from standard input or typed at a prompt, never given as an argument.",
        };
        var command = new Command("setup", "First install: apply migrations, then create the biller's settings and the first administrator on a database that has neither. " +
            "Refused once Facturo is set up: change the biller's details at /admin/settings, add staff at /admin/staff.") { file };
        command.SetAction((parse, cancellationToken) => WithServicesAsync(parse, async (scope, ct) =>
        {
            await Migrator.MigrateAsync(scope.ServiceProvider.GetRequiredService<FacturoDbContext>(), ct);
            var install = ActivatorUtilities.CreateInstance<FirstInstall>(scope.ServiceProvider);
            if (await install.AlreadySetUpAsync(ct) is { } refusal)
            {
                Console.Error.WriteLine(refusal.Message(Language.En));
                return Refused;
            }
            var path = parse.GetValue(file);
            var answers = path is null ? SetupPrompts.Ask() : SetupFile.Read(path);
            if (!answers.Succeeded)
            {
                Console.Error.WriteLine(answers.Error!.Message(Language.En));
                return Refused;
            }
            var (biller, administrator) = (answers.Value!.Biller, answers.Value.Administrator ?? new SetupAdministrator());
            CheckedBillerSettings? values = null;
            if (biller is not null && biller.Problems(Language.En, out values) is { Count: > 0 } problems)
            {
                Console.Error.WriteLine("The biller's settings have problems; nothing was created:");
                foreach (var problem in problems)
                {
                    Console.Error.WriteLine($"- {problem.Message(Language.En)}");
                }
                return Refused;
            }
            var password = SetupPrompts.Password(administrator.Email);
            if (string.IsNullOrEmpty(password))
            {
                Console.Error.WriteLine(UserMessages.Format("setup.password-missing", Language.En));
                return Refused;
            }
            var done = await install.SetUpAsync(values, administrator.Email ?? "", administrator.Name ?? "", password, ct);
            if (!done.Succeeded)
            {
                Console.Error.WriteLine(done.Error!.Message(Language.En));
                return Refused;
            }
            Console.WriteLine(values is null
                ? $"Facturo is set up without the biller's details. The first administrator, {done.Value!.Email}, signs in at /admin, sets up an authenticator app and fills in Settings (/admin/settings): nothing is billed before."
                : $"Facturo is set up for {values.Details.LegalNameFr}. The first administrator, {done.Value!.Email}, signs in at /admin and sets up an authenticator app; the rest of the biller's settings (bank identities) are at /admin/settings.");
            return 0;
        }, cancellationToken));
        return command;
    }
}

/// <summary>What `facturo setup` is told: the biller's details (optional: the administrator can enter them at /admin/settings) and the first administrator.</summary>
public sealed class SetupAnswers
{
    public BillerSettingsForm? Biller { get; set; }
    public SetupAdministrator? Administrator { get; set; }
}

public sealed class SetupAdministrator
{
    public string? Email { get; set; }
    public string? Name { get; set; }
}

/// <summary>A settings file for an automated install. A misspelt key is refused, never skipped: it would leave a setting silently unset.</summary>
internal static class SetupFile
{
    private static readonly JsonSerializerOptions Strict = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static Outcome<SetupAnswers> Read(FileInfo file)
    {
        try
        {
            return JsonSerializer.Deserialize<SetupAnswers>(File.ReadAllText(file.FullName), Strict) is { } answers
                ? answers
                : UserError.Validation("setup.file-unreadable", file.FullName, "empty");
        }
        catch (Exception unreadable) when (unreadable is JsonException or IOException or UnauthorizedAccessException)
        {
            return UserError.Validation("setup.file-unreadable", file.FullName, unreadable.Message);
        }
    }
}

/// <summary>The questions `facturo setup` asks on a terminal; a value with a problem is asked again, with the reason.</summary>
internal static class SetupPrompts
{
    private sealed record Question(string Label, string[] Codes, Action<SetupAnswers, string> Set);

    private static readonly Question[] Questions =
    [
        new("Legal name in French", ["settings.LegalNameFr"], (a, v) => a.Biller!.LegalNameFr = v),
        new("Legal name in English", ["settings.LegalNameEn"], (a, v) => a.Biller!.LegalNameEn = v),
        new("Street address", ["settings.AddressLine1"], (a, v) => a.Biller!.AddressLine1 = v),
        new("City", ["settings.City"], (a, v) => a.Biller!.City = v),
        new("Province or territory (ON, QC…)", ["settings.Province"], (a, v) => a.Biller!.Province = v),
        new("Postal code", ["settings.PostalCode"], (a, v) => a.Biller!.PostalCode = v),
        new("GST/HST number (123456782 RT0001)", ["settings.GstHstNumberFormat", "settings.GstHstNumberCheckDigit"], (a, v) => a.Biller!.GstHstNumber = v),
        new("QST number (empty if not registered)", ["settings.QstNumberFormat"], (a, v) => a.Biller!.QstNumber = v),
        new("Billing support phone", ["settings.SupportPhone"], (a, v) => a.Biller!.SupportPhone = v),
        new("Billing support email", ["settings.SupportEmail"], (a, v) => a.Biller!.SupportEmail = v),
        new("Time zone (IANA, Enter for America/Toronto)", ["settings.TimeZone"], (a, v) => a.Biller!.TimeZone = v.Length == 0 ? BillerSettings.DefaultTimeZone : v),
        new("First administrator's email", [], (a, v) => a.Administrator!.Email = v),
        new("First administrator's full name", [], (a, v) => a.Administrator!.Name = v),
    ];

    public static Outcome<SetupAnswers> Ask()
    {
        if (Console.IsInputRedirected)
        {
            return UserError.Validation("setup.no-terminal");
        }
        Console.WriteLine("First install. Default credit terms, paper fee and the bank identities are set afterwards at /admin/settings.");
        var answers = new SetupAnswers { Biller = new BillerSettingsForm(), Administrator = new SetupAdministrator() };
        var asking = Questions.ToList();
        while (asking.Count > 0)
        {
            foreach (var question in asking)
            {
                Console.Write($"{question.Label}: ");
                question.Set(answers, Console.ReadLine()?.Trim() ?? "");
            }
            var problems = answers.Biller!.Problems(Language.En, out _);
            asking = [.. Questions.Where(q => problems.Any(p => q.Codes.Contains(p.Code)))];
            foreach (var problem in problems.Where(p => asking.Any(q => q.Codes.Contains(p.Code))))
            {
                Console.WriteLine(problem.Message(Language.En));
            }
        }
        return answers;
    }

    /// <summary>The first line of standard input when it is a pipe or a file; otherwise typed twice at a prompt that does not show it.</summary>
    public static string? Password(string? administrator) => Console.IsInputRedirected ? Console.In.ReadLine() : PasswordPrompt.TypedTwice(administrator);
}

/// <summary>
/// Creates the biller's settings (when given) and the first administrator, together or not at all, on a database that has
/// neither; the audit log starts with it.
/// </summary>
public sealed class FirstInstall(FacturoDbContext db, StaffSignIn staff, BillerClock clock)
{
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task<UserError?> AlreadySetUpAsync(CancellationToken cancellationToken)
    {
        var found = new List<string>();
        if (await db.BillerSettings.AnyAsync(cancellationToken))
        {
            found.Add("the biller's settings exist");
        }
        if (await db.StaffMembers.AnyAsync(cancellationToken))
        {
            found.Add("staff accounts exist");
        }
        return found.Count == 0 ? null : UserError.Conflict("biller.already-set-up", string.Join(", ", found));
    }

    public async Task<Outcome<StaffMember>> SetUpAsync(CheckedBillerSettings? biller, string email, string fullName, string password, CancellationToken cancellationToken)
    {
        if (await AlreadySetUpAsync(cancellationToken) is { } refusal)
        {
            return refusal;
        }
        return await db.InTransactionAsync(async () =>
        {
            BillerSettings? settings = null;
            if (biller is not null)
            {
                settings = biller.WriteTo(new BillerSettings { LegalName = "", GstHstNumber = "", SupportPhone = "", SupportEmail = "" });
                db.BillerSettings.Add(settings);
                await db.SaveChangesAsync(cancellationToken);
            }
            var created = await staff.CreateAsync(email, fullName, StaffRole.Administrator, password, cancellationToken);
            if (!created.Succeeded)
            {
                return created;
            }
            db.StaffAuditEntries.Add(new StaffAuditEntry
            {
                At = clock.UtcNow,
                StaffId = created.Value!.Id,
                StaffEmail = created.Value.Email,
                Action = "biller.setup",
                Subject = "biller settings",
                After = JsonSerializer.Serialize(new
                {
                    By = $"facturo setup ({Environment.UserName})",
                    Administrator = created.Value.Email,
                    Biller = settings is null ? null : CheckedBillerSettings.Snapshot(settings),
                }, Readable),
                IpAddress = "command line",
            });
            await db.SaveChangesAsync(cancellationToken);
            return created;
        }, cancellationToken);
    }
}
