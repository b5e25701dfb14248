using Facturo.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Facturo.Portal;

/// <summary>
/// A business's administrator proved an account with a recent invoice and asked to link it. The proof is printed on the
/// invoice, so the link waits for the account's billing contact, who confirms it with the emailed single-use link.
/// Only the token's SHA-256 is kept.
/// </summary>
public sealed class AccountLinkRequest
{
    public long Id { get; set; }
    public required string TokenHash { get; set; }
    public long EnterpriseId { get; set; }
    public long AccountId { get; set; }
    public long RequestedByUserId { get; set; }
    /// <summary>The billing email on file when asked: the confirmation went there.</summary>
    public required string SentTo { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? ConfirmedAt { get; set; }
    /// <summary>Set when an administrator of the business withdraws the request; the link then links nothing.</summary>
    public DateTimeOffset? CancelledAt { get; set; }
}

internal sealed class AccountLinkRequestConfiguration : IEntityTypeConfiguration<AccountLinkRequest>
{
    public void Configure(EntityTypeBuilder<AccountLinkRequest> request)
    {
        request.Property(r => r.TokenHash).HasMaxLength(64).IsFixedLength();
        request.HasIndex(r => r.TokenHash).IsUnique();
        request.Property(r => r.SentTo).HasMaxLength(254);
        request.HasIndex(r => new { r.EnterpriseId, r.AccountId });
        request.HasOne<Enterprise>().WithMany().HasForeignKey(r => r.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
        request.HasOne<CustomerAccount>().WithMany().HasForeignKey(r => r.AccountId).OnDelete(DeleteBehavior.Restrict);
        request.HasOne<PortalUser>().WithMany().HasForeignKey(r => r.RequestedByUserId).OnDelete(DeleteBehavior.Restrict);
    }
}
