using Facturo.Platform;

namespace Facturo.Data;

public static class Transactions
{
    /// <summary>
    /// Runs the work in the transaction already open on this context, or in a new one committed only when the work
    /// succeeds, so that a change and everything written with it (a staff action and its audit entry, a payment and its
    /// postings) commit together or not at all, however the services that write them are nested.
    /// </summary>
    public static async Task<Outcome<T>> InTransactionAsync<T>(this FacturoDbContext db, Func<Task<Outcome<T>>> work, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            return await work();
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var outcome = await work();
        if (outcome.Succeeded)
        {
            await transaction.CommitAsync(cancellationToken);
        }
        else
        {
            // Rolled back: entities changed before the refusal must not ride along with a later save in this scope.
            db.ChangeTracker.Clear();
        }
        return outcome;
    }
}
