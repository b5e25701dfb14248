using CsCheck;
using Facturo.Ledger;

namespace Facturo.Payments;

public class ReceiptApplicationTests
{
    private static OpenInvoice Open(long id, int dueDay, long balanceCents) =>
        new(id, new DateOnly(2026, 10, 1), new DateOnly(2026, 11, dueDay), Money.Cad(balanceCents + 1000), Money.Cad(balanceCents));

    [Fact]
    public void Money_for_no_invoice_in_particular_pays_the_invoice_due_first_and_the_rest_stays_unapplied()
    {
        var open = new[] { Open(7, 20, 5_000), Open(3, 10, 2_000) };

        var allocation = ReceiptApplication.Apply(open, [], Money.Cad(9_000));

        Assert.True(allocation.Succeeded);
        Assert.Equal([new InvoiceShare(3, Money.Cad(2_000)), new InvoiceShare(7, Money.Cad(5_000))], allocation.Shares);
    }

    [Fact]
    public void Named_invoices_are_paid_in_the_order_named_even_when_another_is_due_sooner()
    {
        var open = new[] { Open(7, 20, 5_000), Open(3, 10, 2_000) };

        var allocation = ReceiptApplication.Apply(open, [7, 3], Money.Cad(6_000));

        Assert.Equal([new InvoiceShare(7, Money.Cad(5_000)), new InvoiceShare(3, Money.Cad(1_000))], allocation.Shares);
    }

    [Fact]
    public void A_named_invoice_that_is_paid_or_not_the_accounts_refuses_the_receipt()
    {
        var open = new[] { Open(7, 20, 5_000), Open(4, 10, 0) };

        Assert.Equal((AllocationProblem.InvoiceNotOpen, 4L), (ReceiptApplication.Apply(open, [7, 4], Money.Cad(100)).Problem, ReceiptApplication.Apply(open, [7, 4], Money.Cad(100)).InvoiceAtFault));
        Assert.Equal(99L, ReceiptApplication.Apply(open, [99], Money.Cad(100)).InvoiceAtFault);
    }

    [Fact]
    public void Any_receipt_applies_no_more_than_it_brings_nor_more_than_an_invoice_owes()
    {
        Gen.Select(Gen.Select(Gen.Int[1, 28], Gen.Long[0, 5_000_000]).List[0, 12], Gen.Long[1, 20_000_000]).Sample((invoices, cents) =>
        {
            var open = invoices.Select((x, i) => Open(i + 1, x.Item1, x.Item2)).ToList();

            var allocation = ReceiptApplication.Apply(open, [], Money.Cad(cents));

            Assert.Equal(Math.Min(cents, open.Sum(o => o.Balance.Cents)), allocation.Total(Currency.Cad).Cents);
            Assert.All(allocation.Shares, s => Assert.InRange(s.Amount.Cents, 1, open.Single(o => o.InvoiceId == s.InvoiceId).Balance.Cents));
        });
    }
}
