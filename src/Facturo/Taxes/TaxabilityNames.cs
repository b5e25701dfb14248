using Facturo.Accounts;
using Facturo.Billing;
using Facturo.Platform;

namespace Facturo.Taxes;

/// <summary>How the back office names charge categories (tax codes), provinces and taxes, in French and English.</summary>
public static class TaxabilityNames
{
    public static Bilingual Category(ChargeCategory category) => category switch
    {
        ChargeCategory.Shipping => new("Colis avec connaissement", "Parcels with a bill of lading"),
        ChargeCategory.LetterMail => new("Poste-lettres", "Letter mail"),
        ChargeCategory.DirectMail => new("Marketing direct", "Direct mail"),
        ChargeCategory.Lease => new("Location d'équipement", "Equipment lease"),
        ChargeCategory.PaperFee => new("Frais de facture papier", "Paper invoice fee"),
        ChargeCategory.Other => new("Autres frais", "Other charges"),
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, null),
    };

    public static Bilingual Tax(TaxKind kind) => new(Portal.TaxNames.Of(kind, Language.Fr), Portal.TaxNames.Of(kind, Language.En));

    public static readonly Bilingual EveryProvince = new("Toutes les provinces", "Every province");

    public static Bilingual Province(Province? province) => province is { } one ? Names[one].Name : EveryProvince;

    /// <summary>"en Ontario", "au Québec" / "in Ontario": where a tax applies, as a sentence says it; for every province, wherever the tax applies.</summary>
    public static Bilingual InProvince(Province? province) => province is { } one ? Names[one].In : new("partout où elle s'applique", "wherever it applies");

    private static readonly Dictionary<Province, (Bilingual Name, Bilingual In)> Names = new()
    {
        [Accounts.Province.AB] = (new("Alberta", "Alberta"), new("en Alberta", "in Alberta")),
        [Accounts.Province.BC] = (new("Colombie-Britannique", "British Columbia"), new("en Colombie-Britannique", "in British Columbia")),
        [Accounts.Province.MB] = (new("Manitoba", "Manitoba"), new("au Manitoba", "in Manitoba")),
        [Accounts.Province.NB] = (new("Nouveau-Brunswick", "New Brunswick"), new("au Nouveau-Brunswick", "in New Brunswick")),
        [Accounts.Province.NL] = (new("Terre-Neuve-et-Labrador", "Newfoundland and Labrador"), new("à Terre-Neuve-et-Labrador", "in Newfoundland and Labrador")),
        [Accounts.Province.NS] = (new("Nouvelle-Écosse", "Nova Scotia"), new("en Nouvelle-Écosse", "in Nova Scotia")),
        [Accounts.Province.NT] = (new("Territoires du Nord-Ouest", "Northwest Territories"), new("dans les Territoires du Nord-Ouest", "in the Northwest Territories")),
        [Accounts.Province.NU] = (new("Nunavut", "Nunavut"), new("au Nunavut", "in Nunavut")),
        [Accounts.Province.ON] = (new("Ontario", "Ontario"), new("en Ontario", "in Ontario")),
        [Accounts.Province.PE] = (new("Île-du-Prince-Édouard", "Prince Edward Island"), new("à l'Île-du-Prince-Édouard", "in Prince Edward Island")),
        [Accounts.Province.QC] = (new("Québec", "Quebec"), new("au Québec", "in Quebec")),
        [Accounts.Province.SK] = (new("Saskatchewan", "Saskatchewan"), new("en Saskatchewan", "in Saskatchewan")),
        [Accounts.Province.YT] = (new("Yukon", "Yukon"), new("au Yukon", "in Yukon")),
    };
}
