using Facturo.Data;
using Facturo.Payments;
using Facturo.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Facturo.Accounts;

/// <summary>
/// The biller's own details and rules. One row, created by `facturo setup` (or demo data) and changed by administrators
/// at /admin/settings: until it exists, nothing that needs the biller runs.
/// </summary>
public sealed class BillerSettings
{
    public const string DefaultTimeZone = "America/Toronto";

    public int Id { get; set; } = 1;
    /// <summary>The legal name in French: the one shown where a single name is written whatever the reader's language.</summary>
    public required string LegalName { get; set; }
    public string LegalNameEn { get; set; } = "";
    public string AddressLine1 { get; set; } = "";
    public string? AddressLine2 { get; set; }
    public string City { get; set; } = "";
    public Province? Province { get; set; }
    public string PostalCode { get; set; } = "";
    public required string GstHstNumber { get; set; }
    public string? QstNumber { get; set; }
    public required string SupportPhone { get; set; }
    public required string SupportEmail { get; set; }
    public string? SupportHoursFr { get; set; }
    public string? SupportHoursEn { get; set; }
    /// <summary>Customer-number prefixes that may use e-billing, comma-separated ("1").</summary>
    public string EligiblePrefixes { get; set; } = "1";
    /// <summary>Prefixes refused during the transition, comma-separated ("9"); wins over eligible ones.</summary>
    public string IneligiblePrefixes { get; set; } = "9";
    public long PaperFeeCents { get; set; } = 500;
    /// <summary>Whether the paper fee also applies to an account put on paper because no email reaches it (it did not ask for paper).</summary>
    public bool PaperFeeForLackOfEmail { get; set; }
    public string CurrencyCode { get; set; } = "CAD";
    /// <summary>The credit terms a new commercial account starts with, in days (0: due on receipt).</summary>
    public int DefaultCreditTermsDays { get; set; } = 30;
    /// <summary>The IANA time zone billing periods, due dates and bank-file days are counted in.</summary>
    public string TimeZone { get; set; } = DefaultTimeZone;
    /// <summary>Rolling 12-month shipping and direct-mail revenue that makes a small business commercial.</summary>
    public long CommercialRevenueThresholdCents { get; set; } = 5_000_00;
    /// <summary>Rolling 12-month pieces shipped or mailed that make a small business commercial.</summary>
    public int CommercialVolumeThreshold { get; set; } = 500;

    // The biller at its Canadian bank (CPA-005): all set, or none (no Canadian debits then).
    public string? Cpa005OriginatorId { get; set; }
    public string? Cpa005ShortName { get; set; }
    public string? Cpa005LongName { get; set; }
    public string? Cpa005DataCentre { get; set; }
    public string? Cpa005ReturnInstitution { get; set; }
    public string? Cpa005ReturnTransit { get; set; }
    public string? Cpa005ReturnAccount { get; set; }
    /// <summary>The creation number the next CPA-005 file carries; each file moves it on, and the biller sets it to continue the bank's count.</summary>
    public int Cpa005NextFileCreationNumber { get; set; } = 1;

    // The biller at its US bank (NACHA): all set, or none (no US debits then).
    public string? NachaImmediateDestination { get; set; }
    public string? NachaDestinationName { get; set; }
    public string? NachaImmediateOrigin { get; set; }
    public string? NachaOriginName { get; set; }
    public string? NachaCompanyName { get; set; }
    public string? NachaCompanyIdentification { get; set; }
    public string? NachaOriginatingDfi { get; set; }

    public Money PaperFee => new(PaperFeeCents, Currency.Parse(CurrencyCode));

    /// <summary>The legal name in the reader's language; a row made before English names were kept has only the French one.</summary>
    public string LegalNameIn(Language language) => language == Language.En && LegalNameEn.Length > 0 ? LegalNameEn : LegalName;

    public string? SupportHoursIn(Language language) => language == Language.En ? SupportHoursEn : SupportHoursFr;

    public Cpa005Identity? Cpa005Identity => Cpa005OriginatorId is null ? null
        : new(Cpa005OriginatorId, Cpa005ShortName, Cpa005LongName, Cpa005DataCentre, Cpa005ReturnInstitution, Cpa005ReturnTransit, Cpa005ReturnAccount);

    public NachaIdentity? NachaIdentity => NachaCompanyIdentification is null ? null
        : new(NachaImmediateDestination, NachaDestinationName, NachaImmediateOrigin, NachaOriginName, NachaCompanyName, NachaCompanyIdentification, NachaOriginatingDfi);

