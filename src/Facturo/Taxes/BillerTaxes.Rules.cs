using Microsoft.EntityFrameworkCore;

namespace Facturo.Taxes;

public sealed partial class BillerTaxes
{
    /// <summary>The rates and the taxability rules in force, read once per bill run or order.</summary>
    public async Task<SalesTax> SalesTaxAsync(CancellationToken cancellationToken)
    {
        var overrides = await OverridesAsync(cancellationToken);
        return new SalesTax(TaxTable.Canada, TaxabilityRules.Defaults.WithOverrides(overrides.Select(o => o.ToRule()).ToList()));
    }

    /// <summary>
    /// Every override the biller recorded, the latest first: of two overrides of one rule from the same date, the one recorded
    /// later wins, as <see cref="TaxabilityRules"/> keeps the given order among equals.
    /// </summary>
    public async Task<IReadOnlyList<TaxRuleOverride>> OverridesAsync(CancellationToken cancellationToken) =>
        await db.TaxRuleOverrides.AsNoTracking().OrderByDescending(o => o.Id).ToListAsync(cancellationToken);
}
