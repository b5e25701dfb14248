using Facturo.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Facturo.Emails;

/// <summary>
/// An email to send, written in the same transaction as the change it tells about, so a crash can
/// neither lose it nor send it for a change that did not happen. The dispatcher sends it and stamps it.
/// </summary>
public sealed partial class OutboxEmail
{
    public long Id { get; set; }
    public required string Kind { get; set; }
    public required string ToAddress { get; set; }
    public Language Language { get; set; }
    public required string Subject { get; set; }
    public required string Body { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    /// <summary>Set for emails a job may queue again after a crash ("invoice-ready:12:7"); unique, so they are queued once.</summary>
    public string? DedupKey { get; set; }

    /// <summary>Stable per email, so a resend after a crash between sending and stamping is recognisable as the same message.</summary>
    public string MessageId => $"outbox-{Id}@facturo";

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
        email.Property(e => e.LastError).HasMaxLength(1000);
        email.HasIndex(e => new { e.SentAt, e.Id });
        email.Property(e => e.DedupKey).HasMaxLength(100);
        email.HasIndex(e => e.DedupKey).IsUnique();
    }
}
