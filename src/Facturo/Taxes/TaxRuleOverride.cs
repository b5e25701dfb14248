using Facturo.Accounts;
using Facturo.Billing;
using Facturo.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Facturo.Taxes;

/// <summary>
/// The biller's own decision that a tax applies, or not, to a charge category in a province (every province when
/// <see cref="Province"/> is null: GST and HST only) from a date. Never changed or deleted: a later override of the same
/// rule supersedes it from its own effective date, so every invoice can be explained by the rules of its date.
/// </summary>
public sealed class TaxRuleOverride
{
    public long Id { get; set; }
    public ChargeCategory Category { get; set; }
    public TaxKind Kind { get; set; }
    public Province? Province { get; set; }
    public bool Taxable { get; set; }
    public DateOnly EffectiveFrom { get; set; }
    public required string Reason { get; set; }
    public long StaffId { get; set; }
    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>The rule as sales tax applies it; the administrator's reason is its source.</summary>
    public TaxabilityRule ToRule() => new(Category, Kind, Province, Taxable, EffectiveFrom, Reason);
}

internal sealed class TaxRuleOverrideConfiguration : IEntityTypeConfiguration<TaxRuleOverride>
{
    public void Configure(EntityTypeBuilder<TaxRuleOverride> rule)
    {
        rule.Property(r => r.Category).HasConversion<string>().HasMaxLength(16);
        rule.Property(r => r.Kind).HasConversion<string>().HasMaxLength(4);
        rule.Property(r => r.Province).HasConversion<string>().HasMaxLength(2);
        rule.Property(r => r.Reason).HasMaxLength(500);
        rule.HasOne<StaffMember>().WithMany().HasForeignKey(r => r.StaffId).OnDelete(DeleteBehavior.Restrict);
    }
}
