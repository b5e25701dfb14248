using Facturo.Accounts;
using Facturo.Taxes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Facturo.Billing;

/// <summary>
/// A finalised invoice. Its id is its number, drawn without gaps from the invoice sequence. It keeps
/// a copy of the customer's and the biller's details as they were, and is never changed afterwards:
/// corrections are credit notes.
/// </summary>
public sealed class Invoice
{
    public long Id { get; set; }
    public long AccountId { get; set; }
    public long BillRunId { get; set; }
    public required string Period { get; set; }
    public DateOnly IssueDate { get; set; }
    public DateOnly DueDate { get; set; }
    public string CurrencyCode { get; set; } = "CAD";
    public long SubtotalCents { get; set; }
    public long TaxCents { get; set; }
    public long TotalCents { get; set; }
    public DeliveryPreference Delivery { get; set; }
    public required string CustomerNumber { get; set; }
    public required string CustomerLegalName { get; set; }
    public required string CustomerAddress { get; set; }
    /// <summary>The customer's country when the invoice was issued (ISO 3166-1); every invoice was Canadian before accounts had a country.</summary>
    public string CustomerCountry { get; set; } = PlaceOfSupply.CanadaCode;

    /// <summary>The customer's province in Canada, state in the United States, empty elsewhere.</summary>
    public required string CustomerRegion { get; set; }

    public Province? CustomerProvince => CustomerCountry == PlaceOfSupply.CanadaCode ? Enum.Parse<Province>(CustomerRegion) : null;
    public required string BillerLegalName { get; set; }
    public required string BillerGstHstNumber { get; set; }
    public string? BillerQstNumber { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<InvoiceLine> Lines { get; set; } = [];
    public List<InvoiceTax> Taxes { get; set; } = [];

    public string Number => FormatNumber(Id);
    public static string FormatNumber(long id) => $"F{id:D9}";
}

public sealed class InvoiceLine
{
    public long InvoiceId { get; set; }
    public int LineNumber { get; set; }
    public long? ChargeId { get; set; }
    public ChargeCategory Category { get; set; }
    public required string Description { get; set; }
    public decimal Quantity { get; set; }
    public long UnitPriceCents { get; set; }
    public long AmountCents { get; set; }

    /// <summary>Where the line was supplied: "CA-ON", or a country outside Canada ("US").</summary>
    public required string PlaceOfSupply { get; set; }

    /// <summary>The taxes the line bears, by <see cref="TaxKey.Code"/> ("GST PST-BC"); a credit note reverses exactly these.</summary>
    public required string TaxCodes { get; set; }

    /// <summary>Why the line bears no Canadian tax, when it was supplied outside Canada.</summary>
    public OutsideCanadaReason? OutsideCanada { get; set; }

    /// <summary>The exemption certificates that relieved the line of a tax, separated by spaces.</summary>
    public string? ExemptionCertificates { get; set; }

    public IReadOnlyList<TaxKey> Taxes => TaxCodes.Length == 0 ? [] : TaxCodes.Split(' ').Select(TaxKey.Parse).ToList();

    public static string CodesOf(IEnumerable<TaxKey> taxes) => string.Join(' ', taxes.Select(t => t.Code));
}

/// <summary>One tax of the invoice: its rate, the sum of the lines that bear it, and the tax on that sum.</summary>
public sealed class InvoiceTax
{
    public long InvoiceId { get; set; }

    /// <summary>The tax and its jurisdiction (<see cref="TaxKey.Code"/>): "GST", "HST-NS", "QST-QC", "PST-BC".</summary>
    public required string Code { get; set; }
    public decimal Rate { get; set; }
    public long BaseCents { get; set; }
    public long AmountCents { get; set; }

    public TaxKey Key => TaxKey.Parse(Code);
    public TaxKind Kind => Key.Kind;

    public TaxAmount ToAmount(Currency currency) => new(Key.Kind, Key.Province, Rate, new Money(BaseCents, currency), new Money(AmountCents, currency));

    public static InvoiceTax From(TaxAmount tax) => new() { Code = tax.Key.Code, Rate = tax.Rate, BaseCents = tax.Base.Cents, AmountCents = tax.Amount.Cents };
}

internal sealed class InvoiceConfiguration : IEntityTypeConfiguration<Invoice>
{
    public void Configure(EntityTypeBuilder<Invoice> invoice)
    {
        invoice.Property(i => i.Id).ValueGeneratedNever();
        invoice.Property(i => i.Period).HasMaxLength(7).IsFixedLength();
        invoice.Property(i => i.CurrencyCode).HasMaxLength(3).IsFixedLength();
        invoice.Property(i => i.Delivery).HasConversion<string>().HasMaxLength(16);
        invoice.Property(i => i.CustomerNumber).HasMaxLength(10);
        invoice.Property(i => i.CustomerLegalName).HasMaxLength(200);
        invoice.Property(i => i.CustomerAddress).HasMaxLength(500);
        invoice.Property(i => i.CustomerCountry).HasMaxLength(2).IsFixedLength().HasDefaultValue(PlaceOfSupply.CanadaCode);
        invoice.Property(i => i.CustomerRegion).HasMaxLength(2);
        invoice.Property(i => i.BillerLegalName).HasMaxLength(200);
        invoice.Property(i => i.BillerGstHstNumber).HasMaxLength(20);
        invoice.Property(i => i.BillerQstNumber).HasMaxLength(20);
        // The bill run's exactly-once guarantee: one invoice per account and period, whatever runs or crashes.
        invoice.HasIndex(i => new { i.AccountId, i.Period }).IsUnique();
        invoice.HasIndex(i => new { i.AccountId, i.IssueDate });
        invoice.HasOne<CustomerAccount>().WithMany().HasForeignKey(i => i.AccountId).OnDelete(DeleteBehavior.Restrict);
        invoice.HasOne<BillRun>().WithMany().HasForeignKey(i => i.BillRunId).OnDelete(DeleteBehavior.Restrict);
        invoice.HasMany(i => i.Lines).WithOne().HasForeignKey(l => l.InvoiceId).OnDelete(DeleteBehavior.Restrict);
        invoice.HasMany(i => i.Taxes).WithOne().HasForeignKey(t => t.InvoiceId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class InvoiceLineConfiguration : IEntityTypeConfiguration<InvoiceLine>
{
    public void Configure(EntityTypeBuilder<InvoiceLine> line)
    {
        line.HasKey(l => new { l.InvoiceId, l.LineNumber });
        line.Property(l => l.Category).HasConversion<string>().HasMaxLength(16);
        line.Property(l => l.Description).HasMaxLength(200);
        line.Property(l => l.Quantity).HasPrecision(18, 4);
        line.Property(l => l.PlaceOfSupply).HasMaxLength(5);
        line.Property(l => l.TaxCodes).HasMaxLength(40);
        line.Property(l => l.OutsideCanada).HasConversion<string>().HasMaxLength(32);
        line.Property(l => l.ExemptionCertificates).HasMaxLength(200);
    }
}

internal sealed class InvoiceTaxConfiguration : IEntityTypeConfiguration<InvoiceTax>
{
    public void Configure(EntityTypeBuilder<InvoiceTax> tax)
    {
        tax.HasKey(t => new { t.InvoiceId, t.Code });
        tax.Property(t => t.Code).HasMaxLength(8);
        tax.Property(t => t.Rate).HasPrecision(7, 5);
    }
}
