using Facturo.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Facturo.Portal;

public enum AccessRequestStatus
{
    /// <summary>Waiting for the business's administrators or, for an account not on the portal, customer relations.</summary>
    Pending,
    /// <summary>An invitation went out: to the requester once approved, or to the billing email on file.</summary>
    Invited,
    Refused,
}

/// <summary>
/// Someone who proved an account with a recent invoice and asked to join the portal. It records who asked and
/// from where, never the proof or a token: the invitation it leads to is sent only once someone answerable decides.
/// A request with no enterprise is for an account not yet on the portal and is reviewed by customer relations.
/// </summary>
public sealed class AccessRequest
{
    public long Id { get; set; }
    public long AccountId { get; set; }
    public long? EnterpriseId { get; set; }
    public required string FullName { get; set; }
    public required string Email { get; set; }
    public Language Language { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public required string FromAddress { get; set; }
    public AccessRequestStatus Status { get; set; }
    public PortalRole? GrantedRole { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public long? DecidedByUserId { get; set; }
    public long? DecidedByStaffId { get; set; }
    public long? InvitationId { get; set; }
}

internal sealed class AccessRequestConfiguration : IEntityTypeConfiguration<AccessRequest>
{
    public void Configure(EntityTypeBuilder<AccessRequest> request)
    {
        request.Property(r => r.FullName).HasMaxLength(200);
        request.Property(r => r.Email).HasMaxLength(254);
        request.Property(r => r.Language).HasConversion<string>().HasMaxLength(2);
        request.Property(r => r.FromAddress).HasMaxLength(64);
        request.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        request.Property(r => r.GrantedRole).HasConversion<string>().HasMaxLength(16);
        request.HasIndex(r => new { r.Status, r.EnterpriseId });
        request.HasOne<CustomerAccount>().WithMany().HasForeignKey(r => r.AccountId).OnDelete(DeleteBehavior.Restrict);
        request.HasOne<Enterprise>().WithMany().HasForeignKey(r => r.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
        request.HasOne<Invitation>().WithMany().HasForeignKey(r => r.InvitationId).OnDelete(DeleteBehavior.Restrict);
    }
}
