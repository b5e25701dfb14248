using CsCheck;
using Facturo.Accounts;
using Facturo.Billing;
using Facturo.Ledger;
using Facturo.Taxes;

namespace Facturo.Ledger;

public class LedgerInvariantTests
{
    private static readonly Gen<Province> Provinces = Gen.Enum<Province>();
    private static readonly Gen<DateOnly> Dates = Gen.Int[0, 2000].Select(d => TaxTable.CoverageStart.AddDays(d));
    private static readonly Gen<BillableCharge> Charges =
        Gen.Select(Gen.Long[1, 1_000_000], Gen.Int[1, 500], Gen.Long[0, 250_000], Gen.Enum<ChargeCategory>().Where(c => c != ChargeCategory.PaperFee))
            .Select((id, quantity, priceCents, category) =>
            {
                var unitPrice = Money.Cad(priceCents);
                return new BillableCharge(id, category, "item", quantity, unitPrice, InvoiceGenerator.LineAmount(unitPrice, quantity), new DateOnly(2026, 10, 1));
            });

    private static readonly Gen<InvoiceDraft> Invoices =
        Gen.Select(Provinces, Dates, Charges.List[1, 30], Gen.Bool, Gen.Int[0, 60])
            .Select((province, date, charges, paper, terms) => InvoiceGenerator.Generate(
                new BillableAccount(42, TaxCustomer.In(province), new CreditTerms(terms), paper ? DeliveryPreference.Paper : DeliveryPreference.Electronic, Currency.Cad),
                charges, Money.Cad(500), BillingPeriod.Of(date), date, SalesTax.Canada)!);

    [Fact]
    public void Every_invoice_posting_sums_to_zero_and_puts_the_invoice_total_on_the_receivable()
    {
        Invoices.Sample(invoice =>
        {
            var posting = BillingPostings.ForInvoice(invoice, 7, "F000000007");

            Assert.Equal(0, posting.Lines.Sum(l => l.Amount.Cents));
            Assert.Equal(invoice.Total, Balances.ReceivableOf(posting.Lines, 42, Currency.Cad));
            Assert.Equal(invoice.Subtotal + invoice.TaxTotal, invoice.Total);
            Assert.Equal(invoice.Subtotal, Money.Sum(invoice.Lines.Select(l => l.Amount), Currency.Cad));
        });
    }

    [Fact]
    public void A_receivable_balance_is_the_sum_of_its_postings_whatever_the_order_they_arrive_in()
    {
        Gen.Select(Invoices.List[1, 8], Gen.Int[0, 100]).Sample((invoices, creditPercent) =>
        {
            var postings = new List<Posting>();
            long expected = 0;
            for (var i = 0; i < invoices.Count; i++)
            {
                var invoice = invoices[i];
                postings.Add(BillingPostings.ForInvoice(invoice, i + 1, $"F{i + 1}"));
                expected += invoice.Total.Cents;
                var credit = Money.Round(invoice.Subtotal.ToDecimal() * creditPercent / 100m, Currency.Cad);
                if (!credit.IsZero)
                {
                    var shares = CreditSpread.Spread(credit, invoice.Lines.Select(l => l.Amount).ToList());
                    var taxes = SalesTax.Credit(invoice.Taxes, [], invoice.Lines.Zip(shares, (line, share) => (line.Taxation.Taxes, share)).ToList());
                    var paperFees = Money.Sum(invoice.Lines.Zip(shares).Where(p => p.First.Category == ChargeCategory.PaperFee).Select(p => p.Second), Currency.Cad);
                    var note = BillingPostings.ForCreditNote(42, i + 1, $"NC{i + 1}", invoice.IssueDate, credit, paperFees, taxes);
                    Assert.Equal(0, note.Lines.Sum(l => l.Amount.Cents));
                    postings.Add(note);
                    expected -= credit.Cents + taxes.Sum(t => t.Amount.Cents);
                }
            }
            var lines = postings.SelectMany(p => p.Lines).Reverse().ToList();

            Assert.Equal(expected, Balances.ReceivableOf(lines, 42, Currency.Cad).Cents);
            Assert.Equal(0, lines.Sum(l => l.Amount.Cents));
        });
    }

