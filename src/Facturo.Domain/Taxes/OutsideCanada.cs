using Facturo.Billing;

namespace Facturo.Taxes;

/// <summary>Why a supply bears no Canadian tax although the biller is registered: it is zero-rated, or made outside Canada.</summary>
public enum OutsideCanadaReason
{
    /// <summary>Freight (parcels, and mail: delivering mail is a freight transportation service) carried from Canada to a place outside Canada: zero-rated.</summary>
    ExportedFreight,
    /// <summary>A service supplied to a non-resident: zero-rated.</summary>
    ServiceToNonResident,
    /// <summary>Equipment leased and made available outside Canada: the supply is made outside Canada.</summary>
    PropertyOutsideCanada,
}

/// <summary>
/// A supply whose place of supply is outside Canada, by category: why no Canadian tax applies, and
/// the rule. Mail and parcels are freight, never "services to a non-resident": Schedule VI, Part V,
/// s. 7 does not zero-rate a service in respect of goods in Canada (CRA interpretation HQR0000287,
/// 1996, on mailing-house services), so they are zero-rated only when they leave Canada.
/// </summary>
public sealed record OutsideCanadaRule(ChargeCategory Category, OutsideCanadaReason Reason, string Source)
{
    public bool ZeroRated => Reason != OutsideCanadaReason.PropertyOutsideCanada;

    private const string ExportedFreight =
        "Excise Tax Act, Schedule VI, Part VII, s. 6: a freight transportation service from a place in Canada to a place outside Canada is zero-rated when its consideration is $5 or more (as CRA quotes it in interpretation HQR0000492, 13 May 1997, on Canada Post parcels); QST the same (Revenu Québec: international freight is zero-rated)";

    private const string MailOutOfCanada =
        "Excise Tax Act, Schedule VI, Part VII, s. 1(1): 'freight transportation service' includes delivering mail, so mail to addresses outside Canada is zero-rated by s. 6 ($5 or more); mail of a non-resident deposited and delivered in Canada is taxable where deposited (Schedule IX, Part VII, s. 4) and Facturo cannot tell it apart";

    private const string ServiceToNonResident =
        "Excise Tax Act, Schedule VI, Part V, s. 7: a service supplied to a non-resident is zero-rated, except the services it lists (among them services in respect of goods situated in Canada); CRA GST/HST Memorandum 4-5-3, 'Exports – Services and Intangible Personal Property', and 4-5-1 on proving non-residence";

    public static IReadOnlyList<OutsideCanadaRule> Published { get; } =
    [
        new(ChargeCategory.Shipping, OutsideCanadaReason.ExportedFreight, ExportedFreight),
        new(ChargeCategory.LetterMail, OutsideCanadaReason.ExportedFreight, MailOutOfCanada),
        new(ChargeCategory.DirectMail, OutsideCanadaReason.ExportedFreight,
            MailOutOfCanada + ". Delivering advertising mail is a postal service, not an 'advertising service' (CRA: creating a message to solicit business), so Part V's advertising rule does not apply"),
        new(ChargeCategory.PaperFee, OutsideCanadaReason.ServiceToNonResident, ServiceToNonResident),
        new(ChargeCategory.Other, OutsideCanadaReason.ServiceToNonResident, ServiceToNonResident),
        new(ChargeCategory.Lease, OutsideCanadaReason.PropertyOutsideCanada,
            "Excise Tax Act, s. 142(2)(b): a supply of tangible personal property otherwise than by sale (a lease) is made outside Canada when possession or use is given or made available outside Canada; not zero-rated, simply not taxable in Canada"),
    ];

    public static OutsideCanadaRule For(ChargeCategory category) => Published.Single(r => r.Category == category);
}
