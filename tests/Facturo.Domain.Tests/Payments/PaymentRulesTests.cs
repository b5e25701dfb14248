using CsCheck;
using Facturo.Ledger;

namespace Facturo.Payments;

public class PaymentRulesTests
{
    private const long Customer = 42;
    private static readonly DateOnly Today = new(2026, 11, 30);

    private static OpenInvoice Open(long id, int dueDay, long balanceCents) =>
        new(id, new DateOnly(2026, 10, 1), new DateOnly(2026, 11, dueDay), Money.Cad(balanceCents + 1000), Money.Cad(balanceCents));

    private static readonly Gen<IReadOnlyList<OpenInvoice>> OpenInvoices =
        Gen.Select(Gen.Int[1, 28], Gen.Long[1, 5_000_000]).List[1, 12]
            .Select(list => (IReadOnlyList<OpenInvoice>)list.Select((x, i) => Open(i + 1, x.Item1, x.Item2)).ToList());

    [Fact]
    public void An_amount_pays_the_invoice_due_first_and_then_the_next()
    {
        var open = new[] { Open(7, 20, 5_000), Open(3, 10, 2_000), Open(5, 10, 4_000) };

        var allocation = DebitAllocation.OldestFirst(open, Money.Cad(7_500));

        Assert.Equal([new InvoiceShare(3, Money.Cad(2_000)), new InvoiceShare(5, Money.Cad(4_000)), new InvoiceShare(7, Money.Cad(1_500))], allocation.Shares);
    }

