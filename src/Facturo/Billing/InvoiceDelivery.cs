using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Facturo.Billing;

/// <summary>
/// How an invoice reaches its customer, decided by the bill run in the transaction that issues it (the paper fee
/// depends on it): the portal, its PDF at the billing email, or paper, and why paper. Never changed afterwards.
/// </summary>
public sealed class InvoiceDelivery
{
    public long InvoiceId { get; set; }
    public long AccountId { get; set; }
    public required string Period { get; set; }
    public InvoiceChannel Channel { get; set; }
    public PaperReason? PaperReason { get; set; }
    /// <summary>The billing email the PDF goes to, or the one that bounced.</summary>
    public string? EmailAddress { get; set; }
    public bool PaperFeeCharged { get; set; }
}

internal sealed class InvoiceDeliveryConfiguration : IEntityTypeConfiguration<InvoiceDelivery>
{
    public void Configure(EntityTypeBuilder<InvoiceDelivery> delivery)
    {
        delivery.ToTable("invoice_deliveries");
        delivery.HasKey(d => d.InvoiceId);
        delivery.Property(d => d.InvoiceId).ValueGeneratedNever();
        delivery.HasOne<Invoice>().WithOne().HasForeignKey<InvoiceDelivery>(d => d.InvoiceId).OnDelete(DeleteBehavior.Restrict);
        delivery.HasOne<Accounts.CustomerAccount>().WithMany().HasForeignKey(d => d.AccountId).OnDelete(DeleteBehavior.Restrict);
        delivery.Property(d => d.Period).HasMaxLength(7).IsFixedLength();
        delivery.Property(d => d.Channel).HasConversion<string>().HasMaxLength(8);
        delivery.Property(d => d.PaperReason).HasConversion<string>().HasMaxLength(16);
        delivery.Property(d => d.EmailAddress).HasMaxLength(254);
        // The print list and the bill-run report read a period's invoices by channel.
        delivery.HasIndex(d => new { d.Period, d.Channel });
    }
}
