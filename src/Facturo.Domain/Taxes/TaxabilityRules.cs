using Facturo.Accounts;
using Facturo.Billing;

namespace Facturo.Taxes;

/// <summary>
/// Whether one tax applies to one kind of supply (a charge category) in one province (every
/// province when <see cref="Province"/> is null) from a date, and the published rule that says so.
/// </summary>
public sealed record TaxabilityRule(ChargeCategory Category, TaxKind Kind, Province? Province, bool Taxable, DateOnly EffectiveFrom, string Source)
{
    public bool Matches(ChargeCategory category, TaxKind kind, Province province, DateOnly date) =>
        Category == category && Kind == kind && (Province is null || Province == province) && EffectiveFrom <= date;
}

/// <summary>
/// Which taxes apply to which supplies: published defaults, then the biller's overrides. For a
/// category, tax, province and date the rule in force is the one with the latest effective date on
/// or before that date; an override wins over a default of the same date, a province's rule over
/// the rule for every province.
/// </summary>
public sealed class TaxabilityRules
{
    private readonly IReadOnlyList<TaxabilityRule> _defaults;
    private readonly IReadOnlyList<TaxabilityRule> _overrides;
    // A bill run asks the same few questions for every line of every invoice.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(ChargeCategory, TaxKind, Province, DateOnly), TaxabilityRule> _answers = new();

    public TaxabilityRules(IReadOnlyList<TaxabilityRule> defaults, IReadOnlyList<TaxabilityRule> overrides)
    {
        _defaults = defaults;
        _overrides = overrides;
    }

    public static TaxabilityRules Defaults { get; } = new(PublishedTaxability.Rules, []);

    public IReadOnlyList<TaxabilityRule> DefaultRules => _defaults;

    public TaxabilityRules WithOverrides(IReadOnlyList<TaxabilityRule> overrides) => new(_defaults, overrides);

    public TaxabilityRule RuleFor(ChargeCategory category, TaxKind kind, Province province, DateOnly date) =>
        _answers.GetOrAdd((category, kind, province, date), key => Find(key.Item1, key.Item2, key.Item3, key.Item4));

    private TaxabilityRule Find(ChargeCategory category, TaxKind kind, Province province, DateOnly date) =>
        _overrides.Select(r => (Rule: r, IsOverride: true))
            .Concat(_defaults.Select(r => (Rule: r, IsOverride: false)))
            .Where(c => c.Rule.Matches(category, kind, province, date))
            .OrderByDescending(c => c.Rule.EffectiveFrom)
            .ThenByDescending(c => c.IsOverride)
            .ThenByDescending(c => c.Rule.Province is not null)
            .Select(c => c.Rule)
            .FirstOrDefault()
        ?? throw new InvalidOperationException($"No taxability rule for {category} and {kind} in {province} on {date:yyyy-MM-dd}.");
}
