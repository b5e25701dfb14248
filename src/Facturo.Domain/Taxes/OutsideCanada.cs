using Facturo.Billing;

namespace Facturo.Taxes;

/// <summary>Why a supply bears no Canadian tax although the biller is registered: it is zero-rated, or made outside Canada.</summary>
public enum OutsideCanadaReason
{
    /// <summary>Freight transported from Canada to a place outside Canada: zero-rated.</summary>
    ExportedFreight,
    /// <summary>A service supplied to a non-resident: zero-rated.</summary>
    ServiceToNonResident,
    /// <summary>Advertising (direct mail) supplied to a non-resident not registered for GST/HST: zero-rated.</summary>
    AdvertisingToNonResident,
    /// <summary>Equipment leased and made available outside Canada: the supply is made outside Canada.</summary>
    PropertyOutsideCanada,
}

/// <summary>A supply whose place of supply is outside Canada, by category: why no Canadian tax applies, and the rule.</summary>
public sealed record OutsideCanadaRule(ChargeCategory Category, OutsideCanadaReason Reason, string Source)
{
    public bool ZeroRated => Reason != OutsideCanadaReason.PropertyOutsideCanada;

    public static IReadOnlyList<OutsideCanadaRule> Published { get; } =
    [
        new(ChargeCategory.Shipping, OutsideCanadaReason.ExportedFreight, "Excise Tax Act, Schedule VI, Part VII (transportation services): freight transportation from a place in Canada to a place outside Canada is zero-rated"),
        new(ChargeCategory.LetterMail, OutsideCanadaReason.ServiceToNonResident, "Excise Tax Act, Schedule VI, Part V, s. 7: a service supplied to a non-resident is zero-rated"),
        new(ChargeCategory.DirectMail, OutsideCanadaReason.AdvertisingToNonResident, "Excise Tax Act, Schedule VI, Part V, s. 8: an advertising service supplied to a non-resident not registered for GST/HST is zero-rated"),
        new(ChargeCategory.PaperFee, OutsideCanadaReason.ServiceToNonResident, "Excise Tax Act, Schedule VI, Part V, s. 7: a service supplied to a non-resident is zero-rated"),
        new(ChargeCategory.Other, OutsideCanadaReason.ServiceToNonResident, "Excise Tax Act, Schedule VI, Part V, s. 7: a service supplied to a non-resident is zero-rated"),
        new(ChargeCategory.Lease, OutsideCanadaReason.PropertyOutsideCanada, "Excise Tax Act, s. 142(2)(a): tangible personal property made available outside Canada is supplied outside Canada"),
    ];

    public static OutsideCanadaRule For(ChargeCategory category) => Published.Single(r => r.Category == category);
}
