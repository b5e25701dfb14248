using System.Globalization;
using Facturo.Accounts;
using Facturo.Billing;
using Facturo.Data;
using Facturo.Platform;
using Facturo.Staff;

namespace Facturo.Taxes;

/// <summary>The override form as the administrator sent it; every field unchecked. A blank province means every province.</summary>
public sealed record TaxabilityOverrideForm(string? Category, string? Tax, string? Province, bool? Taxable, string? EffectiveFrom, string? Reason);

/// <summary>An override that passed every check.</summary>
public sealed record TaxabilityOverride(ChargeCategory Category, TaxKind Kind, Province? Province, bool Taxable, DateOnly EffectiveFrom, string Reason);

/// <summary>
/// The biller's administrator decides that a tax applies, or not, to a charge category in a province from a date: for
/// the bill runs and orders of that date and later, never for invoices already issued. Recorded with its audit entry in
/// one transaction.
/// </summary>
public sealed class OverrideTaxability(FacturoDbContext db, BillerTaxes taxes, BillerClock clock, StaffAudit audit)
{
    public const int ReasonMaxLength = 500;

    public async Task<Outcome<TaxRuleOverride>> RecordAsync(TaxabilityOverrideForm form, CancellationToken cancellationToken) =>
        await db.InTransactionAsync<TaxRuleOverride>(async () =>
        {
            var inForce = (await taxes.SalesTaxAsync(cancellationToken)).Rules;
            var checkedForm = Check(form, clock.Today, inForce);
            if (checkedForm.Value is not { } change)
            {
                return checkedForm.Error!;
            }
            var saved = new TaxRuleOverride
            {
                Category = change.Category,
                Kind = change.Kind,
                Province = change.Province,
                Taxable = change.Taxable,
                EffectiveFrom = change.EffectiveFrom,
                Reason = change.Reason,
                StaffId = audit.CurrentStaffId,
                RecordedAt = clock.UtcNow,
            };
            db.TaxRuleOverrides.Add(saved);
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync("tax-rule.override", Subject(change), Before(change, inForce), Described(saved.ToRule(), isOverride: true), cancellationToken);
            return saved;
        }, cancellationToken);

    /// <summary>
    /// Reads and checks the form against the rules in force: a category, tax and province from the lists; an effective date
    /// not before today (what is issued is never taxed again); a tax that exists in that province on that date; a reason;
    /// and a value different from the rule in force on that date.
    /// </summary>
    public static Outcome<TaxabilityOverride> Check(TaxabilityOverrideForm form, DateOnly today, TaxabilityRules inForce)
    {
        if (!TryRead(form.Category, out ChargeCategory category) || !TryRead(form.Tax, out TaxKind kind) || form.Taxable is not { } taxable)
        {
            return UserError.Validation("taxes.override-choice");
        }
        Province? province = null;
        if (!string.IsNullOrWhiteSpace(form.Province))
        {
            if (!TryRead(form.Province, out Province one))
            {
                return UserError.Validation("taxes.override-choice");
            }
            province = one;
        }
        if (!DateOnly.TryParseExact(form.EffectiveFrom?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from))
        {
            return UserError.Validation("taxes.override-date");
        }
        if (from < today)
        {
            return UserError.Validation("taxes.override-past-date", Iso(from), Iso(today));
        }
        if (province is null && kind is TaxKind.Qst or TaxKind.Pst)
        {
            return UserError.Validation("taxes.override-every-province", TaxabilityNames.Tax(kind));
        }
        if (province is { } named && !TaxTable.Canada.RatesFor(named, from).Any(r => r.Kind == kind))
        {
            return UserError.Validation("taxes.override-tax-not-in-province", TaxabilityNames.Tax(kind), TaxabilityNames.InProvince(named), Iso(from), TaxesThere(named, from));
        }
        var reason = form.Reason?.Trim() ?? "";
        if (reason.Length == 0 || reason.Length > ReasonMaxLength)
        {
            return UserError.Validation("taxes.override-reason");
        }
        var provinces = province is { } single ? [single] : ProvinceBearing(kind, from);
        if (provinces.All(p => inForce.RuleFor(category, kind, p, from).Taxable == taxable))
        {
            return UserError.Validation(taxable ? "taxes.override-already-taxable" : "taxes.override-already-not-taxable",
                TaxabilityNames.Category(category), TaxabilityNames.Tax(kind), TaxabilityNames.InProvince(province), Iso(from));
        }
        return new TaxabilityOverride(category, kind, province, taxable, from, reason);
    }

    /// <summary>"tax rule Lease PST-BC", "tax rule Shipping HST" (every province).</summary>
    private static string Subject(TaxabilityOverride change) =>
        $"tax rule {change.Category} {(change.Province is { } province ? TaxKey.For(change.Kind, province).Code : change.Kind.ToString().ToUpperInvariant())}";

    /// <summary>The rule in force on the effective date; for every province, where the tax applied and where it did not.</summary>
    private static object Before(TaxabilityOverride change, TaxabilityRules inForce)
    {
        if (change.Province is { } province)
        {
            var rule = inForce.RuleFor(change.Category, change.Kind, province, change.EffectiveFrom);
            return Described(rule, isOverride: !inForce.DefaultRules.Any(d => ReferenceEquals(d, rule)));
        }
        var provinces = ProvinceBearing(change.Kind, change.EffectiveFrom);
        bool TaxableIn(Province p) => inForce.RuleFor(change.Category, change.Kind, p, change.EffectiveFrom).Taxable;
        return new { TaxableIn = provinces.Where(TaxableIn).Select(p => p.ToString()), NotTaxableIn = provinces.Where(p => !TaxableIn(p)).Select(p => p.ToString()) };
    }

    private static object Described(TaxabilityRule rule, bool isOverride) =>
        new { rule.Taxable, EffectiveFrom = Iso(rule.EffectiveFrom), Rule = isOverride ? "override" : "default", rule.Source };

    private static List<Province> ProvinceBearing(TaxKind kind, DateOnly date) =>
        Enum.GetValues<Province>().Where(p => TaxTable.Canada.RatesFor(p, date).Any(r => r.Kind == kind)).ToList();

    /// <summary>"taxe qui s'y applique : TVH" / "the taxes that apply there: GST, QST".</summary>
    private static Bilingual TaxesThere(Province province, DateOnly date)
    {
        var kinds = TaxTable.Canada.RatesFor(province, date).Select(r => TaxabilityNames.Tax(r.Kind)).ToList();
        var (fr, en) = (string.Join(", ", kinds.Select(k => k.Fr)), string.Join(", ", kinds.Select(k => k.En)));
        return kinds.Count == 1
            ? new($"taxe qui s'y applique : {fr}", $"the tax that applies there: {en}")
            : new($"taxes qui s'y appliquent : {fr}", $"the taxes that apply there: {en}");
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A value from one of the form's lists: a name exactly as listed, never a number or a combination.</summary>
    private static bool TryRead<TEnum>(string? text, out TEnum value) where TEnum : struct, Enum
    {
        value = default;
        return Enum.GetNames<TEnum>().Contains(text, StringComparer.Ordinal) && Enum.TryParse(text, out value);
    }
}