    [Fact]
    public void Any_amount_up_to_what_is_owed_is_spread_whole_without_paying_an_invoice_more_than_it_owes()
    {
        Gen.Select(OpenInvoices, Gen.Double[0, 1]).Sample((open, fraction) =>
        {
            var owed = DebitAllocation.Owing(open, Currency.Cad).Cents;
            var amount = Money.Cad(Math.Max(1, (long)(owed * (decimal)fraction)));

            var allocation = DebitAllocation.OldestFirst(open, amount);

            Assert.True(allocation.Succeeded);
            Assert.Equal(amount, allocation.Total(Currency.Cad));
            Assert.All(allocation.Shares, s => Assert.InRange(s.Amount.Cents, 1, open.Single(o => o.InvoiceId == s.InvoiceId).Balance.Cents));
            // Oldest first: every invoice paid before the last one is paid in full.
            Assert.All(allocation.Shares.SkipLast(1), s => Assert.Equal(open.Single(o => o.InvoiceId == s.InvoiceId).Balance, s.Amount));
        });
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-100)]
    [InlineData(11_001)]
    public void An_amount_of_nothing_or_more_than_is_owed_is_refused(long cents)
    {
        var allocation = DebitAllocation.OldestFirst([Open(1, 10, 5_000), Open(2, 12, 6_000)], Money.Cad(cents));

        Assert.Equal(AllocationProblem.AmountOutOfRange, allocation.Problem);
        Assert.Empty(allocation.Shares);
    }

    [Fact]
    public void Chosen_invoices_are_paid_in_full_and_an_invoice_that_is_not_open_refuses_the_whole_payment()
    {
        var open = new[] { Open(1, 10, 5_000), Open(2, 12, 6_000), Open(3, 12, 0) };

        Assert.Equal([new InvoiceShare(2, Money.Cad(6_000))], DebitAllocation.Chosen(open, [2, 2]).Shares);
        var paid = DebitAllocation.Chosen(open, [1, 3]);
        Assert.Equal((AllocationProblem.InvoiceNotOpen, 3L), (paid.Problem!.Value, paid.InvoiceAtFault!.Value));
        Assert.Equal(AllocationProblem.InvoiceNotOpen, DebitAllocation.Chosen(open, [99]).Problem);
        Assert.Equal(AllocationProblem.NothingChosen, DebitAllocation.Chosen(open, []).Problem);
    }

    [Fact]
    public void A_debit_submitted_then_returned_leaves_every_invoice_and_bank_clearing_as_they_were()
    {
        OpenInvoices.Sample(open =>
        {
            var shares = DebitAllocation.OldestFirst(open, DebitAllocation.Owing(open, Currency.Cad)).Shares;

            var lines = PaymentPostings.Submitted("P000000001", Today, Customer, shares).Lines
                .Concat(PaymentPostings.Returned("P000000001", Today, Customer, shares, wasSettled: false).Lines).ToList();

            Assert.Equal(Money.Cad(0), Balances.ReceivableOf(lines, Customer, Currency.Cad));
            Assert.Equal(Money.Cad(0), Balances.Of(lines, LedgerAccount.BankClearing, Currency.Cad));
            Assert.All(lines.GroupBy(l => l.Document), g => Assert.Equal(0, g.Sum(l => l.Amount.Cents)));
        });
    }

    [Fact]
    public void A_settled_debit_returned_late_takes_the_money_back_out_of_cash()
    {
        var shares = new[] { new InvoiceShare(3, Money.Cad(11_300)) };

        var lines = PaymentPostings.Submitted("P000000009", Today, Customer, shares).Lines
            .Concat(PaymentPostings.Settled("P000000009", Today.AddDays(11), Money.Cad(11_300)).Lines)
            .Concat(PaymentPostings.Returned("P000000009", Today.AddDays(12), Customer, shares, wasSettled: true).Lines).ToList();

        Assert.Equal(Money.Cad(0), Balances.Of(lines, LedgerAccount.Cash, Currency.Cad));
        Assert.Equal(Money.Cad(0), Balances.Of(lines, LedgerAccount.BankClearing, Currency.Cad));
        // The invoice owes again what it owed before the payment.
        Assert.Equal(Money.Cad(0), Balances.ReceivableOf(lines, Customer, Currency.Cad));
    }

    [Fact]
    public void Money_received_is_cash_at_once_and_what_pays_no_invoice_stays_unapplied_on_the_customer_until_applied()
    {
        var received = PaymentPostings.Received("E000000001", Today, Money.Cad(10_000), Customer, [new InvoiceShare(3, Money.Cad(6_000))]);
        Assert.Equal(Money.Cad(10_000), Balances.Of(received.Lines, LedgerAccount.Cash, Currency.Cad));
        Assert.Equal(Money.Cad(-4_000), Balances.Of(received.Lines, LedgerAccount.UnappliedCash, Currency.Cad));

        var applied = PaymentPostings.Applied("E000000001", Today, Customer, new InvoiceShare(4, Money.Cad(4_000)), wasUnidentified: false, Money.Cad(0));

        var lines = received.Lines.Concat(applied.Lines).ToList();
        Assert.Equal(Money.Cad(0), Balances.Of(lines, LedgerAccount.UnappliedCash, Currency.Cad));
        Assert.Equal(Money.Cad(-10_000), Balances.ReceivableOf(lines, Customer, Currency.Cad));
    }

    [Fact]
    public void Unidentified_money_applied_once_moves_all_of_it_to_its_owner()
    {
        var received = PaymentPostings.Received("E000000002", Today, Money.Cad(10_000), null, []);
        var applied = PaymentPostings.Applied("E000000002", Today, Customer, new InvoiceShare(4, Money.Cad(3_000)), wasUnidentified: true, Money.Cad(7_000));

        var lines = received.Lines.Concat(applied.Lines).ToList();
        Assert.Equal(0, lines.Where(l => l.Account == LedgerAccount.UnappliedCash && l.CustomerAccountId is null).Sum(l => l.Amount.Cents));
        Assert.Equal(-7_000, lines.Where(l => l.Account == LedgerAccount.UnappliedCash && l.CustomerAccountId == Customer).Sum(l => l.Amount.Cents));
    }

    [Fact]
    public void A_receipt_cannot_apply_more_than_was_received()
    {
        Assert.Throws<InvalidOperationException>(() => PaymentPostings.Received("E000000003", Today, Money.Cad(100), Customer, [new InvoiceShare(1, Money.Cad(101))]));
    }

    [Theory]
    [InlineData(45, "P000000045")]
    [InlineData(10_000, "P000010000")]
    [InlineData(1_000_001, "P001000001")]
    [InlineData(1_234_567_890, "P1234567890")]
    public void A_payment_reference_names_the_payment_whole_in_both_bank_files_and_reads_back(long id, string reference)
    {
        Assert.Equal(reference, PaymentReference.Format(id));
        Assert.True(reference.Length <= Nacha.IdentificationLength);
        Assert.True(PaymentReference.TryParse(reference, out var read));
        Assert.Equal(id, read);
    }

    [Theory]
    [InlineData("P00000045")]
    [InlineData("P0000000045")]
    [InlineData("p000000045")]
    [InlineData("P000000000")]
    [InlineData("F000003001/1234")]
    [InlineData("P00000004 ")]
    [InlineData("")]
    public void Anything_but_a_reference_as_written_names_no_payment(string text)
    {
        Assert.False(PaymentReference.TryParse(text, out _));
    }

    [Fact]
    public void Every_payment_reference_reads_back_to_its_payment()
    {
        Gen.Long[1, long.MaxValue].Sample(id => PaymentReference.TryParse(PaymentReference.Format(id), out var read) && read == id);
    }
}
