using Facturo.Data;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Payments;

/// <summary>
/// Bank account numbers encrypted by Data Protection, before <see cref="BankAccountNumbers"/> had a key of its own, encrypted
/// again the current way: both read, but the older way costs a debit batch twenty times more per number. `facturo migrate`
/// runs it; a number changed meanwhile in the portal is left as the portal wrote it.
/// </summary>
public sealed class ReencryptAccountNumbers(FacturoDbContext db, BankAccountNumbers numbers)
{
    private const int PerTransaction = 1_000;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var done = 0;
        var after = 0L;
        while (true)
        {
            var older = await db.BankAccounts.AsNoTracking()
                .Where(b => b.Id > after && !b.ProtectedAccountNumber.StartsWith(BankAccountNumbers.Prefix))
                .OrderBy(b => b.Id).Take(PerTransaction).Select(b => new { b.Id, b.ProtectedAccountNumber })
                .ToListAsync(cancellationToken);
            if (older.Count == 0)
            {
                return done;
            }
            var plain = await numbers.RevealAllAsync(older.Select(b => b.ProtectedAccountNumber).ToList(), cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            for (var i = 0; i < older.Count; i++)
            {
                var (id, before) = (older[i].Id, older[i].ProtectedAccountNumber);
                var now = await numbers.ProtectAsync(plain[i], cancellationToken);
                done += await db.BankAccounts.Where(b => b.Id == id && b.ProtectedAccountNumber == before)
                    .ExecuteUpdateAsync(s => s.SetProperty(b => b.ProtectedAccountNumber, now), cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
            after = older[^1].Id;
        }
    }
}
