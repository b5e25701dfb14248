using Facturo.Data;
using Facturo.Ledger;
using Facturo.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Facturo.Payments;

/// <summary>
/// A debit the bank has not returned within the return window is settled: the payment shows
/// "settled" and the money moves in the ledger from bank clearing to cash. A later return (some reasons
/// allow it) takes the money back out of cash.
/// </summary>
public sealed class PaymentSettlement(FacturoDbContext db, IOptions<BankFileOptions> options, BillerClock clock, Events.EventLog events)
{
    public async Task<int> SettleDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        var cutoff = now - TimeSpan.FromDays(options.Value.ReturnWindowDays);
        // SQLite cannot compare DateTimeOffset in SQL; payments in transit are a few days' worth.
        var due = (await db.Payments.AsNoTracking().Where(Payment.Unsettled).Where(p => p.Status == PaymentStatus.SentToBank).ToListAsync(cancellationToken))
            .Where(p => p.SentAt <= cutoff).ToList();
        if (due.Count == 0)
        {
            return 0;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ids = due.Select(p => p.Id).ToList();
        var moved = await db.Payments.Where(p => ids.Contains(p.Id) && p.Status == PaymentStatus.SentToBank)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, PaymentStatus.Settled).SetProperty(p => p.SettledAt, now), cancellationToken);
        if (moved != ids.Count)
        {
            // A return file or another run changed some of them meanwhile: settle them next time.
            await transaction.RollbackAsync(cancellationToken);
            return 0;
        }
        var accountIds = due.Select(p => p.AccountId).Distinct().ToList();
        var customerNumbers = await db.Accounts.AsNoTracking().Where(a => accountIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.CustomerNumber, cancellationToken);
        foreach (var payment in due)
        {
            var amount = new Money(payment.AmountCents, Currency.Parse(payment.CurrencyCode));
            db.LedgerPostings.Add(LedgerPosting.From(PaymentPostings.Settled(payment.Reference, clock.Today, amount), now));
            var customerNumber = customerNumbers[payment.AccountId];
            await events.RecordAsync(Events.EventTypes.PaymentSettled, customerNumber, payment.Reference,
                new Events.PaymentMovedData(payment.Reference, customerNumber, payment.CurrencyCode, new Api.ApiAmount(payment.AmountCents), nameof(PaymentStatus.Settled), now), cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return due.Count;
    }
}
