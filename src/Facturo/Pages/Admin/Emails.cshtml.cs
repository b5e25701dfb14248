using Facturo.Data;
using Facturo.Emails;
using Facturo.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Facturo.Pages.Admin;

/// <summary>
/// Emails that did not go out: those failed for good (refused by the recipient's server, or three days of failed
/// attempts), with the error, to requeue one by one or all at once; and those waiting longer than a quarter of an hour.
/// </summary>
[Authorize(Policy = StaffAuth.BillingOperatorPolicy)]
public sealed class EmailsModel(FacturoDbContext db, RequeueEmails requeue, TimeProvider time, IOptions<EmailOptions> options) : Portal.PortalPage
{
    /// <summary>Sent within seconds when all is well: one still waiting after this is worth a look.</summary>
    public static readonly TimeSpan LongWait = TimeSpan.FromMinutes(15);
    private const int Shown = 200;

    public IReadOnlyList<OutboxEmail> Failed { get; private set; } = [];
    public IReadOnlyList<OutboxEmail> Waiting { get; private set; } = [];
    public long FailedCount { get; private set; }
    public long PendingCount { get; private set; }
    public bool NoWayToSend { get; private set; }
    public string? Notice { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        FailedCount = await db.OutboxEmails.LongCountAsync(e => e.State == EmailState.Failed, cancellationToken);
        Failed = await db.OutboxEmails.AsNoTracking().Where(e => e.State == EmailState.Failed).OrderByDescending(e => e.Id).Take(Shown).ToListAsync(cancellationToken);
        PendingCount = await db.OutboxEmails.LongCountAsync(e => e.State == EmailState.Pending, cancellationToken);
        // The oldest pending emails, and of them those waiting too long: filtered here because SQLite cannot compare stored timestamps.
        var waitingSince = time.GetUtcNow() - LongWait;
        Waiting = (await db.OutboxEmails.AsNoTracking().Where(e => e.State == EmailState.Pending).OrderBy(e => e.Id).Take(Shown).ToListAsync(cancellationToken))
            .Where(e => e.CreatedAt <= waitingSince).ToList();
        NoWayToSend = string.IsNullOrWhiteSpace(options.Value.SmtpHost) && string.IsNullOrWhiteSpace(options.Value.PickupDirectory);
    }

    public async Task OnPostRequeueAsync(long id, CancellationToken cancellationToken)
    {
        var requeued = await requeue.OneAsync(id, cancellationToken);
        (Notice, Error) = requeued.Succeeded
            ? (T($"Courriel {id} remis en file : il part au prochain envoi.", $"Email {id} requeued: it goes with the next round."), null)
            : ((string?)null, Message(requeued.Error!));
        await OnGetAsync(cancellationToken);
    }

    public async Task OnPostRequeueAllAsync(CancellationToken cancellationToken)
    {
        var requeued = await requeue.AllFailedAsync(cancellationToken);
        Notice = requeued.Value == 0
            ? T("Aucun courriel en échec.", "No failed email.")
            : T($"{requeued.Value} courriel(s) remis en file.", $"{requeued.Value} email(s) requeued.");
        await OnGetAsync(cancellationToken);
    }

    public static string Time(DateTimeOffset instant) => instant.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
}
