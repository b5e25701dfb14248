using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Facturo.Passwords;

public enum PasswordOwner { PortalUser, StaffMember }

/// <summary>The hash of a password someone replaced, so they cannot go back to it; only the newest few are kept.</summary>
public sealed class PasswordHistoryEntry
{
    public long Id { get; set; }
    public PasswordOwner Owner { get; set; }
    public long OwnerId { get; set; }
    public required string Hash { get; set; }
    public DateTimeOffset ReplacedAt { get; set; }
}

internal sealed class PasswordHistoryEntryConfiguration : IEntityTypeConfiguration<PasswordHistoryEntry>
{
    public void Configure(EntityTypeBuilder<PasswordHistoryEntry> entry)
    {
        entry.ToTable("password_history");
        entry.Property(e => e.Owner).HasConversion<string>().HasMaxLength(16);
        entry.Property(e => e.Hash).HasMaxLength(500);
        entry.HasIndex(e => new { e.Owner, e.OwnerId });
    }
}
