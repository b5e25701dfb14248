using Facturo.Accounts;
using Facturo.Data;
using Facturo.Documents;
using Facturo.Emails;
using Facturo.Platform;
using Facturo.Portal;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Facturo.Billing;

/// <summary>
/// The invoice itself, as the PDF the portal serves, by email to the billing email of each account the bill run
/// routed to <see cref="InvoiceChannel.Email"/>, in the account's language. Keyed by invoice, so running it again after
/// a crash queues only what is missing; the PDF is stored with the email, so a retry sends the same bytes.
/// </summary>
public sealed class InvoicePdfEmails(FacturoDbContext db, EmailOutbox outbox, IOptions<EmailOptions> emailOptions)
{
    public const string Kind = "invoice-pdf";
    // Each email holds its PDF in memory until the batch is saved.
    private const int BatchSize = 250;
    private const int MaxConflictRetries = 5;
    private const int SqliteConstraint = 19;

    public async Task<int> QueueAsync(BillingPeriod period, CancellationToken cancellationToken)
    {
        var periodText = period.ToString();
        var baseUrl = emailOptions.Value.PublicBaseUrl.TrimEnd('/');
        var biller = await db.BillerSettings.AsNoTracking().SingleAsync(cancellationToken);
        var queued = 0;
        long cursor = 0;
        while (true)
        {
            var deliveries = await db.InvoiceDeliveries.AsNoTracking()
                .Where(d => d.Period == periodText && d.Channel == InvoiceChannel.Email && d.InvoiceId > cursor)
                .OrderBy(d => d.InvoiceId).Take(BatchSize).ToListAsync(cancellationToken);
            if (deliveries.Count == 0)
            {
                return queued;
            }
            cursor = deliveries[^1].InvoiceId;
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    queued += await QueueMissingAsync(deliveries, biller, baseUrl, cancellationToken);
                    break;
                }
                catch (Exception exception) when (IsDuplicate(exception) && attempt < MaxConflictRetries)
                {
                    // Another bill run of the period queued some of them first: look again at what is missing.
                    db.ChangeTracker.Clear();
                }
            }
        }
    }

    private async Task<int> QueueMissingAsync(IReadOnlyList<InvoiceDelivery> deliveries, BillerSettings biller, string baseUrl, CancellationToken cancellationToken)
    {
        var keys = deliveries.Select(d => Key(d.InvoiceId)).ToList();
        var done = (await db.OutboxEmails.Where(e => keys.Contains(e.DedupKey!)).Select(e => e.DedupKey!).ToListAsync(cancellationToken)).ToHashSet();
        var missing = deliveries.Where(d => !done.Contains(Key(d.InvoiceId))).ToList();
        if (missing.Count == 0)
        {
            return 0;
        }
        var invoiceIds = missing.Select(d => d.InvoiceId).ToList();
        var invoices = await db.Invoices.AsNoTracking().AsSplitQuery().Include(i => i.Lines).Include(i => i.Taxes)
            .Where(i => invoiceIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, cancellationToken);
        var accountIds = missing.Select(d => d.AccountId).Distinct().ToList();
        var languages = await db.Accounts.Where(a => accountIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Language, cancellationToken);
        // Rendering is most of the cost of this step: one PDF per core at a time.
        var pdfs = new byte[missing.Count][];
        Parallel.For(0, missing.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
            pdfs[i] = InvoicePdf.Render(PortalDocuments.ModelOf(invoices[missing[i].InvoiceId], biller), PortalDocuments.DocumentLanguageOf(languages[missing[i].AccountId])));
        var emails = new List<OutboxEmail>(missing.Count);
        for (var i = 0; i < missing.Count; i++)
        {
            var (invoice, language) = (invoices[missing[i].InvoiceId], languages[missing[i].AccountId]);
            var (subject, body) = Text(invoice, biller, language, baseUrl);
            var email = await outbox.ComposeAsync(Kind, missing[i].EmailAddress!, language, subject, body, cancellationToken, Key(invoice.Id));
            email.Attach($"{invoice.Number}.pdf", pdfs[i]);
            emails.Add(email);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await outbox.QueueAllAsync(emails, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return emails.Count;
    }

    /// <summary>The unique dedup key refused an email: another run queued it.</summary>
    private static bool IsDuplicate(Exception exception) =>
        exception is DbUpdateException or PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } or SqliteException { SqliteErrorCode: SqliteConstraint };

    private static (string Subject, string Body) Text(Invoice invoice, BillerSettings biller, Language language, string baseUrl)
    {
        var amount = new Money(invoice.TotalCents, Currency.Parse(invoice.CurrencyCode)).Format(Cultures.For(language));
        var due = Cultures.LongDate(invoice.DueDate, language);
        var from = biller.LegalNameIn(language);
        return language == Language.Fr
            ? ($"Facture {invoice.Number} de {from}",
                $"Bonjour,\n\nVoici, en pièce jointe, la facture {invoice.Number} du compte {invoice.CustomerNumber} ({invoice.CustomerLegalName}) : {amount}, payable au plus tard le {due}.\n\n"
                + $"Pour consulter et payer vos factures en ligne, demandez l'accès au portail : {baseUrl}/request-invitation")
            : ($"Invoice {invoice.Number} from {from}",
                $"Hello,\n\nAttached is invoice {invoice.Number} for account {invoice.CustomerNumber} ({invoice.CustomerLegalName}): {amount}, due by {due}.\n\n"
                + $"To see and pay your invoices online, ask for access to the portal: {baseUrl}/request-invitation");
    }

    public static string Key(long invoiceId) => $"{Kind}:{invoiceId}";
}
