using System.Security.Cryptography;
using System.Text.Json;
using Facturo.Data;
using Facturo.Platform;
using Facturo.Staff;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Accounts;

public enum ImportAction { Create, Update }

/// <summary>What an import does to one account: creates it, or changes the named columns of the account with its number.</summary>
public sealed record ImportChange(int Line, string CustomerNumber, ImportAction Action, IReadOnlyList<string> Columns);

/// <summary>
/// A file checked against the accounts as they are: every problem (line, column, why), and what importing it would do.
/// <see cref="FileHash"/> names the exact file checked.
/// </summary>
public sealed record ImportPlan(string FileHash, int Accounts, IReadOnlyList<ImportProblem> Problems, IReadOnlyList<ImportChange> Changes)
{
    public int Creates => Changes.Count(c => c.Action == ImportAction.Create);
    public int Updates => Changes.Count(c => c.Action == ImportAction.Update);
    public int Unchanged => Accounts - Changes.Count;
}

/// <summary>Who imports, for the audit log: a staff member, on a page or at the command line.</summary>
public sealed record ImportActor(long StaffId, string StaffEmail, string IpAddress);

/// <summary>
/// Customer accounts in bulk from the export of the biller's old system (see docs/customer-import.md). A check reports
/// every problem of every line and changes nothing; an import checks again inside one transaction and writes everything
/// or nothing. Accounts are matched by customer number, so importing the same file twice changes nothing the second time,
/// and a line whose account exists with other details updates it. Every account created or changed is in the audit log.
/// </summary>
public sealed class ImportAccounts(FacturoDbContext db, BillerClock clock)
{
    public const int MaxFileBytes = 20 * 1024 * 1024;
    private const int LookupChunk = 2_000;
    private static readonly JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task<Outcome<ImportPlan>> CheckAsync(byte[] file, CancellationToken cancellationToken)
    {
        var prepared = await PrepareAsync(file, tracked: false, cancellationToken);
        return prepared.Succeeded ? prepared.Value!.Plan : prepared.Error!;
    }

