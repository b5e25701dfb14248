using Facturo.Ledger;

namespace Facturo.Payments;

/// <summary>What part of a payment goes to which invoice.</summary>
public sealed record InvoiceShare(long InvoiceId, Money Amount);

public enum AllocationProblem
{
    /// <summary>A chosen invoice is not among the account's open invoices.</summary>
    InvoiceNotOpen,
    /// <summary>Neither invoices nor an amount were chosen.</summary>
    NothingChosen,
    /// <summary>The amount is zero, negative, or more than the account owes.</summary>
    AmountOutOfRange,
}

/// <summary>The shares, or why there are none (and, for a chosen invoice, which one).</summary>
public sealed record Allocation(IReadOnlyList<InvoiceShare> Shares, AllocationProblem? Problem = null, long? InvoiceAtFault = null)
{
    public bool Succeeded => Problem is null;

    public Money Total(Currency currency) => Money.Sum(Shares.Select(s => s.Amount), currency);

    internal static Allocation Refused(AllocationProblem problem, long? invoice = null) => new([], problem, invoice);
}

/// <summary>
/// How a debit pays invoices: the invoices a person chose, each for its whole open balance; or an amount, spread over
/// the open invoices oldest due first (then lowest number), never more than an invoice still owes.
/// </summary>
public static class DebitAllocation
{
    public static Allocation Chosen(IReadOnlyList<OpenInvoice> open, IEnumerable<long> invoiceIds)
    {
        var shares = new List<InvoiceShare>();
        foreach (var id in invoiceIds.Distinct())
        {
            if (open.SingleOrDefault(o => o.InvoiceId == id && o.Balance.Cents > 0) is not { } invoice)
            {
                return Allocation.Refused(AllocationProblem.InvoiceNotOpen, id);
            }
            shares.Add(new InvoiceShare(id, invoice.Balance));
        }
        return shares.Count == 0 ? Allocation.Refused(AllocationProblem.NothingChosen) : new Allocation(shares);
    }

    public static Allocation OldestFirst(IReadOnlyList<OpenInvoice> open, Money amount)
    {
        var owing = open.Where(o => o.Balance.Cents > 0).ToList();
        var owed = owing.Sum(o => o.Balance.Cents);
        if (amount.Cents <= 0 || amount.Cents > owed)
        {
            return Allocation.Refused(AllocationProblem.AmountOutOfRange);
        }
        var left = amount.Cents;
        var shares = new List<InvoiceShare>();
        foreach (var invoice in owing.OrderBy(o => o.DueDate).ThenBy(o => o.InvoiceId))
        {
            var part = Math.Min(left, invoice.Balance.Cents);
            shares.Add(new InvoiceShare(invoice.InvoiceId, new Money(part, amount.Currency)));
            left -= part;
            if (left == 0)
            {
                break;
            }
        }
        return new Allocation(shares);
    }

    /// <summary>What the account owes on its open invoices: the most one debit may pay.</summary>
    public static Money Owing(IReadOnlyList<OpenInvoice> open, Currency currency) =>
        new(open.Where(o => o.Balance.Cents > 0).Sum(o => o.Balance.Cents), currency);
}
