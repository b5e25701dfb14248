using System.Globalization;
using Facturo.Data;
using Facturo.Platform;
using Facturo.Staff;
using Facturo.Taxes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Pages.Admin;

/// <summary>
/// Taxability for the biller's administrator: each charge category's taxes, province by province, as in force on a
/// chosen date, with the published source of each default; overrides to come; a form to override one rule from a date.
/// </summary>
[Authorize(Policy = StaffAuth.AdministratorPolicy)]
public sealed class TaxesModel(FacturoDbContext db, BillerTaxes taxes, OverrideTaxability overriding, BillerClock clock) : Portal.PortalPage
{
    [BindProperty(SupportsGet = true)] public string? On { get; set; }
    [BindProperty] public string? Category { get; set; }
    [BindProperty] public string? Tax { get; set; }
    [BindProperty] public string? Province { get; set; }
    [BindProperty] public bool? Taxable { get; set; }
    [BindProperty] public string? EffectiveFrom { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public DateOnly InForceOn { get; private set; }
    public DateOnly Today => clock.Today;
    public IReadOnlyList<TaxabilityRow> Rows { get; private set; } = [];
    public IReadOnlyList<TaxRuleOverride> Upcoming { get; private set; } = [];
    public string? Notice { get; private set; }
    public string? Error { get; private set; }
    private Dictionary<long, string> _staffEmails = [];

    public string Name(Bilingual name) => name.In(Language);

    public string StaffEmail(TaxRuleOverride saved) => _staffEmails.GetValueOrDefault(saved.StaffId, "");

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task OnPostAsync(CancellationToken cancellationToken)
    {
        var saved = await overriding.RecordAsync(new TaxabilityOverrideForm(Category, Tax, Province, Taxable, EffectiveFrom, Reason), cancellationToken);
        if (saved.Value is { } rule)
        {
            var (category, tax, where) = (TaxabilityNames.Category(rule.Category), TaxabilityNames.Tax(rule.Kind), TaxabilityNames.InProvince(rule.Province));
            Notice = T(
                $"Enregistré : à compter du {Iso(rule.EffectiveFrom)}, « {category.Fr} » {(rule.Taxable ? "porte" : "ne porte pas")} la {tax.Fr} {where.Fr}. Les factures émises avant cette date ne changent pas.",
                $"Saved: from {Iso(rule.EffectiveFrom)}, \"{category.En}\" {(rule.Taxable ? "bears the" : "bears no")} {tax.En} {where.En}. Invoices issued before that date do not change.");
            (Category, Tax, Province, Taxable, EffectiveFrom, Reason) = (null, null, null, null, null, null);
        }
        else
        {
            Error = Message(saved.Error!);
        }
        await LoadAsync(cancellationToken);
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        InForceOn = Today;
        if (!string.IsNullOrWhiteSpace(On))
        {
            if (DateOnly.TryParseExact(On.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var chosen) && chosen >= TaxTable.CoverageStart)
            {
                InForceOn = chosen;
            }
            else
            {
                Error ??= Message(UserError.Validation("taxes.review-date", Iso(TaxTable.CoverageStart)));
            }
        }
        var overrides = await taxes.OverridesAsync(cancellationToken);
        Rows = TaxabilityReview.InForce(overrides, InForceOn);
        Upcoming = overrides.Where(o => o.EffectiveFrom > InForceOn).OrderBy(o => o.EffectiveFrom).ThenBy(o => o.Id).ToList();
        var staffIds = overrides.Select(o => o.StaffId).Distinct().ToList();
        _staffEmails = await db.StaffMembers.AsNoTracking().Where(s => staffIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Email, cancellationToken);
    }
}