    public EBillingPrefixes EBillingPrefixes => EBillingPrefixes.Of(EligiblePrefixes, IneligiblePrefixes);

    public bool IsEligibleForEBilling(string customerNumber) =>
        CustomerNumber.TryParse(customerNumber, out var number) && EBillingPrefixes.IsEligible(number.Value);
}

public static class BillerSettingsLookup
{
    /// <summary>The biller, or the refusal that says it must be set up first and where: what needs the biller stops there, before changing anything.</summary>
    public static async Task<Outcome<BillerSettings>> SetUpBillerAsync(this FacturoDbContext db, CancellationToken cancellationToken) =>
        await db.BillerSettings.AsNoTracking().SingleOrDefaultAsync(cancellationToken) is { } biller ? biller : UserError.Conflict("biller.not-set-up");
}

internal sealed class BillerSettingsConfiguration : IEntityTypeConfiguration<BillerSettings>
{
    public void Configure(EntityTypeBuilder<BillerSettings> settings)
    {
        settings.Property(s => s.Id).ValueGeneratedNever();
        settings.Property(s => s.LegalName).HasMaxLength(200);
        settings.Property(s => s.LegalNameEn).HasMaxLength(200);
        settings.Property(s => s.AddressLine1).HasMaxLength(200);
        settings.Property(s => s.AddressLine2).HasMaxLength(200);
        settings.Property(s => s.City).HasMaxLength(100);
        settings.Property(s => s.Province).HasConversion<string>().HasMaxLength(2);
        settings.Property(s => s.PostalCode).HasMaxLength(7);
        settings.Property(s => s.GstHstNumber).HasMaxLength(20);
        settings.Property(s => s.QstNumber).HasMaxLength(20);
        settings.Property(s => s.SupportPhone).HasMaxLength(40);
        settings.Property(s => s.SupportEmail).HasMaxLength(254);
        settings.Property(s => s.SupportHoursFr).HasMaxLength(200);
        settings.Property(s => s.SupportHoursEn).HasMaxLength(200);
        settings.Property(s => s.EligiblePrefixes).HasMaxLength(100);
        settings.Property(s => s.IneligiblePrefixes).HasMaxLength(100);
        settings.Property(s => s.CurrencyCode).HasMaxLength(3).IsFixedLength();
        // Store defaults fill the rows of billers set up before these settings; a value of 0 (due on receipt) is still written.
        settings.Property(s => s.DefaultCreditTermsDays).HasDefaultValue(30).HasSentinel(-1);
        settings.Property(s => s.TimeZone).HasMaxLength(64).HasDefaultValue(BillerSettings.DefaultTimeZone);
        settings.Property(s => s.Cpa005OriginatorId).HasColumnName("cpa005_originator_id").HasMaxLength(10);
        settings.Property(s => s.Cpa005ShortName).HasColumnName("cpa005_short_name").HasMaxLength(100);
        settings.Property(s => s.Cpa005LongName).HasColumnName("cpa005_long_name").HasMaxLength(100);
        settings.Property(s => s.Cpa005DataCentre).HasColumnName("cpa005_data_centre").HasMaxLength(5);
        settings.Property(s => s.Cpa005ReturnInstitution).HasColumnName("cpa005_return_institution").HasMaxLength(3);
        settings.Property(s => s.Cpa005ReturnTransit).HasColumnName("cpa005_return_transit").HasMaxLength(5);
        settings.Property(s => s.Cpa005ReturnAccount).HasColumnName("cpa005_return_account").HasMaxLength(12);
        settings.Property(s => s.Cpa005NextFileCreationNumber).HasColumnName("cpa005_next_file_creation_number").HasDefaultValue(1);
        settings.Property(s => s.NachaImmediateDestination).HasMaxLength(10);
        settings.Property(s => s.NachaDestinationName).HasMaxLength(100);
        settings.Property(s => s.NachaImmediateOrigin).HasMaxLength(10);
        settings.Property(s => s.NachaOriginName).HasMaxLength(100);
        settings.Property(s => s.NachaCompanyName).HasMaxLength(100);
        settings.Property(s => s.NachaCompanyIdentification).HasMaxLength(10);
        settings.Property(s => s.NachaOriginatingDfi).HasMaxLength(9);
    }
}
