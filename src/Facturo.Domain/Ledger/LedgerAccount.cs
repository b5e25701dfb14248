namespace Facturo.Ledger;

/// <summary>General-ledger accounts the accounts-receivable sub-ledger posts to.</summary>
public enum LedgerAccount
{
    AccountsReceivable,
    Revenue,
    PaperFeeRevenue,
    GstHstPayable,
    QstPayable,
    PstPayable,
    /// <summary>Money a card gateway owes us for approved card payments.</summary>
    CardClearing,
    /// <summary>Money a postage-meter supplier owes us for orders charged to its customers' supplier accounts.</summary>
    SupplierAccountClearing,
    /// <summary>Money in transit from the bank: debits submitted, cheques and wires received.</summary>
    BankClearing,
    /// <summary>Money in the biller's bank account: debits past their return window.</summary>
    Cash,
    /// <summary>Money received (EFT, wire, cheque) not applied to an invoice yet; on the customer's line when we know whose it is.</summary>
    UnappliedCash,
}

public enum PostingKind
{
    Invoice,
    CreditNote,
    Fee,
    OrderPaidAtCreation,
    Payment,
    PaymentReturn,
    PaymentSettlement,
    /// <summary>An EFT, wire or cheque received, applied to invoices as far as its reference allows.</summary>
    Receipt,
    /// <summary>Unapplied cash applied to an invoice later, by staff.</summary>
    ReceiptApplication,
}
