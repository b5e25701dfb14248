using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Facturo.Api;

/// <summary>
/// What a key did: one entry per successful API write, committed with the change. Apart from the staff log because its
/// rows name a staff member (a foreign key) and a key is not one; the key's page in the back office lists these.
/// </summary>
public sealed class ApiAuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public long ApiKeyId { get; set; }
    /// <summary>The key's name when it acted: a key renamed later still shows what it was called.</summary>
    public required string KeyName { get; set; }
    /// <summary>The endpoint's name ("PlaceOrder", "IssueCreditNote").</summary>
    public required string Action { get; set; }
    /// <summary>What was created or changed: the Location of the answer ("/api/v1/orders/12"), else the path called.</summary>
    public required string Subject { get; set; }
    public int Status { get; set; }
    public required string IpAddress { get; set; }
}

internal sealed class ApiAuditEntryConfiguration : IEntityTypeConfiguration<ApiAuditEntry>
{
    public void Configure(EntityTypeBuilder<ApiAuditEntry> entry)
    {
        entry.Property(e => e.KeyName).HasMaxLength(100);
        entry.Property(e => e.Action).HasMaxLength(100);
        entry.Property(e => e.Subject).HasMaxLength(300);
        entry.Property(e => e.IpAddress).HasMaxLength(64);
        entry.HasIndex(e => new { e.ApiKeyId, e.Id });
        entry.HasOne<ApiKey>().WithMany().HasForeignKey(e => e.ApiKeyId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>
/// An Idempotency-Key an API key sent with a POST: the request's fingerprint, and once the first attempt finished, its answer
/// to replay. A row without an answer is an attempt in flight, claimed by <see cref="ClaimToken"/> until <see cref="ClaimedUntil"/>.
/// </summary>
public sealed class IdempotentRequest
{
    public long Id { get; set; }
    public long ApiKeyId { get; set; }
    public required string Key { get; set; }
    /// <summary>SHA-256 of the method, path and body bytes: the same key with another request is refused.</summary>
    public required string RequestHash { get; set; }
    public Guid ClaimToken { get; set; }
    public DateTimeOffset ClaimedUntil { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public int? ResponseStatus { get; set; }
    public string? ResponseContentType { get; set; }
    public string? ResponseLocation { get; set; }
    public byte[]? ResponseBody { get; set; }
}

internal sealed class IdempotentRequestConfiguration : IEntityTypeConfiguration<IdempotentRequest>
{
    public void Configure(EntityTypeBuilder<IdempotentRequest> request)
    {
        request.Property(r => r.Key).HasMaxLength(255);
        request.Property(r => r.RequestHash).HasMaxLength(64).IsFixedLength();
        request.Property(r => r.ResponseContentType).HasMaxLength(200);
        request.Property(r => r.ResponseLocation).HasMaxLength(500);
        request.HasIndex(r => new { r.ApiKeyId, r.Key }).IsUnique();
        request.HasOne<ApiKey>().WithMany().HasForeignKey(r => r.ApiKeyId).OnDelete(DeleteBehavior.Cascade);
    }
}
