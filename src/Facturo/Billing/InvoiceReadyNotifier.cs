using Facturo.Accounts;
using Facturo.Data;
using Facturo.Emails;
using Facturo.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Facturo.Billing;

/// <summary>
/// "Your invoice is ready": one email per invoice of the period to each portal user of the account's
/// enterprise, in that person's language; accounts without portal users get the invoice PDF itself
/// (<see cref="InvoicePdfEmails"/>). Keyed per invoice and person, so running it again after a
/// crash queues only what is missing.
/// </summary>
public sealed class InvoiceReadyNotifier(FacturoDbContext db, EmailOutbox outbox, InvoicePdfEmails pdfEmails, IOptions<EmailOptions> emailOptions)
{
    private const int BatchSize = 500;

    /// <returns>How many emails were queued now.</returns>
    public async Task<int> NotifyAsync(BillingPeriod period, CancellationToken cancellationToken) =>
        await NotifyPortalUsersAsync(period, cancellationToken) + await pdfEmails.QueueAsync(period, cancellationToken);

    private async Task<int> NotifyPortalUsersAsync(BillingPeriod period, CancellationToken cancellationToken)
    {
        var periodText = period.ToString();
        var baseUrl = emailOptions.Value.PublicBaseUrl.TrimEnd('/');
        var queued = 0;
        long cursor = 0;
        while (true)
        {
            var invoiceIds = await db.Invoices.Where(i => i.Period == periodText && i.Id > cursor).OrderBy(i => i.Id).Select(i => i.Id).Take(BatchSize).ToListAsync(cancellationToken);
            if (invoiceIds.Count == 0)
            {
                return queued;
            }
            var recipients = await (
                    from invoice in db.Invoices
                    where invoiceIds.Contains(invoice.Id)
                    join link in db.EnterpriseAccounts on invoice.AccountId equals link.AccountId
                    join user in db.Users on link.EnterpriseId equals user.EnterpriseId
                    where user.RemovedAt == null
                    select new { invoice.Id, invoice.CustomerNumber, invoice.TotalCents, invoice.CurrencyCode, invoice.DueDate, UserId = user.Id, user.Email, user.FullName, user.Language })
                .ToListAsync(cancellationToken);
            var keys = recipients.Select(r => Key(r.Id, r.UserId)).ToList();
            var done = (await db.OutboxEmails.Where(e => keys.Contains(e.DedupKey!)).Select(e => e.DedupKey!).ToListAsync(cancellationToken)).ToHashSet();
            foreach (var r in recipients.Where(r => !done.Contains(Key(r.Id, r.UserId))))
            {
                var amount = new Money(r.TotalCents, Currency.Parse(r.CurrencyCode)).Format(Cultures.For(r.Language));
                var due = Cultures.LongDate(r.DueDate, r.Language);
                var number = Invoice.FormatNumber(r.Id);
                await outbox.QueueAsync("invoice-ready", r.Email!, r.Language,
                    r.Language == Language.Fr ? $"Votre facture {number} est prête" : $"Your invoice {number} is ready",
                    r.Language == Language.Fr
                        ? $"Bonjour {r.FullName},\n\nLa facture {number} du compte {r.CustomerNumber}, de {amount}, payable au plus tard le {due}, est dans votre portail :\n{baseUrl}/invoices/{number}"
                        : $"Hello {r.FullName},\n\nInvoice {number} for account {r.CustomerNumber}, {amount}, due by {due}, is in your portal:\n{baseUrl}/invoices/{number}",
                    cancellationToken, Key(r.Id, r.UserId));
                queued++;
            }
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            cursor = invoiceIds[^1];
        }
    }

    private static string Key(long invoiceId, long userId) => $"invoice-ready:{invoiceId}:{userId}";
}
