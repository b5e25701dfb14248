using Facturo.Api;

namespace Facturo.Events;

// What each event says, as integrators read it in its "data": amounts are strings of exact cents in the object's currency.

public sealed record InvoiceFinalizedData(string Number, string CustomerNumber, string Period, DateOnly IssueDate, DateOnly DueDate, string Currency,
    ApiAmount Subtotal, ApiAmount Tax, ApiAmount Total);

/// <summary><paramref name="PaidBy"/>: the payment, receipt or credit note that brought the balance to zero.</summary>
public sealed record InvoicePaidData(string Number, string CustomerNumber, string Currency, ApiAmount Total, string PaidBy);

public sealed record CreditNoteCreatedData(string Number, string InvoiceNumber, string CustomerNumber, DateOnly IssueDate, string Currency,
    ApiAmount Subtotal, ApiAmount Tax, ApiAmount Total, string Reason);

public sealed record PaymentData(string Reference, string CustomerNumber, string Currency, ApiAmount Amount, string Status, IReadOnlyList<string> Invoices);

/// <summary>A debit's move through the bank: <paramref name="Status"/> SentToBank or Settled, <paramref name="At"/> when it moved.</summary>
public sealed record PaymentMovedData(string Reference, string CustomerNumber, string Currency, ApiAmount Amount, string Status, DateTimeOffset At);

public sealed record PaymentReturnedData(string Reference, string CustomerNumber, string Currency, ApiAmount Amount, string ReturnCode, IReadOnlyList<string> Invoices);

public sealed record ProgramChangedData(string CustomerNumber, string From, string To, int CreditTermsDays, DateOnly AgreementDate);

public sealed record LeadOpenedData(long LeadId, string CustomerNumber, string Currency, ApiAmount Revenue, long Pieces);
