using Facturo.Data;
using Facturo.Platform;
using Facturo.Staff;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Accounts;

/// <summary>
/// A new customer account, typed by customer relations: checked against the biller's rules, refused when its number is
/// taken (by the unique index too, so two people typing the same number at once cannot both succeed), audited with it.
/// </summary>
public sealed class OpenAccount(FacturoDbContext db, StaffAudit audit, BillerClock clock)
{
    public async Task<Outcome<CustomerAccount>> OpenAsync(AccountDetails details, CancellationToken cancellationToken)
    {
        var number = details.Number.Value;
        if (await db.Accounts.AnyAsync(a => a.CustomerNumber == number, cancellationToken))
        {
            return UserError.Conflict("account.exists", number);
        }
        var account = new CustomerAccount
        {
            CustomerNumber = number, LegalName = "", AddressLine1 = "", City = "", Region = "", PostalCode = "", BillingEmail = "",
            Status = AccountStatus.Active, CreatedAt = clock.UtcNow,
        };
        account.Apply(details);
        return await db.InTransactionAsync<CustomerAccount>(async () =>
        {
            db.Accounts.Add(account);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException exception) when (AccountDetailsWriting.IsUniqueViolation(exception))
            {
                return UserError.Conflict("account.exists", number);
            }
            await audit.RecordAsync("account.open", CustomerRelations.Subject(account), null, account.Fields(), cancellationToken);
            return account;
        }, cancellationToken);
    }
}
