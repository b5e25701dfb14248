using Facturo.Data;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Billing;

/// <summary>An account the bill run could reach only on paper: no portal user, and no billing email or one that bounced.</summary>
public sealed record UnreachedAccount(string CustomerNumber, string LegalName, string InvoiceNumber, PaperReason Reason, string? EmailAddress);

/// <summary>How a period's invoices reach their customers: for the bill run's output and /admin/bill-runs.</summary>
public sealed record DeliveryReport(int Portal, int Email, int Paper, IReadOnlyList<UnreachedAccount> NoWorkingChannel)
{
    public static async Task<DeliveryReport> ForPeriodAsync(FacturoDbContext db, string period, CancellationToken cancellationToken)
    {
        var counts = await db.InvoiceDeliveries.Where(d => d.Period == period)
            .GroupBy(d => d.Channel).Select(g => new { Channel = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Channel, g => g.Count, cancellationToken);
        var unreached = await (
                from delivery in db.InvoiceDeliveries
                where delivery.Period == period && (delivery.PaperReason == PaperReason.NoEmail || delivery.PaperReason == PaperReason.EmailBounced)
                join account in db.Accounts on delivery.AccountId equals account.Id
                orderby account.CustomerNumber
                select new { account.CustomerNumber, account.LegalName, delivery.InvoiceId, delivery.PaperReason, delivery.EmailAddress })
            .ToListAsync(cancellationToken);
        return new DeliveryReport(counts.GetValueOrDefault(InvoiceChannel.Portal), counts.GetValueOrDefault(InvoiceChannel.Email), counts.GetValueOrDefault(InvoiceChannel.Paper),
            unreached.Select(u => new UnreachedAccount(u.CustomerNumber, u.LegalName, Invoice.FormatNumber(u.InvoiceId), u.PaperReason!.Value, u.EmailAddress)).ToList());
    }
}
