using Facturo.Accounts;
using Facturo.Ledger;
using Facturo.Taxes;

namespace Facturo.Billing;

/// <summary>A charge waiting for an invoice; a parcel's charge may name where it goes (its place of supply).</summary>
public sealed record BillableCharge(long ChargeId, ChargeCategory Category, string Description, decimal Quantity, Money UnitPrice, Money Amount, DateOnly ServiceDate, PlaceOfSupply? Destination = null);

/// <summary>What the generator needs to know about the account being billed.</summary>
public sealed record BillableAccount(long AccountId, TaxCustomer TaxCustomer, CreditTerms CreditTerms, DeliveryPreference Delivery, Currency Currency);

public sealed record InvoiceDraftLine(int LineNumber, long? ChargeId, ChargeCategory Category, string Description, decimal Quantity, Money UnitPrice, Money Amount, LineTaxation Taxation);

public sealed record InvoiceDraft(
    long AccountId,
    BillingPeriod Period,
    DateOnly IssueDate,
    DateOnly DueDate,
    IReadOnlyList<InvoiceDraftLine> Lines,
    IReadOnlyList<TaxAmount> Taxes,
    Money Subtotal,
    Money TaxTotal)
{
    public Money Total => Subtotal + TaxTotal;
}

/// <summary>
/// Turns an account's unbilled charges for a period into an invoice. A pure function of its inputs,
/// so a re-run over the same data produces the same invoice.
/// </summary>
public static class InvoiceGenerator
{
    public static InvoiceDraft? Generate(BillableAccount account, IReadOnlyList<BillableCharge> charges, Money paperFee, BillingPeriod period, DateOnly issueDate, SalesTax salesTax)
    {
        if (charges.Count == 0)
        {
            return null;
        }
        var ordered = charges.OrderBy(c => c.ServiceDate).ThenBy(c => c.ChargeId).ToList();
        var taxable = ordered.Select((c, i) => new TaxableLine(i + 1, c.Category, c.Amount, c.Destination)).ToList();
        var chargesAndFee = ordered.Select(c => (ChargeId: (long?)c.ChargeId, c.Category, c.Description, c.Quantity, c.UnitPrice, c.Amount)).ToList();
        if (account.Delivery == DeliveryPreference.Paper && !paperFee.IsZero)
        {
            taxable.Add(new TaxableLine(taxable.Count + 1, ChargeCategory.PaperFee, paperFee));
            chargesAndFee.Add((null, ChargeCategory.PaperFee, "", 1m, paperFee, paperFee));
        }
        // The tax point is the day the consideration becomes due: the invoice date.
        var taxation = salesTax.Compute(account.TaxCustomer, taxable, issueDate, account.Currency);
        var lines = chargesAndFee
            .Select((c, i) => new InvoiceDraftLine(i + 1, c.ChargeId, c.Category, c.Description, c.Quantity, c.UnitPrice, c.Amount, taxation.Lines[i]))
            .ToList();
        var subtotal = Money.Sum(lines.Select(l => l.Amount), account.Currency);
        return new InvoiceDraft(account.AccountId, period, issueDate, account.CreditTerms.DueDate(issueDate), lines, taxation.Taxes, subtotal, taxation.Total(account.Currency));
    }

    /// <summary>Amount of one line: price × quantity, rounded once to the cent.</summary>
    public static Money LineAmount(Money unitPrice, decimal quantity) =>
        Money.Round(unitPrice.ToDecimal() * quantity, unitPrice.Currency);
}

/// <summary>The ledger postings that go with billing documents.</summary>
public static class BillingPostings
{
    public static Posting ForInvoice(InvoiceDraft invoice, long invoiceId, string invoiceNumber)
    {
        var currency = invoice.Subtotal.Currency;
        var paperFees = Money.Sum(invoice.Lines.Where(l => l.Category == ChargeCategory.PaperFee).Select(l => l.Amount), currency);
        return Posting.Create(PostingKind.Invoice, invoice.IssueDate, invoiceNumber,
        [
            new PostingLine(LedgerAccount.AccountsReceivable, invoice.Total, invoice.AccountId, ReceivableDocument.Invoice(invoiceId)),
            new PostingLine(LedgerAccount.Revenue, -(invoice.Subtotal - paperFees)),
            new PostingLine(LedgerAccount.PaperFeeRevenue, -paperFees),
            .. TaxLines(invoice.Taxes, negate: true),
        ]);
    }

    /// <summary>A credit note gives back part or all of an invoice: the invoice's receivable down, revenue (paper fees apart) and tax back.</summary>
    public static Posting ForCreditNote(long accountId, long invoiceId, string creditNoteNumber, DateOnly issueDate, Money subtotal, Money paperFees, IReadOnlyList<TaxAmount> taxes)
    {
        var total = subtotal + Money.Sum(taxes.Select(t => t.Amount), subtotal.Currency);
        return Posting.Create(PostingKind.CreditNote, issueDate, creditNoteNumber,
        [
            new PostingLine(LedgerAccount.AccountsReceivable, -total, accountId, ReceivableDocument.Invoice(invoiceId)),
            new PostingLine(LedgerAccount.Revenue, subtotal - paperFees),
            new PostingLine(LedgerAccount.PaperFeeRevenue, paperFees),
            .. TaxLines(taxes, negate: false),
        ]);
    }

    /// <summary>An order paid when it is created: it is billed and settled at once, so the receivable nets to zero.</summary>
    public static Posting ForOrderPaidAtCreation(long accountId, long orderId, string reference, DateOnly date, Money subtotal, IReadOnlyList<TaxAmount> taxes, PaymentMethod method)
    {
        var total = subtotal + Money.Sum(taxes.Select(t => t.Amount), subtotal.Currency);
        var clearing = method switch
        {
            PaymentMethod.Card => LedgerAccount.CardClearing,
            PaymentMethod.SupplierAccount => LedgerAccount.SupplierAccountClearing,
            _ => throw new ArgumentOutOfRangeException(nameof(method), method, "On-account orders are billed on the next invoice."),
        };
        return Posting.Create(PostingKind.OrderPaidAtCreation, date, reference,
        [
            new PostingLine(LedgerAccount.AccountsReceivable, total, accountId, ReceivableDocument.Order(orderId)),
            new PostingLine(LedgerAccount.Revenue, -subtotal),
            .. TaxLines(taxes, negate: true),
            new PostingLine(clearing, total),
            new PostingLine(LedgerAccount.AccountsReceivable, -total, accountId, ReceivableDocument.Order(orderId)),
        ]);
    }

    private static IEnumerable<PostingLine> TaxLines(IReadOnlyList<TaxAmount> taxes, bool negate) =>
        taxes.Select(t => new PostingLine(PayableFor(t.Kind), negate ? -t.Amount : t.Amount));

    private static LedgerAccount PayableFor(TaxKind kind) => kind switch
    {
        TaxKind.Gst or TaxKind.Hst => LedgerAccount.GstHstPayable,
        TaxKind.Qst => LedgerAccount.QstPayable,
        TaxKind.Pst => LedgerAccount.PstPayable,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
