using Facturo.Accounts;
using Facturo.Billing;

namespace Facturo.Taxes;

/// <summary>One tax of one charge category in one province as in force on a date: the override that decides it, if any, and the published default beside it.</summary>
public sealed record TaxabilityRow(ChargeCategory Category, Province Province, TaxKind Kind, bool Taxable, TaxRuleOverride? Override, TaxabilityRule Default);

/// <summary>What the administrator reviews: every category's taxes, province by province, as sales tax would apply them on a date.</summary>
public static class TaxabilityReview
{
    /// <summary>In the order the biller thinks of them: postal services first, then equipment and fees.</summary>
    public static readonly ChargeCategory[] Categories =
        [ChargeCategory.Shipping, ChargeCategory.LetterMail, ChargeCategory.DirectMail, ChargeCategory.Lease, ChargeCategory.PaperFee, ChargeCategory.Other];

    /// <param name="overrides">Latest first, as <see cref="BillerTaxes.OverridesAsync"/> reads them.</param>
    public static IReadOnlyList<TaxabilityRow> InForce(IReadOnlyList<TaxRuleOverride> overrides, DateOnly date)
    {
        // The rules hand back the very rule that decides, so the override behind it is found by reference.
        var overrideOf = new Dictionary<TaxabilityRule, TaxRuleOverride>(ReferenceEqualityComparer.Instance);
        var latestFirst = new List<TaxabilityRule>(overrides.Count);
        foreach (var saved in overrides)
        {
            var rule = saved.ToRule();
            overrideOf[rule] = saved;
            latestFirst.Add(rule);
        }
        var rules = TaxabilityRules.Defaults.WithOverrides(latestFirst);
        return
        [
            .. from category in Categories
               from province in Enum.GetValues<Province>()
               from rate in TaxTable.Canada.RatesFor(province, date)
               let rule = rules.RuleFor(category, rate.Kind, province, date)
               select new TaxabilityRow(category, province, rate.Kind, rule.Taxable, overrideOf.GetValueOrDefault(rule),
                   TaxabilityRules.Defaults.RuleFor(category, rate.Kind, province, date)),
        ];
    }
}
