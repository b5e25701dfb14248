using Facturo.Accounts;
using Facturo.Data;
using Facturo.Emails;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Billing;

/// <summary>What the bill run needs to know to route a batch's invoices: who has a portal user, whose billing email works.</summary>
public static class AccountReaches
{
    public static async Task<IReadOnlyDictionary<long, AccountReach>> LoadAsync(FacturoDbContext db, IReadOnlyList<CustomerAccount> accounts, CancellationToken cancellationToken)
    {
        var ids = accounts.Select(a => a.Id).ToList();
        var withPortalUsers = (await (
                from link in db.EnterpriseAccounts
                where ids.Contains(link.AccountId)
                where db.Users.Any(u => u.EnterpriseId == link.EnterpriseId && u.RemovedAt == null)
                select link.AccountId)
            .Distinct().ToListAsync(cancellationToken)).ToHashSet();
        var addresses = accounts.Select(a => a.BillingEmail.Trim()).Where(EmailAddresses.IsValid).Distinct().ToList();
        var bounced = (await BouncedAsync(db, addresses, cancellationToken)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return accounts.ToDictionary(a => a.Id, a =>
        {
            var email = a.BillingEmail.Trim();
            return new AccountReach(a.Delivery, withPortalUsers.Contains(a.Id), EmailAddresses.IsValid(email), bounced.Contains(email));
        });
    }

    /// <summary>Addresses whose server refused an email for good, with nothing delivered there since.</summary>
    public static async Task<IReadOnlyList<string>> BouncedAsync(FacturoDbContext db, IReadOnlyList<string> addresses, CancellationToken cancellationToken) =>
        addresses.Count == 0 ? [] : await db.OutboxEmails
            .Where(e => addresses.Contains(e.ToAddress) && e.State == EmailState.Failed && e.Refused
                && !db.OutboxEmails.Any(later => later.ToAddress == e.ToAddress && later.Id > e.Id && later.State == EmailState.Sent))
            .Select(e => e.ToAddress).Distinct().ToListAsync(cancellationToken);
}
