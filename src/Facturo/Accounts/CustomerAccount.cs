using Facturo.Billing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Facturo.Accounts;

public sealed class CustomerAccount
{
    public long Id { get; set; }
    public required string CustomerNumber { get; set; }
    public required string LegalName { get; set; }
    public required string AddressLine1 { get; set; }
    public string? AddressLine2 { get; set; }
    public required string City { get; set; }
    public Province Province { get; set; }
    public required string PostalCode { get; set; }
    public Language Language { get; set; }
    public DeliveryPreference Delivery { get; set; }
    public BillingProgram Program { get; set; }
    public int CreditTermsDays { get; set; }
    public AccountStatus Status { get; set; }
    public required string BillingEmail { get; set; }
    public string CurrencyCode { get; set; } = "CAD";
    public DateTimeOffset CreatedAt { get; set; }

    public CreditTerms CreditTerms => new(CreditTermsDays);
    public Currency Currency => Currency.Parse(CurrencyCode);

    public BillableAccount ToBillable(Taxes.TaxCustomer taxCustomer) => new(Id, taxCustomer, CreditTerms, Delivery, Currency);
}

internal sealed class CustomerAccountConfiguration : IEntityTypeConfiguration<CustomerAccount>
{
    public void Configure(EntityTypeBuilder<CustomerAccount> account)
    {
        account.HasIndex(a => a.CustomerNumber).IsUnique();
        account.Property(a => a.CustomerNumber).HasMaxLength(10);
        account.Property(a => a.LegalName).HasMaxLength(200);
        account.Property(a => a.AddressLine1).HasMaxLength(200);
        account.Property(a => a.AddressLine2).HasMaxLength(200);
        account.Property(a => a.City).HasMaxLength(100);
        account.Property(a => a.PostalCode).HasMaxLength(10);
        account.Property(a => a.BillingEmail).HasMaxLength(254);
        account.Property(a => a.CurrencyCode).HasMaxLength(3).IsFixedLength();
        account.Property(a => a.Province).HasConversion<string>().HasMaxLength(2);
        account.Property(a => a.Language).HasConversion<string>().HasMaxLength(2);
        account.Property(a => a.Delivery).HasConversion<string>().HasMaxLength(16);
        account.Property(a => a.Program).HasConversion<string>().HasMaxLength(16);
        account.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
        account.HasIndex(a => a.Program);
    }
}
