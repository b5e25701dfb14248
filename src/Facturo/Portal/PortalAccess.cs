using System.Security.Claims;
using Facturo.Accounts;
using Facturo.Billing;
using Facturo.Data;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Portal;

public sealed record AccountChoice(IReadOnlyList<CustomerAccount> Accounts, CustomerAccount? Current, bool Refused);

/// <summary>
/// The only way portal pages reach customer data: everything goes through the accounts linked to the
/// signed-in person's enterprise, so a tampered URL finds nothing rather than someone else's invoice.
/// </summary>
public sealed class PortalAccess(FacturoDbContext db)
{
    public IQueryable<CustomerAccount> AccountsOf(ClaimsPrincipal user)
    {
        var enterpriseId = user.EnterpriseId() ?? -1;
        return db.Accounts.AsNoTracking()
            .Where(a => db.EnterpriseAccounts.Any(l => l.EnterpriseId == enterpriseId && l.AccountId == a.Id));
    }

    /// <summary>
    /// The accounts switcher: the person's accounts, and the one asked for (the first by default).
    /// Asking for an account outside the enterprise gives <see cref="AccountChoice.Refused"/>.
    /// </summary>
    public async Task<AccountChoice> ChooseAccountAsync(ClaimsPrincipal user, string? customerNumber, CancellationToken cancellationToken)
    {
        var accounts = await AccountsOf(user).OrderBy(a => a.CustomerNumber).ToListAsync(cancellationToken);
        var current = customerNumber is null ? accounts.FirstOrDefault() : accounts.SingleOrDefault(a => a.CustomerNumber == customerNumber);
        return new AccountChoice(accounts, current, customerNumber is not null && current is null);
    }

    public IQueryable<Invoice> InvoicesOf(ClaimsPrincipal user)
    {
        var enterpriseId = user.EnterpriseId() ?? -1;
        return db.Invoices.AsNoTracking()
            .Where(i => db.EnterpriseAccounts.Any(l => l.EnterpriseId == enterpriseId && l.AccountId == i.AccountId));
    }

    public Task<Invoice?> FindInvoiceAsync(ClaimsPrincipal user, string number, CancellationToken cancellationToken)
    {
        if (!TryParseInvoiceNumber(number, out var id))
        {
            return Task.FromResult<Invoice?>(null);
        }
        return InvoicesOf(user).Include(i => i.Lines).Include(i => i.Taxes).SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
    }

    public Task<Statement?> FindStatementAsync(ClaimsPrincipal user, string number, CancellationToken cancellationToken)
    {
        if (!Statement.TryParseNumber(number, out var id))
        {
            return Task.FromResult<Statement?>(null);
        }
        var enterpriseId = user.EnterpriseId() ?? -1;
        return db.Statements.AsNoTracking().Include(s => s.Lines)
            .Where(s => db.EnterpriseAccounts.Any(l => l.EnterpriseId == enterpriseId && l.AccountId == s.AccountId))
            .SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
    }

    public static bool TryParseInvoiceNumber(string? number, out long id) => DocumentNumbers.TryParse(number, "F", out id);
}
