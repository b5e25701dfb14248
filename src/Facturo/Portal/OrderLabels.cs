using Facturo.Accounts;
using Facturo.Billing;

namespace Facturo.Portal;

/// <summary>How channels and payment methods read to a customer, in its language.</summary>
public static class OrderLabels
{
    public static string Channel(OrderChannel channel, Language language) => (channel, language) switch
    {
        (OrderChannel.ShippingTool, Language.Fr) => "Outil d'expédition",
        (OrderChannel.ShippingTool, _) => "Shipping tool",
        (OrderChannel.DirectMarketing, Language.Fr) => "Marketing direct",
        (OrderChannel.DirectMarketing, _) => "Direct marketing",
        (OrderChannel.Website, Language.Fr) => "Site Web",
        (OrderChannel.Website, _) => "Website",
        (OrderChannel.PostOffice, Language.Fr) => "Bureau de poste",
        (OrderChannel.PostOffice, _) => "Post office",
        (OrderChannel.Partner, Language.Fr) => "Partenaire",
        (OrderChannel.Partner, _) => "Partner",
        _ => channel.ToString(),
    };

    public static string Method(PaymentMethod method, Language language) => (method, language) switch
    {
        (PaymentMethod.Card, Language.Fr) => "Carte de crédit",
        (PaymentMethod.Card, _) => "Credit card",
        (PaymentMethod.SupplierAccount, Language.Fr) => "Compte fournisseur",
        (PaymentMethod.SupplierAccount, _) => "Supplier account",
        (PaymentMethod.OnAccount, Language.Fr) => "Porté au compte",
        (PaymentMethod.OnAccount, _) => "On account",
        _ => method.ToString(),
    };
}
