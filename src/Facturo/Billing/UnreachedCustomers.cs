using System.Globalization;
using Facturo.Data;
using Facturo.Emails;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Billing;

/// <summary>A customer no invoice reaches electronically today, or whose emailed invoice was refused for good.</summary>
public sealed record UnreachedCustomer(string CustomerNumber, string LegalName, string BillingEmail, PaperReason? Reason, IReadOnlyList<string> RefusedInvoices, string? EmailError);

/// <summary>
/// The back-office list of customers an invoice did not reach: those the bill run put on paper for lack of a portal user
/// and a working billing email (while that is still so: a fixed email or a new portal user takes them off), and those
/// whose invoice email was refused for good (until the email is requeued).
/// </summary>
public sealed class UnreachedCustomers(FacturoDbContext db)
{
    private const int MaxAccounts = 1000;

    public async Task<IReadOnlyList<UnreachedCustomer>> ListAsync(CancellationToken cancellationToken)
    {
        var refused = await db.OutboxEmails.Where(e => e.Kind == InvoicePdfEmails.Kind && e.State == EmailState.Failed)
            .OrderBy(e => e.Id).Select(e => new { e.DedupKey, e.LastError }).Take(MaxAccounts).ToListAsync(cancellationToken);
        var refusedInvoices = refused.ToDictionary(e => long.Parse(e.DedupKey![(InvoicePdfEmails.Kind.Length + 1)..], CultureInfo.InvariantCulture), e => e.LastError);
        var refusedIds = refusedInvoices.Keys.ToList();
        var refusedByAccount = (await db.InvoiceDeliveries.Where(d => refusedIds.Contains(d.InvoiceId)).Select(d => new { d.AccountId, d.InvoiceId }).ToListAsync(cancellationToken))
            .ToLookup(d => d.AccountId, d => d.InvoiceId);
        var putOnPaper = await db.InvoiceDeliveries
            .Where(d => d.PaperReason == PaperReason.NoEmail || d.PaperReason == PaperReason.EmailBounced)
            .Select(d => d.AccountId).Distinct().Take(MaxAccounts).ToListAsync(cancellationToken);
        var accountIds = putOnPaper.Concat(refusedByAccount.Select(g => g.Key)).Distinct().ToList();
        var accounts = await db.Accounts.AsNoTracking().Where(a => accountIds.Contains(a.Id)).OrderBy(a => a.CustomerNumber).ToListAsync(cancellationToken);
        var reaches = await AccountReaches.LoadAsync(db, accounts, cancellationToken);
        var list = new List<UnreachedCustomer>();
        foreach (var account in accounts)
        {
            // As the next bill run would route it: a customer who has since asked for paper is reached.
            var route = InvoiceRouting.Choose(reaches[account.Id]);
            var invoices = refusedByAccount[account.Id].Order().ToList();
            if (route.NoWorkingChannel || invoices.Count > 0)
            {
                list.Add(new UnreachedCustomer(account.CustomerNumber, account.LegalName, account.BillingEmail, route.Paper,
                    invoices.Select(Invoice.FormatNumber).ToList(), invoices.Count > 0 ? refusedInvoices[invoices[^1]] : null));
            }
        }
        return list;
    }
}
