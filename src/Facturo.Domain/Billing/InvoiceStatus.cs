namespace Facturo.Billing;

/// <summary>Where an invoice stands with its customer, as the portal and the API both show it.</summary>
public enum InvoiceStatus { Open, PartlyPaid, Overdue, DebitInProgress, Paid }

public static class InvoiceStatuses
{
    /// <summary>
    /// A debit on its way to the bank comes first: the ledger already counts it as paid, but it may still come back returned.
    /// Then paid (nothing owed), overdue (owed after the due date), partly paid, open.
    /// </summary>
    public static InvoiceStatus Of(Money total, Money balance, DateOnly dueDate, DateOnly today, bool debitInProgress) =>
        debitInProgress ? InvoiceStatus.DebitInProgress
        : balance.Cents <= 0 ? InvoiceStatus.Paid
        : IsOverdue(dueDate, today) ? InvoiceStatus.Overdue
        : balance.Cents < total.Cents ? InvoiceStatus.PartlyPaid
        : InvoiceStatus.Open;

    /// <summary>Owed on the due date itself is not yet late.</summary>
    public static bool IsOverdue(DateOnly dueDate, DateOnly today) => dueDate < today;

    /// <summary>As the API writes it: "open", "partly-paid", "overdue", "debit-in-progress", "paid".</summary>
    public static string ToCode(this InvoiceStatus status) => status switch
    {
        InvoiceStatus.PartlyPaid => "partly-paid",
        InvoiceStatus.DebitInProgress => "debit-in-progress",
        _ => status.ToString().ToLowerInvariant(),
    };
}