    [Fact]
    public void Reversing_a_posting_brings_every_account_back_to_zero()
    {
        Invoices.Sample(invoice =>
        {
            var posting = BillingPostings.ForInvoice(invoice, 1, "F1");
            var reversal = posting.Reverse(PostingKind.PaymentReturn, invoice.IssueDate, "R1");
            var lines = posting.Lines.Concat(reversal.Lines).ToList();

            foreach (var account in Enum.GetValues<LedgerAccount>())
            {
                Assert.Equal(0, Balances.Of(lines, account, Currency.Cad).Cents);
            }
        });
    }

    [Fact]
    public void An_order_paid_at_creation_leaves_nothing_owing()
    {
        Gen.Select(Provinces, Gen.Long[1, 10_000_000], Gen.Bool).Sample((province, cents, card) =>
        {
            var subtotal = Money.Cad(cents);
            var taxes = SalesTax.Canada.Compute(TaxCustomer.In(province), [new TaxableLine(1, ChargeCategory.Other, subtotal)], new DateOnly(2026, 11, 2), Currency.Cad).Taxes;
            var posting = BillingPostings.ForOrderPaidAtCreation(9, 3, "ORDER-3", new DateOnly(2026, 11, 2), subtotal, taxes, card ? PaymentMethod.Card : PaymentMethod.SupplierAccount);

            Assert.Equal(0, posting.Lines.Sum(l => l.Amount.Cents));
            Assert.True(Balances.ReceivableOf(posting.Lines, 9, Currency.Cad).IsZero);
        });
    }

    [Fact]
    public void An_unbalanced_posting_is_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Posting.Create(PostingKind.Fee, new DateOnly(2026, 11, 1), "X",
        [
            new PostingLine(LedgerAccount.AccountsReceivable, Money.Cad(500), 1, ReceivableDocument.Invoice(1)),
            new PostingLine(LedgerAccount.PaperFeeRevenue, Money.Cad(-499)),
        ]));
        Assert.Contains("does not balance", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_receivable_line_must_name_its_customer_and_document()
    {
        Assert.Throws<InvalidOperationException>(() => Posting.Create(PostingKind.Fee, new DateOnly(2026, 11, 1), "X",
        [
            new PostingLine(LedgerAccount.AccountsReceivable, Money.Cad(500)),
            new PostingLine(LedgerAccount.PaperFeeRevenue, Money.Cad(-500)),
        ]));
    }

    [Theory]
    [InlineData("2026-11-30", AgingBucket.Current)]
    [InlineData("2026-12-01", AgingBucket.Days1To30)]
    [InlineData("2026-12-30", AgingBucket.Days1To30)]
    [InlineData("2026-12-31", AgingBucket.Days31To60)]
    [InlineData("2027-01-29", AgingBucket.Days31To60)]
    [InlineData("2027-01-30", AgingBucket.Days61To90)]
    [InlineData("2027-02-28", AgingBucket.Days61To90)]
    [InlineData("2027-03-01", AgingBucket.Over90)]
    public void Aging_counts_days_past_the_due_date(string asOf, AgingBucket expected)
    {
        Assert.Equal(expected, AgingReport.BucketOf(new DateOnly(2026, 11, 30), DateOnly.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Aging_buckets_add_up_to_the_total_and_overdue_excludes_current()
    {
        Gen.Select(Gen.Int[-200, 200], Gen.Long[1, 100_000]).List[0, 20].Sample(items =>
        {
            var asOf = new DateOnly(2026, 11, 23);
            var open = items.Select((x, i) => new OpenItem(ReceivableDocument.Invoice(i), asOf.AddDays(x.Item1), Money.Cad(x.Item2))).ToList();
            var aging = AgingReport.Of(open, asOf, Currency.Cad);

            Assert.Equal(open.Sum(o => o.Balance.Cents), aging.Total.Cents);
            Assert.Equal(open.Where(o => o.DueDate < asOf).Sum(o => o.Balance.Cents), aging.Overdue.Cents);
        });
    }
}
