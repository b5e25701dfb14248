using Facturo.Billing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Facturo.Orders;

public sealed class Order
{
    public long Id { get; set; }
    public long AccountId { get; set; }
    public OrderChannel Channel { get; set; }
    public PaymentMethod PaymentMethod { get; set; }
    /// <summary>The caller's own reference, unique per account, so a retried post does not create a second order.</summary>
    public string? ExternalReference { get; set; }
    public DateTimeOffset PlacedAt { get; set; }
    /// <summary>The biller-local date the order was placed: it decides the billing period and the tax point.</summary>
    public DateOnly OrderDate { get; set; }
    public string CurrencyCode { get; set; } = "CAD";
    public long SubtotalCents { get; set; }
    public long TaxCents { get; set; }
    public List<OrderLine> Lines { get; set; } = [];
    /// <summary>Card payments keep only what the processor gave back and what a receipt shows.</summary>
    public string? CardToken { get; set; }
    public string? CardBrand { get; set; }
    public string? CardLast4 { get; set; }
    public string? CardExpiry { get; set; }
    public string? CardAuthorizationCode { get; set; }
    /// <summary>The postage-meter supplier account the order was charged to.</summary>
    public string? SupplierAccountNumber { get; set; }

    public long TotalCents => SubtotalCents + TaxCents;

    public IReadOnlyList<Taxes.TaxableLine> TaxableLines()
    {
        var currency = Currency.Parse(CurrencyCode);
        return Lines.Select(l => new Taxes.TaxableLine(l.LineNumber, l.Category, new Money(l.AmountCents, currency),
            l.Destination is null ? null : Taxes.PlaceOfSupply.FromCode(l.Destination))).ToList();
    }
}

public sealed class OrderLine
{
    public long Id { get; set; }
    public long OrderId { get; set; }
    public int LineNumber { get; set; }
    public ChargeCategory Category { get; set; }
    public required string Description { get; set; }
    public decimal Quantity { get; set; }
    public long UnitPriceCents { get; set; }
    public long AmountCents { get; set; }

    /// <summary>Where a parcel goes (<see cref="Taxes.PlaceOfSupply.Code"/>): a parcel with a bill of lading is taxed there.</summary>
    public string? Destination { get; set; }
}

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> order)
    {
        order.Property(o => o.Channel).HasConversion<string>().HasMaxLength(20);
        order.Property(o => o.PaymentMethod).HasConversion<string>().HasMaxLength(20);
        order.Property(o => o.ExternalReference).HasMaxLength(64);
        order.Property(o => o.CardToken).HasMaxLength(64);
        order.Property(o => o.CardBrand).HasMaxLength(16);
        order.Property(o => o.CardLast4).HasMaxLength(4);
        order.Property(o => o.CardExpiry).HasMaxLength(7);
        order.Property(o => o.CardAuthorizationCode).HasMaxLength(16);
        order.Property(o => o.SupplierAccountNumber).HasMaxLength(20);
        order.Property(o => o.CurrencyCode).HasMaxLength(3).IsFixedLength();
        order.HasIndex(o => new { o.AccountId, o.ExternalReference }).IsUnique();
        order.HasIndex(o => new { o.AccountId, o.OrderDate });
        order.HasOne<Accounts.CustomerAccount>().WithMany().HasForeignKey(o => o.AccountId).OnDelete(DeleteBehavior.Restrict);
        order.HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.OrderId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class OrderLineConfiguration : IEntityTypeConfiguration<OrderLine>
{
    public void Configure(EntityTypeBuilder<OrderLine> line)
    {
        line.Property(l => l.Category).HasConversion<string>().HasMaxLength(16);
        line.Property(l => l.Description).HasMaxLength(200);
        line.Property(l => l.Quantity).HasPrecision(18, 4);
        line.Property(l => l.Destination).HasMaxLength(5);
    }
}
