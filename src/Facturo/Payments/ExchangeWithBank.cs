using System.Text;
using Facturo.Data;
using Facturo.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Facturo.Payments;

/// <summary>What one exchange did; <see cref="WaitingUntil"/> is set instead when a scheduled run let the retry delay pass first.</summary>
public sealed record BankExchangeRun(BankExchangeAttempt? Attempt, DateTimeOffset? WaitingUntil);

/// <summary>What the bank files page shows of the connection: when it last worked, its last error, what waits to be sent, what came.</summary>
public sealed record BankExchangeStatus(bool Configured, BankExchangeAttempt? LastSuccess, BankExchangeAttempt? LastFailure, DateTimeOffset? RetryNotBefore,
    IReadOnlyList<BankUpload> Waiting, IReadOnlyList<BankFetch> Fetched);

/// <summary>
/// Sends the bank every debit file waiting for it and fetches the returns and credit notifications it left, over SFTP.
/// Each file is sent once: it goes up under the batch's own file name, is recorded right after, and a run that finds that
/// name already at the bank (a run killed between the two) records it without sending it again. Each fetched file is
/// imported once: its name, size and time are recorded with the import, and the imports' own check of the file's SHA-256
/// stays the guard against the same file under another name.
/// </summary>
public sealed partial class ExchangeWithBank(FacturoDbContext db, IOptions<BankSftpOptions> options, BankFileContents contents, PaymentReturns returns,
    Receipts receipts, BankExchangeMetrics metrics, BillerClock clock, ILogger<ExchangeWithBank> logger)
{
    /// <summary>The same limit as the back office's upload: a day's return or remittance file is far smaller.</summary>
    private const long MaxFetched = 50 * 1024 * 1024;

    public const string BySchedule = "schedule";

    // The daily batch, the exchange schedule and the button must not send the same file at once.
    private static readonly SemaphoreSlim OneExchangeAtATime = new(1, 1);

    /// <summary>A scheduled run (<paramref name="startedBy"/> = <see cref="BySchedule"/>) waits out the retry delay after failures; a person does not.</summary>
    public async Task<Outcome<BankExchangeRun>> RunAsync(string startedBy, CancellationToken cancellationToken)
    {
        var sftp = options.Value;
        if (!sftp.IsConfigured)
        {
            return UserError.Validation("bank.sftp-not-configured");
        }
        await OneExchangeAtATime.WaitAsync(cancellationToken);
        try
        {
            if (startedBy == BySchedule && await RetryNotBeforeAsync(cancellationToken) is { } notBefore && notBefore > clock.UtcNow)
            {
                LogWaiting(notBefore);
                return new BankExchangeRun(null, notBefore);
            }
            var attempt = new BankExchangeAttempt { StartedAt = clock.UtcNow, StartedBy = startedBy };
            try
            {
                await using var bank = await BankSftpConnection.OpenAsync(sftp, cancellationToken);
                await SendWaitingAsync(bank, sftp, attempt, cancellationToken);
                await FetchAsync(bank, BankFetchKind.Returns, sftp.ReturnsFolder, attempt, cancellationToken);
                await FetchAsync(bank, BankFetchKind.Remittance, sftp.RemittancesFolder, attempt, cancellationToken);
                attempt.Succeeded = true;
            }
            catch (Exception e) when (e is BankUnreachableException || BankSftpConnection.IsOutage(e))
            {
                var error = e is BankUnreachableException refused ? refused.Error : UserError.Validation("bank.sftp-failed", $"{sftp.Host}:{sftp.Port}", e.Message);
                (attempt.ErrorCode, attempt.ErrorArguments) = StoredUserError.Pack(error);
                metrics.Failed(error.Code);
                LogFailed(e, error.Message(Accounts.Language.En));
            }
            db.ChangeTracker.Clear();
            db.BankExchangeAttempts.Add(attempt);
            await db.SaveChangesAsync(cancellationToken);
            metrics.Waiting(await db.BankUploads.CountAsync(u => u.UploadedAt == null, cancellationToken));
            return attempt.Succeeded ? new BankExchangeRun(attempt, null) : StoredUserError.Unpack(attempt.ErrorCode, attempt.ErrorArguments)!;
        }
        finally
        {
            OneExchangeAtATime.Release();
        }
    }

    public async Task<BankExchangeStatus> StatusAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.IsConfigured)
        {
            return new BankExchangeStatus(false, null, null, null, [], []);
        }
        var lastSuccess = await db.BankExchangeAttempts.AsNoTracking().Where(a => a.Succeeded).OrderByDescending(a => a.Id).FirstOrDefaultAsync(cancellationToken);
        var lastFailure = await db.BankExchangeAttempts.AsNoTracking().Where(a => !a.Succeeded).OrderByDescending(a => a.Id).FirstOrDefaultAsync(cancellationToken);
        var waiting = await db.BankUploads.AsNoTracking().Where(u => u.UploadedAt == null).OrderBy(u => u.Id).ToListAsync(cancellationToken);
        var fetched = await db.BankFetches.AsNoTracking().OrderByDescending(f => f.Id).Take(30).ToListAsync(cancellationToken);
        return new BankExchangeStatus(true, lastSuccess, lastFailure, await RetryNotBeforeAsync(cancellationToken), waiting, fetched);
    }

    /// <summary>After failures with no success since, the first moment a scheduled run tries again.</summary>
    public async Task<DateTimeOffset?> RetryNotBeforeAsync(CancellationToken cancellationToken)
    {
        var lastSuccess = await db.BankExchangeAttempts.Where(a => a.Succeeded).MaxAsync(a => (long?)a.Id, cancellationToken) ?? 0;
        var failures = await db.BankExchangeAttempts.Where(a => !a.Succeeded && a.Id > lastSuccess).OrderByDescending(a => a.Id).Select(a => a.StartedAt).ToListAsync(cancellationToken);
        return failures.Count == 0 ? null : BankExchangeRetry.NextAttempt(failures[0], failures.Count);
    }

    private async Task SendWaitingAsync(BankSftpConnection bank, BankSftpOptions sftp, BankExchangeAttempt attempt, CancellationToken cancellationToken)
    {
        var waiting = await db.BankUploads.Where(u => u.UploadedAt == null).OrderBy(u => u.Id).ToListAsync(cancellationToken);
        foreach (var upload in waiting)
        {
            if (await bank.ExistsAsync(BankSftpConnection.Path(sftp.OutgoingFolder, upload.RemoteName), cancellationToken))
            {
                // Sent by a run that stopped before recording it: sending it again would debit every payer twice.
                LogAlreadyAtBank(upload.RemoteName);
            }
            else
            {
                var batch = await db.DebitBatches.AsNoTracking().SingleAsync(b => b.Id == upload.DebitBatchId, cancellationToken);
                await bank.PutAsync(sftp.OutgoingFolder, upload.RemoteName, await contents.RevealAsync(batch, cancellationToken), cancellationToken);
                attempt.Uploaded++;
                metrics.Uploaded();
                LogUploaded(upload.RemoteName, sftp.OutgoingFolder);
            }
            upload.UploadedAt = clock.UtcNow;
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private async Task FetchAsync(BankSftpConnection bank, BankFetchKind kind, string folder, BankExchangeAttempt attempt, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(folder))
        {
            return;
        }
        foreach (var (name, size, modifiedAt) in await bank.ListAsync(folder, cancellationToken))
        {
            if (await db.BankFetches.AnyAsync(f => f.Kind == kind && f.RemoteName == name && f.RemoteSize == size && f.RemoteModifiedAt == modifiedAt, cancellationToken))
            {
                continue;
            }
            var fetch = new BankFetch { Kind = kind, RemoteName = name, RemoteSize = size, RemoteModifiedAt = modifiedAt, FetchedAt = clock.UtcNow };
            var imported = size > MaxFetched
                ? UserError.Validation("bank.sftp-file-too-large", name)
                : await ImportAsync(kind, name, await bank.GetAsync(BankSftpConnection.Path(folder, name), cancellationToken), fetch, cancellationToken);
            if (!imported.Succeeded)
            {
                // Refused files are recorded too, so they are not fetched again each run; the page shows why.
                (fetch.ErrorCode, fetch.ErrorArguments) = StoredUserError.Pack(imported.Error!);
                db.BankFetches.Add(fetch);
                await db.SaveChangesAsync(cancellationToken);
                LogImportRefused(name, imported.Error!.Message(Accounts.Language.En));
            }
            attempt.Fetched++;
            metrics.Fetched(imported.Succeeded);
            if (options.Value.DeleteFetchedFiles)
            {
                await bank.DeleteAsync(BankSftpConnection.Path(folder, name), cancellationToken);
            }
        }
    }

    /// <summary>The import and the record of the fetch commit together: a run killed in between fetches the file again and imports it once.</summary>
    private Task<Outcome<string>> ImportAsync(BankFetchKind kind, string name, byte[] file, BankFetch fetch, CancellationToken cancellationToken) =>
        db.InTransactionAsync<string>(async () =>
        {
            using var reader = new StreamReader(new MemoryStream(file), Encoding.UTF8);
            var content = await reader.ReadToEndAsync(cancellationToken);
            var imported = kind == BankFetchKind.Returns
                ? (await returns.ImportAsync(name, content, cancellationToken)).Error
                : (await receipts.ImportAsync(name, content, cancellationToken)).Error;
            if (imported is not null)
            {
                return imported;
            }
            db.BankFetches.Add(fetch);
            await db.SaveChangesAsync(cancellationToken);
            LogFetched(kind, name);
            return name;
        }, cancellationToken);

    [LoggerMessage(Level = LogLevel.Error, Message = "The exchange with the bank over SFTP failed, files wait for the next try: {Reason}")]
    private partial void LogFailed(Exception exception, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "The exchange with the bank waits until {NotBefore} after failed tries")]
    private partial void LogWaiting(DateTimeOffset notBefore);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{RemoteName} is already in the bank's folder: recorded as sent, not sent again")]
    private partial void LogAlreadyAtBank(string remoteName);

    [LoggerMessage(Level = LogLevel.Information, Message = "{RemoteName} sent to the bank's folder {Folder}")]
    private partial void LogUploaded(string remoteName, string folder);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Kind} file {RemoteName} fetched from the bank and imported")]
    private partial void LogFetched(BankFetchKind kind, string remoteName);

    [LoggerMessage(Level = LogLevel.Error, Message = "File {RemoteName} fetched from the bank was not imported: {Reason}")]
    private partial void LogImportRefused(string remoteName, string reason);
}
