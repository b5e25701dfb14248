using Facturo.Data;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Facturo.Emails;

/// <summary>
/// Sends queued emails in order and stamps each one sent. A crash after sending and before stamping
/// sends that one email again with the same Message-ID (and the same pickup file name), never loses it.
/// </summary>
public sealed partial class EmailDispatcher(IServiceScopeFactory scopes, IOptions<EmailOptions> options, TimeProvider time, ILogger<EmailDispatcher> logger) : BackgroundService
{
    private const int MaxAttempts = 10;

    // The polling loop and an explicit send (tests, CLI) must not deliver the same email twice.
    private readonly SemaphoreSlim oneSenderAtATime = new(1, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Polling runs on the machine's clock: it is plumbing, not business time, and a test clock jumping weeks must not replay it.
        using var timer = new PeriodicTimer(options.Value.PollInterval);
        do
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
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task<int> SendPendingAsync(CancellationToken cancellationToken)
    {
        await oneSenderAtATime.WaitAsync(cancellationToken);
        try
        {
            return await SendPendingInOrderAsync(cancellationToken);
        }
        finally
        {
            oneSenderAtATime.Release();
        }
    }

    private async Task<int> SendPendingInOrderAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FacturoDbContext>();
        var pending = await db.OutboxEmails.Where(e => e.SentAt == null && e.Attempts < MaxAttempts).OrderBy(e => e.Id).Take(50).ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var email in pending)
        {
            try
            {
                await DeliverAsync(email, cancellationToken);
                email.SentAt = time.GetUtcNow();
                email.ForgetLinkTokens();
                sent++;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                email.LastError = exception.Message.Length > 1000 ? exception.Message[..1000] : exception.Message;
                LogSendFailed(email.Id, exception.Message);
            }
            email.Attempts++;
            await db.SaveChangesAsync(cancellationToken);
        }
        return sent;
    }

    public override void Dispose()
    {
        oneSenderAtATime.Dispose();
        base.Dispose();
    }

    private MimeMessage ToMime(OutboxEmail email)
    {
        var message = new MimeMessage { Subject = email.Subject, MessageId = email.MessageId, Body = new TextPart("plain") { Text = email.Body } };
        message.From.Add(MailboxAddress.Parse(options.Value.From));
        message.To.Add(MailboxAddress.Parse(email.ToAddress));
        message.Headers.Add(HeaderId.ContentLanguage, email.Language == Accounts.Language.Fr ? "fr-CA" : "en-CA");
        return message;
    }

    private async Task DeliverAsync(OutboxEmail email, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var message = ToMime(email);
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
        if (string.IsNullOrWhiteSpace(settings.SmtpHost))
        {
            throw new InvalidOperationException("Email:SmtpHost or Email:PickupDirectory must be set.");
        }
        using var smtp = new SmtpClient();
        await smtp.ConnectAsync(settings.SmtpHost, settings.SmtpPort, MailKit.Security.SecureSocketOptions.Auto, cancellationToken);
        if (!string.IsNullOrEmpty(settings.SmtpUser))
        {
            await smtp.AuthenticateAsync(settings.SmtpUser, settings.SmtpPassword ?? "", cancellationToken);
        }
        await smtp.SendAsync(message, cancellationToken);
        await smtp.DisconnectAsync(true, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Email dispatch failed")]
    private partial void LogDispatchFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Email {EmailId} not sent: {Reason}")]
    private partial void LogSendFailed(long emailId, string reason);
}
