using System.CommandLine;
using Facturo.Accounts;
using Facturo.Data;
using Facturo.Platform;
using Facturo.Staff;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Cli;

public static partial class FacturoCli
{
    private static Command ImportAccounts()
    {
        var file = new Argument<FileInfo>("file") { Description = "The CSV export of the old system's customer accounts (columns in docs/customer-import.md)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check the file and say what importing it would do: every problem with its line and column. Nothing is changed." };
        var staff = new Option<string?>("--staff")
        {
            Description = "The email of the customer-relations member or administrator importing, whom the audit log names. Required to import, not for --dry-run.",
        };
        var language = new Option<string>("--language") { Description = "fr or en: the language of the report (default en).", DefaultValueFactory = _ => "en" };
        var command = new Command("import-accounts",
            "Import customer accounts from a CSV file, all or nothing, matched by customer number: the same file twice changes nothing the second time. " +
            "Exit code 0 when the file is clean (and, without --dry-run, imported), 1 when it has problems (all listed) or is refused, 2 for a wrong command line.")
        { file, dryRun, staff, language };
        command.SetAction((parse, cancellationToken) => WithServicesAsync(parse, async (scope, ct) =>
        {
            var path = parse.GetValue(file)!;
            var reader = AccountChoices.TryParseLanguage(parse.GetValue(language), out var chosen) ? chosen : Language.En;
            string T(string fr, string en) => reader == Language.Fr ? fr : en;
            if (!path.Exists)
            {
                Console.Error.WriteLine(T($"Aucun fichier à {path.FullName}.", $"No file at {path.FullName}."));
                return CommandLineError;
            }
            if (path.Length > Accounts.ImportAccounts.MaxFileBytes)
            {
                Console.Error.WriteLine(UserMessages.Format("import.too-large", reader, Accounts.ImportAccounts.MaxFileBytes / 1_048_576));
                return Refused;
            }
            var content = await File.ReadAllBytesAsync(path.FullName, ct);
            var import = scope.ServiceProvider.GetRequiredService<Accounts.ImportAccounts>();
            var started = TimeProvider.System.GetTimestamp();
            if (parse.GetValue(dryRun))
            {
                var checkedFile = await import.CheckAsync(content, ct);
                return Report(checkedFile, dryRun: true, reader, TimeProvider.System.GetElapsedTime(started));
            }
            var db = scope.ServiceProvider.GetRequiredService<FacturoDbContext>();
            var email = parse.GetValue(staff)?.Trim() ?? "";
            var member = await db.StaffMembers.AsNoTracking().SingleOrDefaultAsync(m => m.Email == email && m.DisabledAt == null
                && (m.Role == StaffRole.CustomerRelations || m.Role == StaffRole.Administrator), ct);
            if (member is null)
            {
                Console.Error.WriteLine(T("Indiquez avec --staff le courriel d'un membre actif des relations avec la clientèle ou d'un administrateur : le journal d'audit le nomme.",
                    "Give with --staff the email of an active customer-relations member or administrator: the audit log names them."));
                return CommandLineError;
            }
            var imported = await import.ImportAsync(content, new ImportActor(member.Id, member.Email, "command line"), null, ct);
            // The import only says that the file has problems: a check lists them, each with its line and column.
            var report = imported.Error?.Code == "import.has-errors" ? await import.CheckAsync(content, ct) : imported;
            return Report(report, dryRun: false, reader, TimeProvider.System.GetElapsedTime(started));
        }, cancellationToken));
        return command;
    }

    private static int Report(Outcome<ImportPlan> outcome, bool dryRun, Language reader, TimeSpan elapsed)
    {
        string T(string fr, string en) => reader == Language.Fr ? fr : en;
        if (!outcome.Succeeded)
        {
            Console.Error.WriteLine(outcome.Error!.Message(reader));
            return Refused;
        }
        var plan = outcome.Value!;
        foreach (var problem in plan.Problems)
        {
            Console.Error.WriteLine(T($"Ligne {problem.Line}, colonne {problem.Column} : {problem.Error.Message(reader)}", $"Line {problem.Line}, column {problem.Column}: {problem.Error.Message(reader)}"));
        }
        foreach (var update in plan.Changes.Where(c => c.Action == ImportAction.Update))
        {
            Console.WriteLine(T($"Ligne {update.Line} : le compte {update.CustomerNumber} change ({string.Join(", ", update.Columns)}).",
                $"Line {update.Line}: account {update.CustomerNumber} changes ({string.Join(", ", update.Columns)})."));
        }
        var counts = T($"{plan.Accounts} compte(s) dans le fichier : {plan.Creates} créé(s), {plan.Updates} modifié(s), {plan.Unchanged} inchangé(s)",
            $"{plan.Accounts} account(s) in the file: {plan.Creates} created, {plan.Updates} updated, {plan.Unchanged} unchanged");
        Console.WriteLine(plan.Problems.Count > 0 ? T($"{plan.Problems.Count} erreur(s) : rien n'a été importé.", $"{plan.Problems.Count} error(s): nothing was imported.")
            : dryRun ? T($"Essai : {counts} à l'import. Rien n'a été changé.", $"Dry run: {counts} on import. Nothing was changed.")
            : plan.Changes.Count == 0 ? T($"Rien à importer : {counts}. Rien n'a changé.", $"Nothing to import: {counts}. Nothing changed.")
            : T($"Importé : {counts}.", $"Imported: {counts}."));
        Console.WriteLine(TookLine(elapsed));
        return plan.Problems.Count > 0 ? Refused : 0;
    }
}
