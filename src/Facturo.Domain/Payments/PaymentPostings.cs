using Facturo.Ledger;

namespace Facturo.Payments;

/// <summary>
/// The ledger side of a payment's life. Submitting a debit pays the invoices down and puts the money in bank
/// clearing (on its way); sending the file moves nothing; settling moves it to cash once the return window has
/// passed; a return undoes the payment from wherever the money is. Money received by EFT, wire or cheque is cash
/// at once, applied to invoices as far as it goes and kept as unapplied cash for the rest.
/// </summary>
public static class PaymentPostings
{
    public static Posting Submitted(string reference, DateOnly day, long customerAccountId, IReadOnlyList<InvoiceShare> shares)
    {
        var total = Total(shares);
        return Posting.Create(PostingKind.Payment, day, reference,
        [
            new PostingLine(LedgerAccount.BankClearing, total),
            .. Receivable(customerAccountId, shares, paid: true),
        ]);
    }

    public static Posting Settled(string reference, DateOnly day, Money amount) =>
        Posting.Create(PostingKind.PaymentSettlement, day, reference,
            [new PostingLine(LedgerAccount.Cash, amount), new PostingLine(LedgerAccount.BankClearing, -amount)]);

    /// <param name="wasSettled">A settled debit's money is already in cash; a late return takes it back from there.</param>
    public static Posting Returned(string reference, DateOnly day, long customerAccountId, IReadOnlyList<InvoiceShare> shares, bool wasSettled) =>
        Posting.Create(PostingKind.PaymentReturn, day, reference,
        [
            new PostingLine(wasSettled ? LedgerAccount.Cash : LedgerAccount.BankClearing, -Total(shares)),
            .. Receivable(customerAccountId, shares, paid: false),
        ]);

    /// <param name="customerAccountId">Null while nobody knows whose money it is: its unapplied cash then sits on no customer.</param>
    public static Posting Received(string reference, DateOnly day, Money amount, long? customerAccountId, IReadOnlyList<InvoiceShare> shares)
    {
        var applied = Total(shares, amount.Currency);
        if (applied > amount)
        {
            throw new InvalidOperationException($"Receipt {reference} applies {applied} of {amount}.");
        }
        if (shares.Count > 0 && customerAccountId is null)
        {
            throw new InvalidOperationException($"Receipt {reference} pays invoices of no known customer.");
        }
        return Posting.Create(PostingKind.Receipt, day, reference,
        [
            new PostingLine(LedgerAccount.Cash, amount),
            .. Receivable(customerAccountId ?? 0, shares, paid: true),
            new PostingLine(LedgerAccount.UnappliedCash, -(amount - applied), customerAccountId),
        ]);
    }

    /// <summary>
    /// Unapplied cash applied to an invoice. When the money had no known owner until now, the rest of it
    /// (<paramref name="restOfUnidentified"/>) moves to the customer's unapplied cash too.
    /// </summary>
    public static Posting Applied(string reference, DateOnly day, long customerAccountId, InvoiceShare share, bool wasUnidentified, Money restOfUnidentified)
    {
        List<PostingLine> lines =
        [
            new(LedgerAccount.UnappliedCash, share.Amount, wasUnidentified ? null : customerAccountId),
            .. Receivable(customerAccountId, [share], paid: true),
        ];
        if (wasUnidentified && restOfUnidentified.Cents > 0)
        {
            lines.Add(new PostingLine(LedgerAccount.UnappliedCash, restOfUnidentified));
            lines.Add(new PostingLine(LedgerAccount.UnappliedCash, -restOfUnidentified, customerAccountId));
        }
        return Posting.Create(PostingKind.ReceiptApplication, day, reference, lines);
    }

    private static IEnumerable<PostingLine> Receivable(long customerAccountId, IEnumerable<InvoiceShare> shares, bool paid) =>
        shares.Select(s => new PostingLine(LedgerAccount.AccountsReceivable, paid ? -s.Amount : s.Amount, customerAccountId, ReceivableDocument.Invoice(s.InvoiceId)));

    private static Money Total(IReadOnlyList<InvoiceShare> shares) =>
        shares.Count > 0 ? Total(shares, shares[0].Amount.Currency) : throw new InvalidOperationException("A payment pays at least one invoice.");

    private static Money Total(IReadOnlyList<InvoiceShare> shares, Currency currency) => Money.Sum(shares.Select(s => s.Amount), currency);
}
