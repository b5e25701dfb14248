using Microsoft.EntityFrameworkCore;

namespace Facturo.Data;

/// <summary>
/// One money movement at a time per customer account, from reading what is open to recording what pays
/// it, so two payments (a debit, a cheque applied, a portal payment) can never both pay the same invoice.
/// Call inside the transaction that records the movement.
/// </summary>
public static class AccountLocks
{
    public static async Task LockAsync(FacturoDbContext db, long accountId, CancellationToken cancellationToken)
    {
        if (db.Provider == DatabaseProvider.Postgres)
        {
            await db.Database.SqlQuery<long>($"SELECT id AS \"Value\" FROM accounts WHERE id = {accountId} FOR UPDATE").ToListAsync(cancellationToken);
        }
        else
        {
            // SQLite has one writer at a time: writing first takes that lock before anything is read.
            await db.Database.ExecuteSqlAsync($"UPDATE accounts SET legal_name = legal_name WHERE id = {accountId}", cancellationToken);
        }
    }
}
