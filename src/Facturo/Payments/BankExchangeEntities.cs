using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Facturo.Payments;

/// <summary>
/// A debit file owed to the bank over SFTP, queued in the same transaction that wrote it to the outbox. Only files made while
/// SFTP is configured are queued: a file from before may already have reached the bank by hand.
/// </summary>
public sealed class BankUpload
{
    public long Id { get; set; }
    public long DebitBatchId { get; set; }
    /// <summary>The batch's file name: a run that died after uploading finds it at the bank under this name and does not send it again.</summary>
    public required string RemoteName { get; set; }
    public DateTimeOffset QueuedAt { get; set; }
    public DateTimeOffset? UploadedAt { get; set; }
}

public enum BankFetchKind { Returns, Remittance }

/// <summary>A file taken from the bank's folder and what its import did; the same name, size and time are never fetched again.</summary>
public sealed class BankFetch
{
    public long Id { get; set; }
    public BankFetchKind Kind { get; set; }
    public required string RemoteName { get; set; }
    public long RemoteSize { get; set; }
    public DateTimeOffset RemoteModifiedAt { get; set; }
    public DateTimeOffset FetchedAt { get; set; }
    /// <summary>Null when imported; otherwise the refusal's code and arguments, shown in the reader's language.</summary>
    public string? ErrorCode { get; set; }
    public string? ErrorArguments { get; set; }
}

/// <summary>One connection to the bank, by the schedule or an operator: the bank files page shows the last success and the last error.</summary>
public sealed class BankExchangeAttempt
{
    public long Id { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public bool Succeeded { get; set; }
    /// <summary>"schedule" or the staff member who pressed the button.</summary>
    public required string StartedBy { get; set; }
    public int Uploaded { get; set; }
    public int Fetched { get; set; }
    /// <summary>Null when it succeeded; otherwise the failure's code and arguments, shown in the reader's language.</summary>
    public string? ErrorCode { get; set; }
    public string? ErrorArguments { get; set; }
}

internal sealed class BankUploadConfiguration : IEntityTypeConfiguration<BankUpload>
{
    public void Configure(EntityTypeBuilder<BankUpload> upload)
    {
        upload.Property(u => u.RemoteName).HasMaxLength(100);
        upload.HasIndex(u => u.DebitBatchId).IsUnique();
        upload.HasOne<DebitBatch>().WithMany().HasForeignKey(u => u.DebitBatchId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class BankFetchConfiguration : IEntityTypeConfiguration<BankFetch>
{
    public void Configure(EntityTypeBuilder<BankFetch> fetch)
    {
        fetch.Property(f => f.Kind).HasConversion<string>().HasMaxLength(12);
        fetch.Property(f => f.RemoteName).HasMaxLength(255);
        fetch.Property(f => f.ErrorCode).HasMaxLength(64);
        fetch.Property(f => f.ErrorArguments).HasMaxLength(2000);
        fetch.HasIndex(f => new { f.Kind, f.RemoteName, f.RemoteSize, f.RemoteModifiedAt }).IsUnique();
    }
}

internal sealed class BankExchangeAttemptConfiguration : IEntityTypeConfiguration<BankExchangeAttempt>
{
    public void Configure(EntityTypeBuilder<BankExchangeAttempt> attempt)
    {
        attempt.Property(a => a.StartedBy).HasMaxLength(256);
        attempt.Property(a => a.ErrorCode).HasMaxLength(64);
        attempt.Property(a => a.ErrorArguments).HasMaxLength(2000);
        attempt.HasIndex(a => new { a.Succeeded, a.Id });
    }
}
