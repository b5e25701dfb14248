using Facturo.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Facturo.Portal;

public enum PortalRole
{
    /// <summary>Manages the enterprise's users and everything a payer does.</summary>
    Admin,
    /// <summary>Sees invoices and pays them.</summary>
    Payer,
    /// <summary>Sees invoices only.</summary>
    Viewer,
}

/// <summary>A customer's business as the portal knows it: the customer accounts it owns and the people who sign in for it.</summary>
public sealed class Enterprise
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A customer account linked to an enterprise; an account belongs to one enterprise at most.</summary>
public sealed class EnterpriseAccount
{
    public long EnterpriseId { get; set; }
    public long AccountId { get; set; }
    public DateTimeOffset LinkedAt { get; set; }
}

/// <summary>A person who signs in to the portal, for one enterprise, with one role.</summary>
public sealed class PortalUser : IdentityUser<long>
{
    public long EnterpriseId { get; set; }
    public PortalRole Role { get; set; }
    public required string FullName { get; set; }
    public Language Language { get; set; }
    public required string SecurityQuestion1 { get; set; }
    public required string SecurityAnswer1Hash { get; set; }
    public required string SecurityQuestion2 { get; set; }
    public required string SecurityAnswer2Hash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RemovedAt { get; set; }
    /// <summary>Set by a reset with the security questions (without two-step verification): the next sign-in from a browser not seen before needs a code emailed to the person.</summary>
    public bool EmailCodeOnNewBrowser { get; set; }
    /// <summary>The 30-second step of the last authenticator code accepted: a code at or before it is refused, so one code signs in one session.</summary>
    public long LastTotpStep { get; set; }
}

/// <summary>
/// An emailed invitation to register. Only the SHA-256 of its token is stored; it is used once and
/// expires. The first invitation of an account creates the enterprise; later ones join it.
/// </summary>
public sealed class Invitation
{
    public long Id { get; set; }
    public required string TokenHash { get; set; }
    public required string Email { get; set; }
    public long AccountId { get; set; }
    public long? EnterpriseId { get; set; }
    public PortalRole Role { get; set; }
    public Language Language { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
    /// <summary>Set when an administrator withdraws the invitation; the token then registers nobody.</summary>
    public DateTimeOffset? CancelledAt { get; set; }
    public long? InvitedByUserId { get; set; }
}

internal sealed class EnterpriseConfiguration : IEntityTypeConfiguration<Enterprise>
{
    public void Configure(EntityTypeBuilder<Enterprise> enterprise) => enterprise.Property(e => e.Name).HasMaxLength(200);
}

internal sealed class EnterpriseAccountConfiguration : IEntityTypeConfiguration<EnterpriseAccount>
{
    public void Configure(EntityTypeBuilder<EnterpriseAccount> link)
    {
        link.HasKey(l => new { l.EnterpriseId, l.AccountId });
        link.HasIndex(l => l.AccountId).IsUnique();
        link.HasOne<Enterprise>().WithMany().HasForeignKey(l => l.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
        link.HasOne<CustomerAccount>().WithMany().HasForeignKey(l => l.AccountId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PortalUserConfiguration : IEntityTypeConfiguration<PortalUser>
{
    public void Configure(EntityTypeBuilder<PortalUser> user)
    {
        user.ToTable("portal_users");
        user.Property(u => u.Role).HasConversion<string>().HasMaxLength(16);
        user.Property(u => u.Language).HasConversion<string>().HasMaxLength(2);
        user.Property(u => u.FullName).HasMaxLength(200);
        user.Property(u => u.SecurityQuestion1).HasMaxLength(32);
        user.Property(u => u.SecurityQuestion2).HasMaxLength(32);
        user.Property(u => u.SecurityAnswer1Hash).HasMaxLength(200);
        user.Property(u => u.SecurityAnswer2Hash).HasMaxLength(200);
        user.HasIndex(u => u.EnterpriseId);
        user.HasOne<Enterprise>().WithMany().HasForeignKey(u => u.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> invitation)
    {
        invitation.Property(i => i.TokenHash).HasMaxLength(64).IsFixedLength();
        invitation.HasIndex(i => i.TokenHash).IsUnique();
        invitation.Property(i => i.Email).HasMaxLength(254);
        invitation.Property(i => i.Role).HasConversion<string>().HasMaxLength(16);
        invitation.Property(i => i.Language).HasConversion<string>().HasMaxLength(2);
        invitation.HasOne<CustomerAccount>().WithMany().HasForeignKey(i => i.AccountId).OnDelete(DeleteBehavior.Restrict);
        invitation.HasOne<Enterprise>().WithMany().HasForeignKey(i => i.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
    }
}
