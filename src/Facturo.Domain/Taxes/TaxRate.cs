using Facturo.Accounts;

namespace Facturo.Taxes;

/// <summary>One tax at one rate in one province (or everywhere, for the GST) from a date until, but not including, another.</summary>
public sealed record TaxRate(TaxKind Kind, Province? Province, decimal Rate, DateOnly EffectiveFrom, DateOnly? EffectiveUntil = null)
{
    public bool AppliesTo(Province province, DateOnly date) =>
        (Province is null || Province == province)
        && date >= EffectiveFrom
        && (EffectiveUntil is null || date < EffectiveUntil);
}
