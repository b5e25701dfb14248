using Facturo.Accounts;
using Facturo.Billing;
using Facturo.Data;
using Facturo.Emails;
using Facturo.Platform;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace Facturo.Taxes;

/// <summary>A certificate that stops relieving tax by the next bill run, and whether customer relations was told.</summary>
public sealed record LapsingCertificate(long Id, string CustomerNumber, string LegalName, ExemptionKind Kind, string Number, string Taxes, string Provinces,
    DateOnly ValidUntil, DateTimeOffset? NoticeAt);

/// <summary>
/// Tells customer relations, before the next bill run, of every exemption certificate that has lapsed or
/// lapses by then: the next invoice will charge the tax it relieved, unless the customer sends a renewed one.
/// One email per certificate, once: the notice is recorded on the certificate and its email deduplicated.
/// </summary>
public sealed class ExemptionExpiryNotices(FacturoDbContext db, EmailOutbox outbox, BillerClock clock)
{
    /// <summary>Bill runs issue on the first day of the month after the period.</summary>
    public static DateOnly NextBillRun(DateOnly today) => BillingPeriod.Of(today).Next.FirstDay;

    /// <summary>The certificates to act on before the next bill run, soonest first, with the day customer relations was told.</summary>
    public async Task<IReadOnlyList<LapsingCertificate>> ListAsync(CancellationToken cancellationToken) =>
        await LapsingAsync(Lapsing(), cancellationToken);

    /// <returns>How many certificates customer relations was told of now.</returns>
    public async Task<int> SendAsync(CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var due = await LapsingAsync(Lapsing().Where(c => c.ExpiryNoticeAt == null), cancellationToken);
        if (due.Count == 0)
        {
            return 0;
        }
        var biller = await db.BillerSettings.AsNoTracking().SingleAsync(cancellationToken);
        var nextRun = NextBillRun(clock.Today);
        foreach (var certificate in due)
        {
            var (subject, body) = Notice(certificate, nextRun);
            await outbox.QueueAsync("exemption-lapsing", biller.SupportEmail, Language.Fr, subject, body, cancellationToken, $"exemption-lapsing:{certificate.Id}");
        }
        await db.SaveChangesAsync(cancellationToken);
        var ids = due.Select(c => c.Id).ToList();
        var now = clock.UtcNow;
        await db.ExemptionCertificates.Where(c => ids.Contains(c.Id)).ExecuteUpdateAsync(c => c.SetProperty(x => x.ExpiryNoticeAt, now), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return due.Count;
    }

    /// <summary>
    /// Lapsed or lapsing by the next bill run, on an active account, neither ended by staff (they know) nor
    /// followed by another certificate of the same kind in force on that day (the customer renewed).
    /// </summary>
    private IQueryable<ExemptionCertificate> Lapsing()
    {
        var nextRun = NextBillRun(clock.Today);
        return db.ExemptionCertificates.AsNoTracking()
            .Where(c => c.ValidUntil != null && c.ValidUntil <= nextRun && c.EndedAt == null
                && db.Accounts.Any(a => a.Id == c.AccountId && a.Status == AccountStatus.Active)
                && !db.ExemptionCertificates.Any(r => r.AccountId == c.AccountId && r.Id != c.Id && r.Kind == c.Kind && r.EndedAt == null
                    && r.ValidFrom <= nextRun && (r.ValidUntil == null || r.ValidUntil > nextRun)));
    }

    private async Task<IReadOnlyList<LapsingCertificate>> LapsingAsync(IQueryable<ExemptionCertificate> certificates, CancellationToken cancellationToken) =>
        await certificates
            .Join(db.Accounts, c => c.AccountId, a => a.Id, (c, a) => new { Certificate = c, a.CustomerNumber, a.LegalName })
            .OrderBy(x => x.Certificate.ValidUntil).ThenBy(x => x.CustomerNumber).ThenBy(x => x.Certificate.Id)
            .Select(x => new LapsingCertificate(x.Certificate.Id, x.CustomerNumber, x.LegalName, x.Certificate.Kind, x.Certificate.Number, x.Certificate.Taxes,
                x.Certificate.Provinces, x.Certificate.ValidUntil!.Value, x.Certificate.ExpiryNoticeAt))
            .ToListAsync(cancellationToken);

    /// <summary>Customer relations reads both languages: one email says it in French, then in English.</summary>
    private static (string Subject, string Body) Notice(LapsingCertificate c, DateOnly nextRun)
    {
        var (lapsedFr, lapsedEn) = (Cultures.LongDate(c.ValidUntil, Language.Fr), Cultures.LongDate(c.ValidUntil, Language.En));
        var (runFr, runEn) = (Cultures.LongDate(nextRun, Language.Fr), Cultures.LongDate(nextRun, Language.En));
        var taxesFr = string.Join(", ", c.Taxes.Split(' ').Select(t => Portal.TaxNames.Of(Enum.Parse<TaxKind>(t), Language.Fr)));
        var taxesEn = string.Join(", ", c.Taxes.Split(' ').Select(t => Portal.TaxNames.Of(Enum.Parse<TaxKind>(t), Language.En)));
        var provinces = c.Provinces.Replace(" ", ", ", StringComparison.Ordinal);
        return (
            $"Certificat d'exemption à renouveler / Exemption certificate to renew: {c.CustomerNumber} {c.Number}",
            $"""
            Le certificat d'exemption {c.Number} ({c.Kind}) du compte {c.CustomerNumber} ({c.LegalName}) exonère de : {taxesFr} en {provinces}. Il a cessé ou cessera de valoir après le {lapsedFr}.
            La prochaine facturation, le {runFr}, facturera ces taxes si le client ne fournit pas de certificat renouvelé. Demandez-le au client et enregistrez-le dans la fiche du client (Certificats d'exemption).

            Exemption certificate {c.Number} ({c.Kind}) of account {c.CustomerNumber} ({c.LegalName}) relieves: {taxesEn} in {provinces}. It stopped or will stop applying after {lapsedEn}.
            The next bill run, on {runEn}, will charge these taxes unless the customer provides a renewed certificate. Ask the customer for it and record it on the customer's page (Exemption certificates).
            """);
    }
}

/// <summary>When the lapsing-certificate notice runs.</summary>
public sealed class ExemptionNoticeOptions
{
    public const string Section = "ExemptionNotices";

    /// <summary>Quartz cron, Toronto time; empty turns the job off.</summary>
    public string Schedule { get; set; } = "0 30 6 * * ?";
}

/// <summary>Every day (06:30 Toronto time by default) customer relations hears of certificates lapsing before the next bill run.</summary>
[DisallowConcurrentExecution]
public sealed partial class ExemptionExpiryJob(ExemptionExpiryNotices notices, ILogger<ExemptionExpiryJob> logger) : IJob
{
    public static readonly JobKey Key = new("exemption-expiry");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var told = await notices.SendAsync(cancellationToken);
        LogTold(told);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Customer relations told of {Count} exemption certificates lapsing before the next bill run")]
    private partial void LogTold(int count);
}