    /// <param name="expectedChanges">What the check shown to the person said would change: when the accounts changed since, nothing is imported.</param>
    public async Task<Outcome<ImportPlan>> ImportAsync(byte[] file, ImportActor actor, int? expectedChanges, CancellationToken cancellationToken) =>
        await db.InTransactionAsync<ImportPlan>(async () =>
        {
            var prepared = await PrepareAsync(file, tracked: true, cancellationToken);
            if (!prepared.Succeeded)
            {
                return prepared.Error!;
            }
            var (plan, created, updated) = prepared.Value!;
            if (plan.Problems.Count > 0)
            {
                return UserError.Validation("import.has-errors", plan.Problems.Count);
            }
            if (expectedChanges is { } expected && expected != plan.Changes.Count)
            {
                return UserError.Conflict("import.changed-since-check", plan.Changes.Count, expected);
            }
            if (plan.Changes.Count == 0)
            {
                return plan;
            }
            await BulkInsert.InsertAsync(db, created, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            var now = clock.UtcNow;
            StaffAuditEntry Entry(string action, string subject, object? before, object? after) => new()
            {
                At = now, StaffId = actor.StaffId, StaffEmail = actor.StaffEmail, Action = action, Subject = subject, IpAddress = actor.IpAddress,
                Before = before is null ? null : JsonSerializer.Serialize(before, Readable), After = after is null ? null : JsonSerializer.Serialize(after, Readable),
            };
            var entries = new List<StaffAuditEntry>(created.Count + updated.Count + 1)
            {
                Entry("account.import", $"file {plan.FileHash[..16]}", null, new { plan.FileHash, plan.Accounts, plan.Creates, plan.Updates, plan.Unchanged }),
            };
            entries.AddRange(created.Select(a => Entry("account.open", CustomerRelations.Subject(a), null, a.Fields())));
            entries.AddRange(updated.Select(u => Entry("account.edit", CustomerRelations.Subject(u.Account), u.Before, u.After)));
            await BulkInsert.InsertAsync(db, entries, cancellationToken);
            return plan;
        }, cancellationToken);

    private sealed record Prepared(ImportPlan Plan, List<CustomerAccount> Created, List<(CustomerAccount Account, SortedDictionary<string, string> Before, SortedDictionary<string, string> After)> Updated);

    private async Task<Outcome<Prepared>> PrepareAsync(byte[] file, bool tracked, CancellationToken cancellationToken)
    {
        if (file.Length > MaxFileBytes)
        {
            return UserError.Validation("import.too-large", MaxFileBytes / 1_048_576);
        }
        var rules = await AccountRules.LoadAsync(db, cancellationToken);
        if (!rules.Succeeded)
        {
            return rules.Error!;
        }
        var hash = Convert.ToHexStringLower(SHA256.HashData(file));
        var csv = AccountsCsv.Read(file);
        var problems = csv.Problems.ToList();
        var existing = await ExistingAsync(csv.Lines, cancellationToken);
        var firstLineOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var checkedLines = new List<(int Line, AccountDetails Details)>();
        foreach (var (line, typed) in csv.Lines)
        {
            var form = CustomerNumber.TryParse(typed.CustomerNumber, out var number) && existing.TryGetValue(number.Value.Value, out var account)
                ? KeepLeftOutColumns(typed, account, csv) : typed;
            var errors = rules.Value!.Check(form, out var details);
            problems.AddRange(errors.Select(e => new ImportProblem(line, csv.ColumnOf(e.Field), e.Error)));
            if (details is null)
            {
                continue;
            }
            if (!firstLineOf.TryAdd(details.Number.Value, line))
            {
                problems.Add(new ImportProblem(line, csv.ColumnOf(AccountField.CustomerNumber), UserError.Validation("import.number-twice", details.Number.Value, firstLineOf[details.Number.Value])));
                continue;
            }
            checkedLines.Add((line, details));
        }
        var changingCurrency = checkedLines
            .Select(l => existing.GetValueOrDefault(l.Details.Number.Value) is { } account && account.CurrencyCode != l.Details.Currency.Code ? account.Id : (long?)null)
            .OfType<long>().ToList();
        var charged = await ChargedAsync(changingCurrency, cancellationToken);
        var changes = new List<ImportChange>();
        var created = new List<CustomerAccount>();
        var updated = new List<(CustomerAccount, SortedDictionary<string, string>, SortedDictionary<string, string>)>();
        foreach (var (line, details) in checkedLines)
        {
            if (!existing.TryGetValue(details.Number.Value, out var account))
            {
                var opened = new CustomerAccount
                {
                    CustomerNumber = details.Number.Value, LegalName = "", AddressLine1 = "", City = "", Region = "", PostalCode = "", BillingEmail = "",
                    Status = AccountStatus.Active, CreatedAt = clock.UtcNow,
                };
                opened.Apply(details);
                created.Add(opened);
                changes.Add(new ImportChange(line, details.Number.Value, ImportAction.Create, []));
                continue;
            }
            if (account.Program != details.Program)
            {
                problems.Add(new ImportProblem(line, csv.ColumnOf(AccountField.Program), UserError.Conflict("account.program-by-conversion", account.CustomerNumber)));
                continue;
            }
            if (charged.Contains(account.Id))
            {
                problems.Add(new ImportProblem(line, csv.ColumnOf(AccountField.Currency), UserError.Conflict("account.currency-in-use", account.CustomerNumber, account.CurrencyCode)));
                continue;
            }
            var (changedFrom, changedTo) = AccountDetailsWriting.Differences(account.Fields(), AccountDetailsWriting.Fields(details));
            if (changedTo.Count > 0)
            {
                if (tracked)
                {
                    // Only the accounts that change are tracked: tracking all 100,000 of a file imported again took longer than checking it.
                    db.Accounts.Attach(account);
                    account.Apply(details);
                }
                updated.Add((account, changedFrom, changedTo));
                changes.Add(new ImportChange(line, account.CustomerNumber, ImportAction.Update, changedTo.Keys.ToList()));
            }
        }
        var plan = new ImportPlan(hash, csv.Lines.Count, problems.OrderBy(p => p.Line).ToList(), changes);
        return new Prepared(plan, created, updated);
    }

    /// <summary>A column the file leaves out keeps an existing account's value: an export without terms does not reset everyone's terms.</summary>
    private static AccountForm KeepLeftOutColumns(AccountForm typed, CustomerAccount account, CsvAccounts csv)
    {
        string? Kept(AccountField field, string? value, string current) => csv.Columns.ContainsKey(field) ? value : current;
        return typed with
        {
            AddressLine2 = Kept(AccountField.AddressLine2, typed.AddressLine2, account.AddressLine2 ?? ""),
            Country = Kept(AccountField.Country, typed.Country, account.Country),
            Program = Kept(AccountField.Program, typed.Program, account.Program.ToString()),
            CreditTerms = Kept(AccountField.CreditTerms, typed.CreditTerms, account.CreditTermsDays.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Currency = Kept(AccountField.Currency, typed.Currency, account.CurrencyCode),
            Delivery = Kept(AccountField.Delivery, typed.Delivery, account.Delivery.ToString()),
        };
    }

    private async Task<Dictionary<string, CustomerAccount>> ExistingAsync(IReadOnlyList<CsvAccountLine> lines, CancellationToken cancellationToken)
    {
        var numbers = lines.Select(l => CustomerNumber.TryParse(l.Form.CustomerNumber, out var n) ? n.Value.Value : null).OfType<string>().Distinct().ToList();
        var accounts = new Dictionary<string, CustomerAccount>(StringComparer.Ordinal);
        foreach (var chunk in numbers.Chunk(LookupChunk))
        {
            foreach (var account in await db.Accounts.AsNoTracking().Where(a => chunk.Contains(a.CustomerNumber)).ToListAsync(cancellationToken))
            {
                accounts[account.CustomerNumber] = account;
            }
        }
        return accounts;
    }

    private async Task<HashSet<long>> ChargedAsync(List<long> accountIds, CancellationToken cancellationToken)
    {
        var charged = new HashSet<long>();
        foreach (var chunk in accountIds.Chunk(LookupChunk))
        {
            charged.UnionWith(await db.Invoices.Where(i => chunk.Contains(i.AccountId)).Select(i => i.AccountId).Distinct().ToListAsync(cancellationToken));
            charged.UnionWith(await db.Charges.Where(c => chunk.Contains(c.AccountId)).Select(c => c.AccountId).Distinct().ToListAsync(cancellationToken));
        }
        return charged;
    }
}
