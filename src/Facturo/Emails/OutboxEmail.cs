using Facturo.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Facturo.Emails;

/// <summary>Pending until the SMTP server (or the pickup folder) takes it; failed when refused for good or after three days of trying.</summary>
public enum EmailState { Pending, Sent, Failed }

/// <summary>
/// An email to send, written in the same transaction as the change it tells about, so a crash can
/// neither lose it nor send it for a change that did not happen. The dispatcher claims it, sends it and stamps it.
/// </summary>
public sealed partial class OutboxEmail
{
    public const int MaxErrorLength = 1000;

    public long Id { get; set; }
    public required string Kind { get; set; }
    public required string ToAddress { get; set; }
    public Language Language { get; set; }
    public required string Subject { get; set; }
    public required string Body { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public EmailState State { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    /// <summary>Attempts since it was queued (or requeued by staff).</summary>
    public int Attempts { get; set; }
    /// <summary>Start of the three days of retries; null until the first attempt, so an email waiting for an SMTP host to be set loses none of them.</summary>
    public DateTimeOffset? FirstAttemptAt { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public string? LastError { get; set; }
    /// <summary>The dispatcher (one per process) sending it now, and until when: a node that dies leaves it to the others once the claim runs out.</summary>
    public string? ClaimedBy { get; set; }
    public DateTimeOffset? ClaimedUntil { get; set; }
    /// <summary>Set for emails a job may queue again after a crash ("invoice-ready:12:7"); unique, so they are queued once.</summary>
    public string? DedupKey { get; set; }
    /// <summary>The file sent with it (an invoice PDF), kept with the email so every attempt sends the same bytes.</summary>
    public string? AttachmentName { get; set; }
    public byte[]? Attachment { get; set; }
    /// <summary>The recipient's server refused it for good (a 5xx reply, an address that cannot be written): the address bounced.</summary>
    public bool Refused { get; set; }

    /// <summary>Stable per email, so a resend after a crash between sending and stamping is recognisable as the same message.</summary>
    public string MessageId => $"outbox-{Id}@facturo";

    /// <summary>Attaches a file (an invoice PDF) before the email is queued.</summary>
    public void Attach(string fileName, byte[] content) => (AttachmentName, Attachment) = (fileName, content);

    public void RecordSent(DateTimeOffset at)
    {
        Attempts++;
        FirstAttemptAt ??= at;
        (State, SentAt, ClaimedBy, ClaimedUntil) = (EmailState.Sent, at, null, null);
        ForgetLinkTokens();
    }

    /// <summary>A refusal for good fails it now; any other failure schedules the next attempt, until three days after the first.</summary>
    public void RecordFailure(DeliveryFailure failure, DateTimeOffset at, double jitter)
    {
        Attempts++;
        FirstAttemptAt ??= at;
        Refused = failure.Permanent;
        LastError = failure.Error.Length > MaxErrorLength ? failure.Error[..MaxErrorLength] : failure.Error;
        (ClaimedBy, ClaimedUntil) = (null, null);
        var next = failure.Permanent ? null : RetrySchedule.NextAttempt(Attempts, FirstAttemptAt.Value, at, jitter);
        if (next is { } due)
        {
            NextAttemptAt = due;
        }
        else
        {
            State = EmailState.Failed;
        }
    }

    /// <summary>Staff send it again: pending now, with three new days of retries.</summary>
    public void Requeue(DateTimeOffset at) => (State, Attempts, FirstAttemptAt, NextAttemptAt) = (EmailState.Pending, 0, null, at);

    /// <summary>
    /// Once delivered, the single-use tokens in its links (invitations, password resets, email confirmations) are of
    /// no use to keep, and a copy of the database must not open accounts: the stored body keeps the links without them.
    /// </summary>
    public void ForgetLinkTokens() => Body = LinkToken().Replace(Body, "token=(removed once sent)");

    [System.Text.RegularExpressions.GeneratedRegex(@"token=[^\s&]+")]
    private static partial System.Text.RegularExpressions.Regex LinkToken();
}

internal sealed class OutboxEmailConfiguration : IEntityTypeConfiguration<OutboxEmail>
{
    public void Configure(EntityTypeBuilder<OutboxEmail> email)
    {
        email.ToTable("outbox_emails");
        email.Property(e => e.Kind).HasMaxLength(32);
        email.Property(e => e.ToAddress).HasMaxLength(254);
        email.Property(e => e.Language).HasConversion<string>().HasMaxLength(2);
        email.Property(e => e.Subject).HasMaxLength(300);
        email.Property(e => e.State).HasConversion<string>().HasMaxLength(8);
        email.Property(e => e.LastError).HasMaxLength(OutboxEmail.MaxErrorLength);
        email.Property(e => e.ClaimedBy).HasMaxLength(100);
        // What the dispatchers claim from: the pending emails, by when they are due.
        email.HasIndex(e => new { e.State, e.NextAttemptAt });
        email.Property(e => e.DedupKey).HasMaxLength(100);
        email.HasIndex(e => e.DedupKey).IsUnique();
        email.Property(e => e.AttachmentName).HasMaxLength(100);
        // Whether a billing email bounced is looked up by address for every account a bill run invoices.
        email.HasIndex(e => e.ToAddress);
    }
}
