using Facturo.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Facturo.Billing;

/// <summary>A correction of a finalised invoice. Its id is its number, from its own gap-free sequence.</summary>
public sealed class CreditNote
{
    public long Id { get; set; }
    public long InvoiceId { get; set; }
    public long AccountId { get; set; }
    public DateOnly IssueDate { get; set; }
    public required string Reason { get; set; }
    public string CurrencyCode { get; set; } = "CAD";
    public long SubtotalCents { get; set; }
    public long TaxCents { get; set; }
    public long TotalCents { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public string Number => FormatNumber(Id);
    public static string FormatNumber(long id) => $"NC{id:D8}";
}

internal sealed class CreditNoteConfiguration : IEntityTypeConfiguration<CreditNote>
{
    public void Configure(EntityTypeBuilder<CreditNote> note)
    {
        note.Property(n => n.Id).ValueGeneratedNever();
        note.Property(n => n.Reason).HasMaxLength(500);
        note.Property(n => n.CurrencyCode).HasMaxLength(3).IsFixedLength();
        note.HasIndex(n => n.InvoiceId);
        note.HasOne<Invoice>().WithMany().HasForeignKey(n => n.InvoiceId).OnDelete(DeleteBehavior.Restrict);
        note.HasOne<CustomerAccount>().WithMany().HasForeignKey(n => n.AccountId).OnDelete(DeleteBehavior.Restrict);
    }
}
