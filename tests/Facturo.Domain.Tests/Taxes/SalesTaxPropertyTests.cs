using CsCheck;
using Facturo.Accounts;
using Facturo.Billing;
using Facturo.Ledger;

namespace Facturo.Taxes;

/// <summary>
/// Properties of sales tax over random invoices: random categories, parcel destinations in and
/// outside Canada, customers in and outside Canada, and exemption certificates of every kind, valid
/// or not on the tax point.
/// </summary>
public class SalesTaxPropertyTests
{
    private const long CustomerAccount = 42;

    private static readonly Gen<Province> Provinces = Gen.Enum<Province>();
    private static readonly Gen<DateOnly> Dates = Gen.Int[0, 5000].Select(d => TaxTable.CoverageStart.AddDays(d));

    private static readonly Gen<PlaceOfSupply> Places = Gen.Frequency(
        (5, Provinces.Select(PlaceOfSupply.In)),
        (1, Gen.OneOf("US", "FR", "MX").Select(PlaceOfSupply.Outside)));

    private static readonly Gen<TaxExemption> Certificates =
        Gen.Select(Gen.Enum<ExemptionKind>(), Gen.Enum<TaxKind>().Array[1, 4], Provinces.Array[1, 6], Dates, Gen.Int[0, 1500], Gen.Bool)
            .Select((kind, taxes, provinces, from, days, openEnded) =>
                new TaxExemption($"CERT-{days}", kind, taxes.ToHashSet(), provinces.ToHashSet(), from, openEnded ? null : from.AddDays(days)));

    private static readonly Gen<TaxCustomer> Customers = Gen.Select(Places, Certificates.List[0, 3]).Select((address, exemptions) => new TaxCustomer(address, exemptions));

    private static readonly Gen<BillableCharge> Charges =
        Gen.Select(Gen.Long[1, 1_000_000], Gen.Enum<ChargeCategory>().Where(c => c != ChargeCategory.PaperFee), Gen.Int[1, 500], Gen.Long[1, 250_000], Places.Nullable(0.4))
            .Select((id, category, quantity, priceCents, destination) =>
            {
                var unitPrice = Money.Cad(priceCents);
                return new BillableCharge(id, category, "item", quantity, unitPrice, InvoiceGenerator.LineAmount(unitPrice, quantity), new DateOnly(2026, 10, 1),
                    category == ChargeCategory.Shipping ? destination : null);
            });

    private static readonly Gen<(TaxCustomer Customer, InvoiceDraft Invoice)> Invoices =
        Gen.Select(Customers, Dates, Charges.List[1, 30], Gen.Bool)
            .Select((customer, date, charges, paper) => (customer, InvoiceGenerator.Generate(
                new BillableAccount(CustomerAccount, customer, new CreditTerms(30), paper ? DeliveryPreference.Paper : DeliveryPreference.Electronic, Currency.Cad),
                charges, Money.Cad(500), BillingPeriod.Of(date), date, SalesTax.Canada)!));

    [Fact]
    public void An_invoice_total_always_equals_its_lines_plus_its_taxes()
    {
        Invoices.Sample((_, invoice) =>
        {
            var lines = Money.Sum(invoice.Lines.Select(l => l.Amount), Currency.Cad);
            var taxes = Money.Sum(invoice.Taxes.Select(t => t.Amount), Currency.Cad);

            Assert.Equal(lines + taxes, invoice.Total);
            Assert.Equal((lines, taxes), (invoice.Subtotal, invoice.TaxTotal));
            Assert.Equal(invoice.Total, Balances.ReceivableOf(BillingPostings.ForInvoice(invoice, 7, "F7").Lines, CustomerAccount, Currency.Cad));
        });
    }

    [Fact]
    public void Each_tax_is_its_base_times_its_rate_rounded_half_up_once_and_its_base_is_the_lines_that_bear_it()
    {
        Invoices.Sample((_, invoice) =>
        {
            foreach (var tax in invoice.Taxes)
            {
                var bearing = invoice.Lines.Where(l => l.Taxation.Taxes.Contains(tax.Key)).Sum(l => l.Amount.Cents);
                Assert.Equal(bearing, tax.Base.Cents);
                Assert.Equal((long)Math.Round(tax.Base.Cents * tax.Rate, MidpointRounding.AwayFromZero), tax.Amount.Cents);
            }
            Assert.Equal(invoice.Taxes.Count, invoice.Taxes.Select(t => t.Key).Distinct().Count());
        });
    }

    [Fact]
    public void A_line_bears_tax_only_in_Canada_and_never_a_tax_a_valid_certificate_covers()
    {
        Invoices.Sample((customer, invoice) =>
        {
            foreach (var line in invoice.Lines)
            {
                var taxation = line.Taxation;
                if (taxation.PlaceOfSupply.Province is not { } province)
                {
                    Assert.Empty(taxation.Taxes);
                    Assert.Equal(OutsideCanadaRule.For(line.Category).Reason, taxation.OutsideCanada);
                    continue;
                }
                Assert.Null(taxation.OutsideCanada);
                Assert.All(taxation.Taxes, key => Assert.DoesNotContain(customer.Exemptions, e => e.Covers(key.Kind, province, invoice.IssueDate)));
                Assert.All(taxation.Taxes, key => Assert.True(key.Province is null || key.Province == province));
            }
        });
    }

    [Fact]
    public void Crediting_the_whole_invoice_in_one_piece_or_several_brings_every_tax_account_back_to_zero()
    {
        Gen.Select(Invoices, Gen.Int[0, 3].Array[31]).Sample((billed, pieceOfLine) =>
        {
            var (_, invoice) = billed;
            var postings = new List<Posting> { BillingPostings.ForInvoice(invoice, 7, "F7") };
            var credited = new List<TaxAmount>();
            foreach (var piece in invoice.Lines.GroupBy(l => pieceOfLine[l.LineNumber - 1]).OrderBy(g => g.Key))
            {
                var creditedLines = piece.Select(l => (l.Taxation.Taxes, l.Amount)).ToList();
                var taxes = SalesTax.Credit(invoice.Taxes, credited, creditedLines);
                credited.AddRange(taxes);
                var paperFees = Money.Sum(piece.Where(l => l.Category == ChargeCategory.PaperFee).Select(l => l.Amount), Currency.Cad);
                postings.Add(BillingPostings.ForCreditNote(CustomerAccount, 7, $"NC{piece.Key}", invoice.IssueDate, Money.Sum(piece.Select(l => l.Amount), Currency.Cad), paperFees, taxes));
            }
            var lines = postings.SelectMany(p => p.Lines).ToList();

            foreach (var account in new[] { LedgerAccount.GstHstPayable, LedgerAccount.QstPayable, LedgerAccount.PstPayable, LedgerAccount.Revenue, LedgerAccount.PaperFeeRevenue })
            {
                Assert.Equal(0, Balances.Of(lines, account, Currency.Cad).Cents);
            }
            Assert.True(Balances.ReceivableOf(lines, CustomerAccount, Currency.Cad).IsZero);
            Assert.All(invoice.Taxes, tax => Assert.Equal(tax.Amount, Money.Sum(credited.Where(c => c.Key == tax.Key).Select(c => c.Amount), Currency.Cad)));
        });
    }
}
