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

    /// <summary>ISO 3166-1 alpha-2. Every account was Canadian before accounts had a country.</summary>
    public string Country { get; set; } = Taxes.PlaceOfSupply.CanadaCode;

    /// <summary>The province in Canada ("QC"), the state in the United States ("NY"), empty elsewhere: see <see cref="PostalAddress"/>.</summary>
    public required string Region { get; set; }
    public required string PostalCode { get; set; }
    public Language Language { get; set; }
    public DeliveryPreference Delivery { get; set; }
    public BillingProgram Program { get; set; }
    public int CreditTermsDays { get; set; }
    public AccountStatus Status { get; set; }
    public required string BillingEmail { get; set; }
    public string CurrencyCode { get; set; } = "CAD";
    public DateTimeOffset CreatedAt { get; set; }

    public PostalAddress Address => PostalAddress.Stored(AddressLine1, AddressLine2, City, Country, Region, PostalCode);

    /// <summary>Null outside Canada: no Canadian province.</summary>
    public Province? Province => Address.Province;

    public CreditTerms CreditTerms => new(CreditTermsDays);
    public Currency Currency => Currency.Parse(CurrencyCode);

    public void MoveTo(PostalAddress address) =>
        (AddressLine1, AddressLine2, City, Country, Region, PostalCode) = (address.Line1, address.Line2, address.City, address.Country, address.Region, address.PostalCode);

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
        account.Property(a => a.Country).HasMaxLength(2).IsFixedLength().HasDefaultValue(Taxes.PlaceOfSupply.CanadaCode);
        account.Property(a => a.Region).HasMaxLength(2);
        account.Property(a => a.Language).HasConversion<string>().HasMaxLength(2);
        account.Property(a => a.Delivery).HasConversion<string>().HasMaxLength(16);
        account.Property(a => a.Program).HasConversion<string>().HasMaxLength(16);
        account.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
        account.HasIndex(a => a.Program);
    }
}
