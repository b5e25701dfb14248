using Facturo.Accounts;
using Facturo.Data;
using Facturo.Emails;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Portal;

/// <summary>
/// Emails every administrator of a business, each in their own language. Every grant of access goes through
/// here, so an administrator who did not make a change still hears of it.
/// </summary>
public sealed class AdministratorEmails(FacturoDbContext db, EmailOutbox outbox)
{
    /// <summary>Queues the emails; the caller's SaveChanges sends them with the change they describe.</summary>
    public Task QueueAsync(long enterpriseId, string kind, Func<PortalUser, (string Subject, string Body)> write, CancellationToken cancellationToken) =>
        QueueAsync(enterpriseId, null, kind, write, cancellationToken);

    /// <param name="alsoTo">The person the change is about, told too when not (yet) an administrator.</param>
    public async Task QueueAsync(long enterpriseId, PortalUser? alsoTo, string kind, Func<PortalUser, (string Subject, string Body)> write, CancellationToken cancellationToken)
    {
        var admins = await db.Users.AsNoTracking().Where(u => u.EnterpriseId == enterpriseId && u.Role == PortalRole.Admin && u.RemovedAt == null)
            .OrderBy(u => u.Id).ToListAsync(cancellationToken);
        foreach (var admin in alsoTo is null || admins.Any(a => a.Id == alsoTo.Id) ? admins : admins.Append(alsoTo))
        {
            var (subject, body) = write(admin);
            await outbox.QueueAsync(kind, admin.Email!, admin.Language, subject, body, cancellationToken);
        }
    }

    public static string InYourLanguage(PortalUser reader, string fr, string en) => reader.Language == Language.Fr ? fr : en;
}
