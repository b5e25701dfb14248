namespace Facturo.Billing;

/// <summary>
/// What a charge is for, and so how it is taxed (its tax code). Shipping is a parcel service with a
/// bill of lading (taxed where it goes); letter mail has none. Shipping and direct mail count toward
/// the commercial criteria. Lease is the rent of equipment (a postage meter): only invoices of lease
/// charges can be debited automatically.
/// </summary>
public enum ChargeCategory { Shipping, DirectMail, Other, PaperFee, Lease, LetterMail }

/// <summary>Where an order came from; each channel allows some payment methods.</summary>
public enum OrderChannel { ShippingTool, DirectMarketing, Website, PostOffice, Partner }

public enum PaymentMethod
{
    /// <summary>On-account billing: the order becomes a charge on the next invoice. Commercial accounts only.</summary>
    OnAccount,
    Card,
    /// <summary>A postage-meter supplier's account the customer already holds.</summary>
    SupplierAccount,
}
