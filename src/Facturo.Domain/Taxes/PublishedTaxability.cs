using Facturo.Accounts;
using Facturo.Billing;

namespace Facturo.Taxes;

/// <summary>
/// The default taxability of each charge category, as a tax advisor would set it from the published
/// rules. Each rule names its source; docs/taxes.md explains them for the biller's accountant.
/// </summary>
public static class PublishedTaxability
{
    private static readonly DateOnly Start = TaxTable.CoverageStart;

    private const string ExciseTaxAct = "Excise Tax Act, s. 165: every supply made in Canada is taxable unless Schedule V exempts it (none of these categories is listed there)";
    private const string QuebecSalesTaxAct = "Act respecting the Québec sales tax, s. 16: every supply made in Québec is taxable unless exempt (none of these categories is)";

    public static IReadOnlyList<TaxabilityRule> Rules { get; } =
    [
        .. Enum.GetValues<ChargeCategory>().Select(c => new TaxabilityRule(c, TaxKind.Gst, null, true, Start, ExciseTaxAct)),
        .. Enum.GetValues<ChargeCategory>().Select(c => new TaxabilityRule(c, TaxKind.Hst, null, true, Start, ExciseTaxAct)),
        .. Enum.GetValues<ChargeCategory>().Select(c => new TaxabilityRule(c, TaxKind.Qst, Province.QC, true, Start, QuebecSalesTaxAct)),
        .. ProvincialSalesTax(Province.BC,
            lease: "BC Provincial Sales Tax Act, s. 37 and Bulletin PST 315: a lease of tangible personal property used in BC bears PST",
            other: "BC Provincial Sales Tax Act, s. 37: goods sold at retail bear PST",
            services: "BC Provincial Sales Tax Act: postal, courier, mailing and billing services are not among the taxable services (Bulletin PST 301, 'Services')"),
        .. ProvincialSalesTax(Province.MB,
            lease: "Manitoba Retail Sales Tax Act, s. 2; Bulletin 031, 'Leases': leased tangible personal property bears RST",
            other: "Manitoba Retail Sales Tax Act, s. 2: tangible personal property sold at retail bears RST",
            services: "Manitoba Retail Sales Tax Act, s. 1 'taxable service': postal, courier and mailing services are not listed"),
        .. ProvincialSalesTax(Province.SK,
            lease: "Saskatchewan Provincial Sales Tax Act, s. 5; Information Bulletin PST-12, 'Leases': leased goods bear PST",
            other: "Saskatchewan Provincial Sales Tax Act, s. 5: tangible personal property sold at retail bears PST",
            services: "Saskatchewan Provincial Sales Tax Act, s. 5: postal, courier and mailing services are not taxable services"),
    ];

    private static IEnumerable<TaxabilityRule> ProvincialSalesTax(Province province, string lease, string other, string services) =>
    [
        new(ChargeCategory.Lease, TaxKind.Pst, province, true, Start, lease),
        new(ChargeCategory.Other, TaxKind.Pst, province, true, Start, other),
        new(ChargeCategory.Shipping, TaxKind.Pst, province, false, Start, services),
        new(ChargeCategory.LetterMail, TaxKind.Pst, province, false, Start, services),
        new(ChargeCategory.DirectMail, TaxKind.Pst, province, false, Start, services),
        new(ChargeCategory.PaperFee, TaxKind.Pst, province, false, Start, services),
    ];
}
