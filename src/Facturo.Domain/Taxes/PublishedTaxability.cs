using Facturo.Accounts;
using Facturo.Billing;

namespace Facturo.Taxes;

/// <summary>
/// The default taxability of each charge category, as a tax advisor would set it from the published
/// rules. Each rule names the document and section it rests on ("not verified" where the section
/// itself could not be read); docs/taxes.md explains them for the biller's accountant.
/// </summary>
public static class PublishedTaxability
{
    private static readonly DateOnly Start = TaxTable.CoverageStart;

    private const string CanadaPostTaxes =
        "Canada Post, 'Taxes on Canada Post products' (canadapost.ca support article): its postal and parcel products bear GST/HST (and QST in Québec), only money orders being exempt";

    private const string Gst =
        "Excise Tax Act, s. 165(1): GST on every taxable supply made in Canada; none of these supplies is exempt (" + CanadaPostTaxes + ")";

    private const string Hst =
        "Excise Tax Act, s. 165(2): the provincial part of the HST on every taxable supply made in a participating province; the province is set by Schedule IX (see PlaceOfSupply)";

    private const string Qst =
        "Act respecting the Québec sales tax (CQLR c. T-0.1), s. 16: QST on every taxable supply made in Québec; letter and direct mail by permit imprint are made where the mail is deposited (s. 22.24)";

    private const string QstOnParcels =
        "Act respecting the Québec sales tax, s. 16; Revenu Québec, 'Freight Transportation Services': freight bears QST when it both starts and ends in Québec (a parcel from elsewhere in Canada is deemed supplied outside Québec); the QST section for that deeming rule was not verified";

    public static IReadOnlyList<TaxabilityRule> Rules { get; } =
    [
        .. Enum.GetValues<ChargeCategory>().Select(c => new TaxabilityRule(c, TaxKind.Gst, null, true, Start, Gst)),
        .. Enum.GetValues<ChargeCategory>().Select(c => new TaxabilityRule(c, TaxKind.Hst, null, true, Start, Hst)),
        .. Enum.GetValues<ChargeCategory>().Select(c => new TaxabilityRule(c, TaxKind.Qst, Province.QC, true, Start, c == ChargeCategory.Shipping ? QstOnParcels : Qst)),
        .. ProvincialSalesTax(Province.BC,
            lease: "BC Provincial Sales Tax Act (SBC 2012, c. 35), Part 3, Division 3 (leases of tangible personal property); Bulletin PST 315, 'Rentals and Leases of Goods': a lease of goods in BC bears PST on the lease price",
            parcels: "BC Bulletin PST 302, 'Delivery Charges': delivery charges bear PST only as part of the price of taxable goods sold; a parcel service sold on its own is not a taxable service. " + CanadaPostTaxes + ": parcels to BC bear GST only",
            postalServices: "BC PST taxes services only where the Act names them (Bulletin PST 301, 'Related Services': services to goods; legal and telecommunication services); mail delivery, postal options and billing fees are not among them. " + CanadaPostTaxes + ": mail inducted in BC bears GST only"),
        .. ProvincialSalesTax(Province.MB,
            lease: "Manitoba Retail Sales Tax Act (C.C.S.M. c. R130), s. 2(3): tax on a lease of tangible personal property; Bulletin No. 030, 'Summary of Taxable and Exempt Goods and Services'",
            parcels: "Manitoba Bulletin No. 030, Section 1: a service bears RST only if the Act specifies it (Section 4 lists them; not verified: that list was not read in full). " + CanadaPostTaxes + ": parcels to MB bear GST only",
            postalServices: "Manitoba Bulletin No. 030, Section 1: a service bears RST only if the Act specifies it; Bulletin No. 035, 'Advertising Materials and Services': no RST on distributing advertising. " + CanadaPostTaxes + ": mail inducted in MB bears GST only"),
        .. ProvincialSalesTax(Province.SK,
            lease: "Saskatchewan Information Bulletin PST-72, 'Information for Rental Businesses': rentals and leases of goods bear PST (section of The Provincial Sales Tax Act not verified)",
            parcels: "Saskatchewan Information Bulletin PST-46, 'Information for Service Enterprises': only the services it lists bear PST (not verified: that list was not read in full). " + CanadaPostTaxes + ": parcels to SK bear GST only",
            postalServices: "Saskatchewan Information Bulletin PST-46, 'Information for Service Enterprises': only the services it lists bear PST (not verified: that list was not read in full). " + CanadaPostTaxes + ": mail inducted in SK bears GST only"),
    ];

    /// <summary>
    /// Leases bear the province's PST; the postal services the other categories stand for do not.
    /// "Other" is read as a postal option (registered mail and the like): a biller selling goods under
    /// it overrides it to taxable.
    /// </summary>
    private static IEnumerable<TaxabilityRule> ProvincialSalesTax(Province province, string lease, string parcels, string postalServices) =>
    [
        new(ChargeCategory.Lease, TaxKind.Pst, province, true, Start, lease),
        new(ChargeCategory.Shipping, TaxKind.Pst, province, false, Start, parcels),
        new(ChargeCategory.LetterMail, TaxKind.Pst, province, false, Start, postalServices),
        new(ChargeCategory.DirectMail, TaxKind.Pst, province, false, Start, postalServices),
        new(ChargeCategory.PaperFee, TaxKind.Pst, province, false, Start, postalServices),
        new(ChargeCategory.Other, TaxKind.Pst, province, false, Start, postalServices),
    ];
}
