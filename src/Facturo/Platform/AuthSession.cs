using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Facturo.Platform;

/// <summary>Whose session it is: a customer's portal user or a staff member of the back office (ids from different tables).</summary>
public enum SessionAudience { Portal, Staff }

/// <summary>
/// One signed-in browser. The cookie holds only a random key; this row holds the key's SHA-256 and the sign-in
/// itself (claims and all) sealed with Data Protection, so ending the row ends the session whatever a copied cookie says.
/// </summary>
public sealed class AuthSession
{
    public long Id { get; set; }
    /// <summary>SHA-256 of the cookie's key, in hex: a copy of this table opens no session.</summary>
    public required string KeyHash { get; set; }
    public SessionAudience Audience { get; set; }
    public long UserId { get; set; }
    /// <summary>The authentication ticket, serialized then protected with Data Protection.</summary>
    public required byte[] ProtectedTicket { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Moved forward at most once a minute, so a busy session does not write on every request.</summary>
    public DateTimeOffset LastSeenAt { get; set; }
    /// <summary>The absolute limit: the session ends then, however active it is.</summary>
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    /// <summary>Where and in what the person signed in, shown to them beside their sessions.</summary>
    public required string ClientAddress { get; set; }
    public required string UserAgent { get; set; }

    public const int UserAgentLength = 200;
}

internal sealed class AuthSessionConfiguration : IEntityTypeConfiguration<AuthSession>
{
    public void Configure(EntityTypeBuilder<AuthSession> session)
    {
        session.Property(s => s.KeyHash).HasMaxLength(64);
        session.Property(s => s.Audience).HasConversion<string>().HasMaxLength(8);
        session.Property(s => s.ClientAddress).HasMaxLength(64);
        session.Property(s => s.UserAgent).HasMaxLength(AuthSession.UserAgentLength);
        session.HasIndex(s => s.KeyHash).IsUnique();
        session.HasIndex(s => new { s.Audience, s.UserId });
    }
}
