using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Facturo.Accounts;

/// <summary>The biller's own details and rules. One row; staff edit it.</summary>
public sealed class BillerSettings
{
    public int Id { get; set; } = 1;
    public required string LegalName { get; set; }
    public required string GstHstNumber { get; set; }
    public string? QstNumber { get; set; }
    public required string SupportPhone { get; set; }
    public required string SupportEmail { get; set; }
    /// <summary>Customer-number prefixes that may use e-billing, comma-separated ("1").</summary>
    public string EligiblePrefixes { get; set; } = "1";
    /// <summary>Prefixes refused during the transition, comma-separated ("9"); wins over eligible ones.</summary>
    public string IneligiblePrefixes { get; set; } = "9";
    public long PaperFeeCents { get; set; } = 500;
    public string CurrencyCode { get; set; } = "CAD";
    /// <summary>Rolling 12-month shipping and direct-mail revenue that makes a small business commercial.</summary>
    public long CommercialRevenueThresholdCents { get; set; } = 5_000_00;
    /// <summary>Rolling 12-month pieces shipped or mailed that make a small business commercial.</summary>
    public int CommercialVolumeThreshold { get; set; } = 500;

    public Money PaperFee => new(PaperFeeCents, Currency.Parse(CurrencyCode));

    public bool IsEligibleForEBilling(string customerNumber)
    {
        static string[] Split(string s) => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return !Split(IneligiblePrefixes).Any(p => customerNumber.StartsWith(p, StringComparison.Ordinal))
            && Split(EligiblePrefixes).Any(p => customerNumber.StartsWith(p, StringComparison.Ordinal));
    }
}

internal sealed class BillerSettingsConfiguration : IEntityTypeConfiguration<BillerSettings>
{
    public void Configure(EntityTypeBuilder<BillerSettings> settings)
    {
        settings.Property(s => s.Id).ValueGeneratedNever();
        settings.Property(s => s.LegalName).HasMaxLength(200);
        settings.Property(s => s.GstHstNumber).HasMaxLength(20);
        settings.Property(s => s.QstNumber).HasMaxLength(20);
        settings.Property(s => s.SupportPhone).HasMaxLength(40);
        settings.Property(s => s.SupportEmail).HasMaxLength(254);
        settings.Property(s => s.EligiblePrefixes).HasMaxLength(100);
        settings.Property(s => s.IneligiblePrefixes).HasMaxLength(100);
        settings.Property(s => s.CurrencyCode).HasMaxLength(3).IsFixedLength();
    }
}
