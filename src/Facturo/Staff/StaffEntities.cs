using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Facturo.Staff;

/// <summary>What a staff member may do. Administrators may do everything, including reading the audit log.</summary>
public enum StaffRole { CustomerRelations, BillingOperator, Sales, Administrator }

/// <summary>
/// A person working for the biller, signing in to /admin. Kept apart from customers' portal users: other
/// table, other cookie, other sign-in page, and two-step verification that cannot be turned off.
/// </summary>
public sealed class StaffMember
{
    public long Id { get; set; }
    public required string Email { get; set; }
    public required string FullName { get; set; }
    public StaffRole Role { get; set; }
    /// <summary>Empty until the person chooses a password through their emailed link (<see cref="PasswordLinkHash"/>).</summary>
    public required string PasswordHash { get; set; }
    /// <summary>The SHA-256 of the single-use link that lets the person choose their password; null once used or when none was sent.</summary>
    public string? PasswordLinkHash { get; set; }
    public DateTimeOffset? PasswordLinkExpiresAt { get; set; }
    /// <summary>The authenticator key, encrypted with Data Protection; null until the person has set up their authenticator app.</summary>
    public string? ProtectedTotpKey { get; set; }
    public bool TotpConfirmed { get; set; }
    /// <summary>The last time step accepted, so a code is used once.</summary>
    public long LastTotpStep { get; set; }
    public int FailedSignIns { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DisabledAt { get; set; }
    /// <summary>When the person last finished both steps of the sign-in.</summary>
    public DateTimeOffset? LastSignInAt { get; set; }
}

/// <summary>One staff action, written with the change it describes (in its transaction where the change has one) and never changed afterwards.</summary>
public sealed class StaffAuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public long StaffId { get; set; }
    public required string StaffEmail { get; set; }
    public required string Action { get; set; }
    /// <summary>What was acted on: "account 1000003", "payment P000000012"…</summary>
    public required string Subject { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }
    public required string IpAddress { get; set; }
}

internal sealed class StaffMemberConfiguration : IEntityTypeConfiguration<StaffMember>
{
    public void Configure(EntityTypeBuilder<StaffMember> staff)
    {
        staff.Property(s => s.Email).HasMaxLength(256);
        staff.Property(s => s.FullName).HasMaxLength(200);
        staff.Property(s => s.Role).HasConversion<string>().HasMaxLength(24);
        staff.Property(s => s.PasswordHash).HasMaxLength(500);
        staff.Property(s => s.ProtectedTotpKey).HasMaxLength(1000);
        staff.Property(s => s.PasswordLinkHash).HasMaxLength(64);
        staff.HasIndex(s => s.Email).IsUnique();
        staff.HasIndex(s => s.PasswordLinkHash).IsUnique();
    }
}

internal sealed class StaffAuditEntryConfiguration : IEntityTypeConfiguration<StaffAuditEntry>
{
    public void Configure(EntityTypeBuilder<StaffAuditEntry> entry)
    {
        entry.Property(e => e.StaffEmail).HasMaxLength(256);
        entry.Property(e => e.Action).HasMaxLength(64);
        entry.Property(e => e.Subject).HasMaxLength(200);
        entry.Property(e => e.IpAddress).HasMaxLength(64);
        entry.HasIndex(e => e.At);
        entry.HasIndex(e => e.Subject);
        entry.HasOne<StaffMember>().WithMany().HasForeignKey(e => e.StaffId).OnDelete(DeleteBehavior.Restrict);
    }
}
