using Facturo.Data;
using Facturo.Platform;
using Facturo.Staff;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Accounts;

/// <summary>
/// Customer relations correct an account's details. The number is the account's identity and does not change; the
/// currency does not change once the account has been charged or invoiced in it. The audit entry keeps what changed.
/// </summary>
public sealed class EditAccount(FacturoDbContext db, StaffAudit audit)
{
    public async Task<Outcome<CustomerAccount>> SaveAsync(string customerNumber, AccountDetails details, CancellationToken cancellationToken)
    {
        var account = await db.Accounts.SingleOrDefaultAsync(a => a.CustomerNumber == customerNumber, cancellationToken);
        if (account is null || details.Number.Value != customerNumber)
        {
            return UserError.NotFound("account.not-found", customerNumber);
        }
        if (details.Program != account.Program)
        {
            // A conversion tells the customer what changes and keeps the program's history: it has its own action.
            return UserError.Conflict("account.program-by-conversion", customerNumber);
        }
        if (details.Currency.Code != account.CurrencyCode && await HasBeenChargedAsync(account.Id, cancellationToken))
        {
            return UserError.Conflict("account.currency-in-use", customerNumber, account.CurrencyCode);
        }
        var before = account.Fields();
        account.Apply(details);
        var (changedFrom, changedTo) = AccountDetailsWriting.Differences(before, account.Fields());
        if (changedTo.Count == 0)
        {
            return account;
        }
        return await db.InTransactionAsync<CustomerAccount>(async () =>
        {
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync("account.edit", CustomerRelations.Subject(account), changedFrom, changedTo, cancellationToken);
            return account;
        }, cancellationToken);
    }

    /// <summary>Invoices and unbilled charges are amounts in the account's currency: a new one would not add up with them.</summary>
    private async Task<bool> HasBeenChargedAsync(long accountId, CancellationToken cancellationToken) =>
        await db.Invoices.AnyAsync(i => i.AccountId == accountId, cancellationToken) || await db.Charges.AnyAsync(c => c.AccountId == accountId, cancellationToken);
}
