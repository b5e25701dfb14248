using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Facturo.Billing;

/// <summary>
/// Something billable on account, waiting for the invoice of the period its service date falls in.
/// Never updated: the invoice of (account, period) is what marks it billed.
/// </summary>
public sealed class Charge
{
    public long Id { get; set; }
    public long AccountId { get; set; }
    public long? OrderId { get; set; }
    public ChargeCategory Category { get; set; }
    public required string Description { get; set; }
    public decimal Quantity { get; set; }
    public long UnitPriceCents { get; set; }
    public long AmountCents { get; set; }
    public string CurrencyCode { get; set; } = "CAD";
    public DateOnly ServiceDate { get; set; }

    /// <summary>Where a parcel goes (<see cref="Taxes.PlaceOfSupply.Code"/>), when the order said: it is taxed there.</summary>
    public string? Destination { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public BillableCharge ToBillable()
    {
        var currency = Currency.Parse(CurrencyCode);
        return new(Id, Category, Description, Quantity, new Money(UnitPriceCents, currency), new Money(AmountCents, currency), ServiceDate,
            Destination is null ? null : Taxes.PlaceOfSupply.FromCode(Destination));
    }
}

internal sealed class ChargeConfiguration : IEntityTypeConfiguration<Charge>
{
    public void Configure(EntityTypeBuilder<Charge> charge)
    {
        charge.Property(c => c.Category).HasConversion<string>().HasMaxLength(16);
        charge.Property(c => c.Description).HasMaxLength(200);
        charge.Property(c => c.Quantity).HasPrecision(18, 4);
        charge.Property(c => c.CurrencyCode).HasMaxLength(3).IsFixedLength();
        charge.Property(c => c.Destination).HasMaxLength(5);
        charge.HasIndex(c => new { c.ServiceDate, c.AccountId });
        charge.HasIndex(c => new { c.AccountId, c.ServiceDate });
        charge.HasOne<Accounts.CustomerAccount>().WithMany().HasForeignKey(c => c.AccountId).OnDelete(DeleteBehavior.Restrict);
        charge.HasOne<Orders.Order>().WithMany().HasForeignKey(c => c.OrderId).OnDelete(DeleteBehavior.Restrict);
    }
}
