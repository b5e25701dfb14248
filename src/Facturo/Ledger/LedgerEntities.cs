using Facturo.Ledger;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Facturo.Ledger;

/// <summary>A recorded posting. Rows are only ever inserted: the database refuses updates and deletes.</summary>
public sealed class LedgerPosting
{
    public long Id { get; set; }
    public PostingKind Kind { get; set; }
    public DateOnly EffectiveDate { get; set; }
    public required string Reference { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public List<LedgerEntry> Entries { get; set; } = [];

    public static LedgerPosting From(Posting posting, DateTimeOffset recordedAt) => new()
    {
        Kind = posting.Kind,
        EffectiveDate = posting.EffectiveDate,
        Reference = posting.Reference,
        RecordedAt = recordedAt,
        Entries = posting.Lines.Select(l => new LedgerEntry
        {
            Account = l.Account,
            AmountCents = l.Amount.Cents,
            CurrencyCode = l.Amount.Currency.Code,
            CustomerAccountId = l.CustomerAccountId,
            DocumentKind = l.Document?.Kind,
            DocumentId = l.Document?.Id,
        }).ToList(),
    };
}

public sealed class LedgerEntry
{
    public long Id { get; set; }
    public long PostingId { get; set; }
    public LedgerAccount Account { get; set; }
    /// <summary>Debit positive, credit negative.</summary>
    public long AmountCents { get; set; }
    public string CurrencyCode { get; set; } = "CAD";
    public long? CustomerAccountId { get; set; }
    public ReceivableKind? DocumentKind { get; set; }
    public long? DocumentId { get; set; }
}

internal sealed class LedgerPostingConfiguration : IEntityTypeConfiguration<LedgerPosting>
{
    public void Configure(EntityTypeBuilder<LedgerPosting> posting)
    {
        posting.Property(p => p.Kind).HasConversion<string>().HasMaxLength(24);
        posting.Property(p => p.Reference).HasMaxLength(64);
        posting.HasMany(p => p.Entries).WithOne().HasForeignKey(e => e.PostingId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class LedgerEntryConfiguration : IEntityTypeConfiguration<LedgerEntry>
{
    public void Configure(EntityTypeBuilder<LedgerEntry> entry)
    {
        entry.Property(e => e.Account).HasConversion<string>().HasMaxLength(32);
        entry.Property(e => e.CurrencyCode).HasMaxLength(3).IsFixedLength();
        entry.Property(e => e.DocumentKind).HasConversion<string>().HasMaxLength(16);
        // Covers the receivable sums (account, then document) so they read the index alone.
        entry.HasIndex(e => new { e.CustomerAccountId, e.Account, e.DocumentKind, e.DocumentId, e.AmountCents });
        entry.HasOne<Accounts.CustomerAccount>().WithMany().HasForeignKey(e => e.CustomerAccountId).OnDelete(DeleteBehavior.Restrict);
    }
}
