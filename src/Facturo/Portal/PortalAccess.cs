using System.Security.Claims;
using Facturo.Accounts;
using Facturo.Billing;
using Facturo.Data;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Portal;

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

    public static bool TryParseInvoiceNumber(string? number, out long id)
    {
        id = 0;
        var text = number?.Trim();
        return text is { Length: > 1 } && (text[0] is 'F' or 'f') && long.TryParse(text.AsSpan(1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out id);
    }
}
