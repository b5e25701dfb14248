using Facturo.Accounts;
using Facturo.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Facturo.Taxes;

/// <summary>
/// An exemption certificate a customer gave the biller, with the scanned proof, as staff recorded it.
/// Never deleted: ending one early sets the day it stops relieving tax, so the invoices it relieved
/// keep their reason.
/// </summary>
public sealed class ExemptionCertificate
{
    public long Id { get; set; }
    public long AccountId { get; set; }
    public ExemptionKind Kind { get; set; }
    public required string Number { get; set; }

    /// <summary>The taxes it relieves, by kind, separated by spaces: "PST", "GST QST".</summary>
    public required string Taxes { get; set; }

    /// <summary>The provinces where it relieves them, separated by spaces: "BC", "MB SK".</summary>
    public required string Provinces { get; set; }

    public DateOnly ValidFrom { get; set; }

    /// <summary>The last day it relieves tax (inclusive); none when the document does not expire.</summary>
    public DateOnly? ValidUntil { get; set; }

    /// <summary>For an Indian Act exemption: the reserve the supplies are delivered on.</summary>
    public string? Reserve { get; set; }

    /// <summary>The customer's document as scanned: PDF, JPEG or PNG.</summary>
    public required byte[] Proof { get; set; }
    public required string ProofContentType { get; set; }
    public required string ProofFileName { get; set; }

    public long RecordedByStaffId { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public long? EndedByStaffId { get; set; }
    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>When customer relations was emailed that it lapses before the next bill run: once per certificate.</summary>
    public DateTimeOffset? ExpiryNoticeAt { get; set; }

    /// <summary>What the tax engine needs of a certificate, from its stored columns (read without the proof).</summary>
    public static TaxExemption Exemption(string number, ExemptionKind kind, string taxes, string provinces, DateOnly validFrom, DateOnly? validUntil) =>
        new(number, kind, taxes.Split(' ').Select(Enum.Parse<TaxKind>).ToHashSet(), provinces.Split(' ').Select(Enum.Parse<Province>).ToHashSet(), validFrom, validUntil);

    public static string Codes<T>(IEnumerable<T> values) where T : struct, Enum => string.Join(' ', values.Order().Select(v => v.ToString()));
}

internal sealed class ExemptionCertificateConfiguration : IEntityTypeConfiguration<ExemptionCertificate>
{
    public void Configure(EntityTypeBuilder<ExemptionCertificate> certificate)
    {
        certificate.ToTable("tax_exemptions");
        certificate.Property(c => c.Kind).HasConversion<string>().HasMaxLength(16);
        certificate.Property(c => c.Number).HasMaxLength(ExemptionCertificateEntry.MaxNumberLength);
        certificate.Property(c => c.Taxes).HasMaxLength(20);
        certificate.Property(c => c.Provinces).HasMaxLength(40);
        certificate.Property(c => c.Reserve).HasMaxLength(ExemptionCertificateEntry.MaxReserveLength);
        certificate.Property(c => c.ProofContentType).HasMaxLength(20);
        certificate.Property(c => c.ProofFileName).HasMaxLength(200);
        certificate.HasIndex(c => c.AccountId);
        certificate.HasIndex(c => c.ValidUntil);
        certificate.HasOne<CustomerAccount>().WithMany().HasForeignKey(c => c.AccountId).OnDelete(DeleteBehavior.Restrict);
        certificate.HasOne<StaffMember>().WithMany().HasForeignKey(c => c.RecordedByStaffId).OnDelete(DeleteBehavior.Restrict);
        certificate.HasOne<StaffMember>().WithMany().HasForeignKey(c => c.EndedByStaffId).OnDelete(DeleteBehavior.Restrict);
    }
}
