using Facturo.Accounts;

namespace Facturo.Billing;

/// <summary>How an invoice reaches its customer.</summary>
public enum InvoiceChannel
{
    /// <summary>The account's portal users are told it is ready ("invoice ready").</summary>
    Portal,
    /// <summary>No portal user: the PDF goes to the account's billing email.</summary>
    Email,
    /// <summary>Printed and mailed.</summary>
    Paper,
}

/// <summary>Why an invoice goes on paper.</summary>
public enum PaperReason
{
    /// <summary>The customer asked for paper.</summary>
    Chosen,
    /// <summary>No portal user and no billing email that can be written to.</summary>
    NoEmail,
    /// <summary>No portal user, and the billing email refused the last email sent there for good.</summary>
    EmailBounced,
}

/// <summary>What the bill run knows of an account's ways to be reached when it issues the invoice.</summary>
public sealed record AccountReach(DeliveryPreference Preference, bool HasPortalUser, bool HasBillingEmail, bool BillingEmailBounced);

/// <summary>The channel an invoice takes and, on paper, why; the fee is charged for paper the customer chose, and for paper forced by a missing email only when the biller says so.</summary>
public sealed record InvoiceRoute(InvoiceChannel Channel, PaperReason? Paper)
{
    /// <summary>Nothing electronic reaches the customer: staff must get a working email or a portal user.</summary>
    public bool NoWorkingChannel => Paper is PaperReason.NoEmail or PaperReason.EmailBounced;

    public bool ChargesPaperFee(bool feeWhenNoEmail) => Paper == PaperReason.Chosen || NoWorkingChannel && feeWhenNoEmail;

    public DeliveryPreference Delivery => Channel == InvoiceChannel.Paper ? DeliveryPreference.Paper : DeliveryPreference.Electronic;
}

public static class InvoiceRouting
{
    /// <summary>Paper when chosen; otherwise the portal when someone uses it, the billing email when it works, and paper as the last resort so no invoice is left undelivered.</summary>
    public static InvoiceRoute Choose(AccountReach reach) => reach switch
    {
        { Preference: DeliveryPreference.Paper } => new(InvoiceChannel.Paper, PaperReason.Chosen),
        { HasPortalUser: true } => new(InvoiceChannel.Portal, null),
        { HasBillingEmail: false } => new(InvoiceChannel.Paper, PaperReason.NoEmail),
        { BillingEmailBounced: true } => new(InvoiceChannel.Paper, PaperReason.EmailBounced),
        _ => new(InvoiceChannel.Email, null),
    };
}
