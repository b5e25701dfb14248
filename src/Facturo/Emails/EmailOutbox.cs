using Facturo.Accounts;
using Facturo.Data;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Emails;

/// <summary>
/// Queues emails in the caller's unit of work: they are saved by the caller's SaveChanges, with the
/// change they announce. Every email ends with the biller's support contact.
/// </summary>
public sealed class EmailOutbox(FacturoDbContext db, TimeProvider time)
{
    private Accounts.BillerSettings? _biller;

    public async Task QueueAsync(string kind, string to, Language language, string subject, string body, CancellationToken cancellationToken, string? dedupKey = null) =>
        db.OutboxEmails.Add(await ComposeAsync(kind, to, language, subject, body, cancellationToken, dedupKey));

    /// <summary>The email as <see cref="QueueAsync"/> would queue it, for a caller queueing thousands with <see cref="QueueAllAsync"/>.</summary>
    public async Task<OutboxEmail> ComposeAsync(string kind, string to, Language language, string subject, string body, CancellationToken cancellationToken, string? dedupKey = null)
    {
        var biller = _biller ??= await db.BillerSettings.AsNoTracking().SingleAsync(cancellationToken);
        var signature = language == Language.Fr
            ? $"\n\n--\n{biller.LegalName}\nQuestions sur la facturation : {biller.SupportPhone} · {biller.SupportEmail}"
            : $"\n\n--\n{biller.LegalName}\nBilling questions: {biller.SupportPhone} · {biller.SupportEmail}";
        var now = time.GetUtcNow();
        return new OutboxEmail
        {
            Kind = kind,
            ToAddress = to,
            Language = language,
            Subject = subject,
            Body = body + signature,
            CreatedAt = now,
            State = EmailState.Pending,
            NextAttemptAt = now,
            DedupKey = dedupKey,
        };
    }

    /// <summary>Queues composed emails set-based, written at once in the caller's transaction (which must be open) rather than by its SaveChanges.</summary>
    public Task QueueAllAsync(IReadOnlyList<OutboxEmail> emails, CancellationToken cancellationToken) => BulkInsert.InsertAsync(db, emails, cancellationToken);
}
