using Facturo.Data;
using MailKit;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Facturo.Emails;

/// <summary>
/// Sends queued emails and stamps each one sent; never drops one. It claims what is due (so several nodes send each
/// email once), sends over one SMTP connection per round, and on failure schedules the next attempt
/// (<see cref="RetrySchedule"/>) or, when refused for good, marks the email failed for staff to see and requeue.
/// A crash after sending and before stamping sends that one email again with the same Message-ID (and the same
/// pickup file name), never loses it. With neither an SMTP host nor a pickup folder, emails wait, and it says so.
/// </summary>
public sealed partial class EmailDispatcher(IServiceScopeFactory scopes, IOptions<EmailOptions> options, TimeProvider time, EmailMetrics metrics, ILogger<EmailDispatcher> logger)
    : BackgroundService
{
    private const int BatchSize = 50;
    /// <summary>How long a claim lasts: longer than a round of sends, which stops starting new ones well before it ends.</summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan NotConfiguredReminder = TimeSpan.FromHours(1);

    /// <summary>This dispatcher's name in its claims: unique per process, and tells an operator which host holds an email.</summary>
    public string Node { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    // What the log said last, so it speaks when delivery starts or stops failing, not at every email.
    private bool _failing;
    private DateTimeOffset? _notConfiguredSaidAt;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await SayIfNothingCanBeSentAsync(stoppingToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogDispatchFailed(exception);
        }
        // Polling runs on the machine's clock: it is plumbing, not business time, and a test clock jumping weeks must not replay it.
        // The first round comes one interval after start, not during it: a host polling rarely sends only when asked.
        using var timer = new PeriodicTimer(options.Value.PollInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SendPendingAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogDispatchFailed(exception);
            }
        }
    }

    /// <summary>One round: claims what is due, sends it, records what happened; returns how many emails were sent.</summary>
    public async Task<int> SendPendingAsync(CancellationToken cancellationToken)
    {
        if (await SayIfNothingCanBeSentAsync(cancellationToken))
        {
            return 0;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FacturoDbContext>();
        var claimedUntil = time.GetUtcNow() + ClaimLease;
        var ids = await OutboxClaims.ClaimAsync(db, Node, time.GetUtcNow(), claimedUntil, BatchSize, cancellationToken);
        var round = ids.Count == 0 ? new Round() : await DeliverAsync(db, options.Value, ids, claimedUntil, cancellationToken);
        var (pending, _) = await CountAsync(db, cancellationToken);
        Report(round, pending);
        return round.Sent;
    }

    /// <summary>With neither an SMTP host nor a pickup folder, logs an error (at start, then hourly) and returns true: emails wait.</summary>
    private async Task<bool> SayIfNothingCanBeSentAsync(CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(options.Value.PickupDirectory) || !string.IsNullOrWhiteSpace(options.Value.SmtpHost))
        {
            return false;
        }
        var now = time.GetUtcNow();
        if (_notConfiguredSaidAt is not { } said || now - said >= NotConfiguredReminder)
        {
            await using var scope = scopes.CreateAsyncScope();
            var (waiting, _) = await CountAsync(scope.ServiceProvider.GetRequiredService<FacturoDbContext>(), cancellationToken);
            _notConfiguredSaidAt = now;
            LogNotConfigured(waiting);
        }
        return true;
    }

    private sealed class Round
    {
        public int Sent { get; set; }
        public List<OutboxEmail> FailedForGood { get; } = [];
        public DeliveryFailure? ServerFailure { get; set; }
    }

    private async Task<Round> DeliverAsync(FacturoDbContext db, EmailOptions settings, IReadOnlyList<long> ids, DateTimeOffset claimedUntil, CancellationToken cancellationToken)
    {
        var emails = await db.OutboxEmails.Where(e => ids.Contains(e.Id)).OrderBy(e => e.Id).ToListAsync(cancellationToken);
        var round = new Round();
        var left = new Queue<OutboxEmail>(emails);
        using var smtp = new SmtpClient { Timeout = (int)settings.SmtpTimeout.TotalMilliseconds };
        try
        {
            // A send started now ends before the claim does, so no other node can take this email while it is on the wire.
            while (left.Count > 0 && time.GetUtcNow() + 2 * settings.SmtpTimeout < claimedUntil)
            {
                var email = left.Dequeue();
                try
                {
                    await SendAsync(smtp, settings, email, cancellationToken);
                    email.RecordSent(time.GetUtcNow());
                    metrics.Sent();
                    round.Sent++;
                }
                catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
                {
                    var failure = DeliveryFailure.Of(exception);
                    // The server itself failed: every email of the round would meet the same failure, so they all wait.
                    OutboxEmail[] failed = failure.WholeServer ? [email, .. left] : [email];
                    foreach (var each in failed)
                    {
                        RecordFailure(each, failure, round);
                    }
                    if (failure.WholeServer)
                    {
                        round.ServerFailure = failure;
                        left.Clear();
                    }
                }
                // Stamped at once: a crash now resends at most the email that was on the wire.
                await db.SaveChangesAsync(cancellationToken);
            }
        }
        finally
        {
            // Also when stopping: what this node did not get to is left to the others (or to this one restarted) at once.
            await QuitAsync(smtp);
            if (left.Count > 0)
            {
                await OutboxClaims.ReleaseAsync(db, Node, left.Select(e => e.Id).ToList(), CancellationToken.None);
            }
        }
        return round;
    }

    private void RecordFailure(OutboxEmail email, DeliveryFailure failure, Round round)
    {
        email.RecordFailure(failure, time.GetUtcNow(), Random.Shared.NextDouble());
        var failedForGood = email.State == EmailState.Failed;
        metrics.AttemptFailed(failedForGood);
        if (failedForGood)
        {
            round.FailedForGood.Add(email);
        }
    }

    private async Task SendAsync(SmtpClient smtp, EmailOptions settings, OutboxEmail email, CancellationToken cancellationToken)
    {
        if (!MailboxAddress.TryParse(settings.From, out var from))
        {
            // Not the email's fault: it waits for the setting to be corrected.
            throw new InvalidOperationException($"Email:From (\"{settings.From}\") is not an address emails can be sent from.");
        }
        var message = ToMime(email, from);
        if (!string.IsNullOrWhiteSpace(settings.PickupDirectory))
        {
            Directory.CreateDirectory(settings.PickupDirectory);
            // Written aside then renamed, so whatever watches the folder never reads half a message.
            var file = Path.Combine(settings.PickupDirectory, $"{email.Id:D10}.eml");
            var partial = file + ".partial";
            await message.WriteToAsync(partial, cancellationToken);
            File.Move(partial, file, overwrite: true);
            return;
        }
        if (!smtp.IsConnected)
        {
            // Set: with no pickup folder, SendPendingAsync goes on only when the host is.
            await smtp.ConnectAsync(settings.SmtpHost!, settings.SmtpPort, MailKit.Security.SecureSocketOptions.Auto, cancellationToken);
            if (!string.IsNullOrEmpty(settings.SmtpUser))
            {
                await smtp.AuthenticateAsync(settings.SmtpUser, settings.SmtpPassword ?? "", cancellationToken);
            }
        }
        await smtp.SendAsync(message, cancellationToken);
    }

    private static MimeMessage ToMime(OutboxEmail email, MailboxAddress from)
    {
        var text = new TextPart("plain") { Text = email.Body };
        MimeEntity body = text;
        if (email.Attachment is { } bytes)
        {
            var attachment = new MimePart(MimeTypes.GetMimeType(email.AttachmentName ?? "attachment.bin"))
            {
                Content = new MimeContent(new MemoryStream(bytes)),
                ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
                ContentTransferEncoding = ContentEncoding.Base64,
                FileName = email.AttachmentName,
            };
            body = new Multipart("mixed") { text, attachment };
        }
        var message = new MimeMessage { Subject = email.Subject, MessageId = email.MessageId, Body = body };
        message.From.Add(from);
        message.To.Add(MailboxAddress.Parse(email.ToAddress));
        message.Headers.Add(HeaderId.ContentLanguage, email.Language == Accounts.Language.Fr ? "fr-CA" : "en-CA");
        return message;
    }

    private static async Task QuitAsync(SmtpClient smtp)
    {
        if (!smtp.IsConnected)
        {
            return;
        }
        try
        {
            await smtp.DisconnectAsync(quit: true, CancellationToken.None);
        }
        catch (Exception exception) when (exception is IOException or ProtocolException or SmtpCommandException)
        {
            // What was sent is stamped; a server gone before QUIT changes nothing.
        }
    }

    /// <summary>Emails pending and failed now, for the gauges and the log.</summary>
    private async Task<(long Pending, long Failed)> CountAsync(FacturoDbContext db, CancellationToken cancellationToken)
    {
        var pending = await db.OutboxEmails.LongCountAsync(e => e.State == EmailState.Pending, cancellationToken);
        var failed = await db.OutboxEmails.LongCountAsync(e => e.State == EmailState.Failed, cancellationToken);
        metrics.Counted(pending, failed);
        return (pending, failed);
    }

    private void Report(Round round, long pending)
    {
        if (round.FailedForGood.Count > 0)
        {
            LogFailedForGood(round.FailedForGood.Count, round.FailedForGood[0].Id, round.FailedForGood[0].LastError);
        }
        if (round.ServerFailure is { } failure && round.Sent == 0 && !_failing)
        {
            _failing = true;
            LogDeliveryFailing(failure.Error, pending);
        }
        else if (round.Sent > 0 && _failing)
        {
            _failing = false;
            LogDeliveryRecovered(pending);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Email dispatch failed")]
    private partial void LogDispatchFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Emails cannot be sent: {Error}. {Pending} email(s) wait and are tried again with growing delays for up to three days; staff see them at /admin/emails")]
    private partial void LogDeliveryFailing(string error, long pending);

    [LoggerMessage(Level = LogLevel.Information, Message = "Emails are being sent again; {Pending} email(s) still waiting")]
    private partial void LogDeliveryRecovered(long pending);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Count} email(s) failed for good (email {EmailId}: {Error}); staff requeue them at /admin/emails")]
    private partial void LogFailedForGood(int count, long emailId, string? error);

    [LoggerMessage(Level = LogLevel.Error, Message = "No email is sent: set Email:SmtpHost (or, for development, Email:PickupDirectory). {Pending} email(s) wait; none is dropped")]
    private partial void LogNotConfigured(long pending);
}
