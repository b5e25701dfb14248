using Facturo.Accounts;

namespace Facturo.Billing;

public enum OrderSettlement
{
    /// <summary>Recorded as charges for the account's next invoice.</summary>
    BillOnNextInvoice,
    /// <summary>Paid in full when created, by card or supplier account.</summary>
    PayAtCreation,
    /// <summary>A small-business account asked for on-account billing, which its program does not allow.</summary>
    RefusedOnAccountNotAllowed,
}

public static class OrderRules
{
    /// <summary>On-account billing is a commercial privilege; small-business accounts pay when they order.</summary>
    public static OrderSettlement Settle(BillingProgram program, PaymentMethod method) => (program, method) switch
    {
        (BillingProgram.SmallBusiness, PaymentMethod.OnAccount) => OrderSettlement.RefusedOnAccountNotAllowed,
        (_, PaymentMethod.OnAccount) => OrderSettlement.BillOnNextInvoice,
        _ => OrderSettlement.PayAtCreation,
    };

    /// <summary>
    /// How each channel may be paid. Counters and websites take cards; the shipping tool also takes the
    /// postage-meter supplier's account; partners bill on account or through their supplier account.
    /// </summary>
    public static IReadOnlyList<PaymentMethod> AllowedMethods(OrderChannel channel) => channel switch
    {
        OrderChannel.ShippingTool => [PaymentMethod.OnAccount, PaymentMethod.Card, PaymentMethod.SupplierAccount],
        OrderChannel.Partner => [PaymentMethod.OnAccount, PaymentMethod.SupplierAccount],
        _ => [PaymentMethod.OnAccount, PaymentMethod.Card],
    };
}
