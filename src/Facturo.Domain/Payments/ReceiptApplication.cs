using Facturo.Ledger;

namespace Facturo.Payments;

/// <summary>
/// How money received for one account pays its invoices: the invoices named, in the order named, or else the open invoices
/// oldest due first (then lowest number); each up to what it still owes. What is left is the customer's unapplied cash,
/// never an error: a customer may pay ahead. Only a named invoice that is not open refuses the receipt.
/// </summary>
public static class ReceiptApplication
{
    public static Allocation Apply(IReadOnlyList<OpenInvoice> open, IReadOnlyList<long> named, Money amount)
    {
        var owing = open.Where(o => o.Balance.Cents > 0).ToList();
        foreach (var id in named.Where(id => owing.All(o => o.InvoiceId != id)))
        {
            return Allocation.Refused(AllocationProblem.InvoiceNotOpen, id);
        }
        var order = named.Count > 0
            ? named.Distinct().Select(id => owing.Single(o => o.InvoiceId == id))
            : owing.OrderBy(o => o.DueDate).ThenBy(o => o.InvoiceId);
        var left = amount.Cents;
        var shares = new List<InvoiceShare>();
        foreach (var invoice in order.TakeWhile(_ => left > 0))
        {
            var part = Math.Min(left, invoice.Balance.Cents);
            shares.Add(new InvoiceShare(invoice.InvoiceId, new Money(part, amount.Currency)));
            left -= part;
        }
        return new Allocation(shares);
    }
}
