using Facturo.Billing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Facturo.Ledger;

/// <summary>
/// Refuses, before any SQL is sent, to update or delete ledger rows or finalised documents. The
/// database triggers refuse the same for anything that bypasses EF Core.
/// </summary>
internal sealed class AppendOnlyGuard : SaveChangesInterceptor
{
    private static readonly HashSet<Type> AppendOnly =
    [
        typeof(LedgerPosting), typeof(LedgerEntry), typeof(Invoice), typeof(InvoiceLine), typeof(InvoiceTax),
        typeof(CreditNote), typeof(CreditNoteLine), typeof(CreditNoteTax), typeof(Statement), typeof(StatementLine), typeof(Charge), typeof(Staff.StaffAuditEntry),
        typeof(Taxes.TaxRuleOverride),
    ];

    /// <summary>Tables the first migration protects with triggers, in snake case as they are named in the database.</summary>
    public static readonly string[] AppendOnlyTables =
        ["ledger_postings", "ledger_entries", "invoices", "invoice_lines", "invoice_taxes", "credit_notes", "statements", "statement_lines", "charges"];

    /// <summary>Protected by the migration that created them: what each credit note gave back, line by line and tax by tax.</summary>
    public static readonly string[] CreditNoteDetailTables = ["credit_note_lines", "credit_note_taxes"];

    /// <summary>Protected by the migration that created it: who did what in the back office.</summary>
    public static readonly string[] AuditTables = ["staff_audit_entries"];

    /// <summary>Protected by the migration that created it: the biller's taxability overrides, superseded, never rewritten.</summary>
    public static readonly string[] TaxRuleTables = ["tax_rule_overrides"];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Check(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Check(DbContext? context)
    {
        var changed = context?.ChangeTracker.Entries()
            .FirstOrDefault(e => e.State is EntityState.Modified or EntityState.Deleted && AppendOnly.Contains(e.Entity.GetType()));
        if (changed is not null)
        {
            throw new InvalidOperationException($"{changed.Entity.GetType().Name} rows are append-only: record a correcting entry instead of {changed.State.ToString().ToLowerInvariant()} one.");
        }
    }
}
