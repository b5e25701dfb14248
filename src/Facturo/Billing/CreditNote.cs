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
    public List<CreditNoteLine> Lines { get; set; } = [];
    public List<CreditNoteTax> Taxes { get; set; } = [];

    public string Number => FormatNumber(Id);
    public static string FormatNumber(long id) => $"NC{id:D8}";
}

/// <summary>How much of one invoice line a credit note gives back.</summary>
public sealed class CreditNoteLine
{
    public long CreditNoteId { get; set; }
    public int InvoiceLineNumber { get; set; }
    public long AmountCents { get; set; }
}

/// <summary>One tax a credit note gives back: the credited lines' share of the invoice's tax of that code.</summary>
public sealed class CreditNoteTax
{
    public long CreditNoteId { get; set; }
    public required string Code { get; set; }
    public decimal Rate { get; set; }
    public long BaseCents { get; set; }
    public long AmountCents { get; set; }

    public Taxes.TaxAmount ToAmount(Currency currency)
    {
        var key = Taxes.TaxKey.Parse(Code);
        return new(key.Kind, key.Province, Rate, new Money(BaseCents, currency), new Money(AmountCents, currency));
    }

    public static CreditNoteTax From(Taxes.TaxAmount tax) => new() { Code = tax.Key.Code, Rate = tax.Rate, BaseCents = tax.Base.Cents, AmountCents = tax.Amount.Cents };
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
        note.HasMany(n => n.Lines).WithOne().HasForeignKey(l => l.CreditNoteId).OnDelete(DeleteBehavior.Restrict);
        note.HasMany(n => n.Taxes).WithOne().HasForeignKey(t => t.CreditNoteId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CreditNoteLineConfiguration : IEntityTypeConfiguration<CreditNoteLine>
{
    public void Configure(EntityTypeBuilder<CreditNoteLine> line) => line.HasKey(l => new { l.CreditNoteId, l.InvoiceLineNumber });
}

internal sealed class CreditNoteTaxConfiguration : IEntityTypeConfiguration<CreditNoteTax>
{
    public void Configure(EntityTypeBuilder<CreditNoteTax> tax)
    {
        tax.HasKey(t => new { t.CreditNoteId, t.Code });
        tax.Property(t => t.Code).HasMaxLength(8);
        tax.Property(t => t.Rate).HasPrecision(7, 5);
    }
}
