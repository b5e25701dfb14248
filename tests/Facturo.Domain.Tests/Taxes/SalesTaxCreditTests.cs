using Facturo.Accounts;
using Facturo.Billing;

namespace Facturo.Taxes;

/// <summary>
/// A credit note gives back the taxes of the lines it credits (Excise Tax Act, s. 232: the supplier
/// who credits an amount adjusts the tax charged on it), each at the rate and in the province the
/// invoice charged it. Expected amounts are worked out by hand, rounded half up to the cent.
/// </summary>
public class SalesTaxCreditTests
{
    private static readonly DateOnly November2026 = new(2026, 11, 15);

    private static (Taxation Taxation, IReadOnlyList<TaxableLine> Lines) Invoice(TaxCustomer customer, params TaxableLine[] lines) =>
        (SalesTax.Canada.Compute(customer, lines, November2026, Currency.Cad), lines);

    private static (IReadOnlyList<TaxKey> Taxes, Money Amount) Credited(Taxation taxation, TaxableLine line) =>
        (taxation.Lines.Single(l => l.LineNumber == line.LineNumber).Taxes, line.Amount);

    private static IEnumerable<(string Code, long Base, long Tax)> Amounts(IEnumerable<TaxAmount> taxes) =>
        taxes.Select(t => (t.Key.Code, t.Base.Cents, t.Amount.Cents));

    /// <summary>Ontario customer: a parcel to NS 100.00 (HST-NS 14.00), one to QC 50.00 and its own letter mail 20.00.</summary>
    private static (Taxation Taxation, IReadOnlyList<TaxableLine> Lines) MixedInvoice() => Invoice(TaxCustomer.In(Province.ON),
        new TaxableLine(1, ChargeCategory.Shipping, Money.Cad(100_00), PlaceOfSupply.In(Province.NS)),
        new TaxableLine(2, ChargeCategory.Shipping, Money.Cad(50_00), PlaceOfSupply.In(Province.QC)),
        new TaxableLine(3, ChargeCategory.LetterMail, Money.Cad(20_00)));

    [Fact]
    public void Crediting_the_whole_invoice_gives_back_exactly_every_tax_it_charged()
    {
        var (taxation, lines) = MixedInvoice();

        var credit = SalesTax.Credit(taxation.Taxes, [], lines.Select(l => Credited(taxation, l)).ToList());

        // GST 50.00 × 5 % = 2.50; HST-NS 100.00 × 14 % = 14.00; HST-ON 20.00 × 13 % = 2.60.
        Assert.Equal([("GST", 50_00, 2_50), ("HST-NS", 100_00, 14_00), ("HST-ON", 20_00, 2_60)], Amounts(credit));
        Assert.Equal(taxation.Taxes, credit);
    }

    [Fact]
    public void Crediting_one_line_gives_back_only_the_taxes_that_line_bore_in_its_province()
    {
        var (taxation, lines) = MixedInvoice();

        var credit = SalesTax.Credit(taxation.Taxes, [], [Credited(taxation, lines[0])]);

        Assert.Equal([("HST-NS", 100_00, 14_00)], Amounts(credit));
    }

    /// <summary>
    /// Three lines of 33.33 in Ontario: HST on 99.99 × 13 % = 12.9987 → 13.00. Credited one line at a
    /// time, each piece is what the lines credited so far come to, less what was given back before:
    ///   33.33 × 13 % = 4.3329 → 4.33;   66.66 × 13 % = 8.6658 → 8.67, less 4.33 = 4.34;   all: 13.00 − 8.67 = 4.33.
    /// </summary>
    [Fact]
    public void Credits_in_pieces_add_up_to_the_tax_charged_and_never_more()
    {
        var (taxation, lines) = Invoice(TaxCustomer.In(Province.ON),
            new TaxableLine(1, ChargeCategory.Shipping, Money.Cad(33_33)),
            new TaxableLine(2, ChargeCategory.Shipping, Money.Cad(33_33)),
            new TaxableLine(3, ChargeCategory.Shipping, Money.Cad(33_33)));
        Assert.Equal([("HST-ON", 99_99, 13_00)], Amounts(taxation.Taxes));

        var credited = new List<TaxAmount>();
        var pieces = new List<long>();
        foreach (var line in lines)
        {
            var piece = SalesTax.Credit(taxation.Taxes, credited, [Credited(taxation, line)]);
            pieces.Add(piece.Single().Amount.Cents);
            credited.AddRange(piece);
        }

        Assert.Equal([4_33, 4_34, 4_33], pieces);
        Assert.Equal(13_00, pieces.Sum());
        Assert.Throws<ArgumentException>(() => SalesTax.Credit(taxation.Taxes, credited, [Credited(taxation, lines[0])]));
    }

    [Fact]
    public void Crediting_a_part_of_a_line_gives_back_the_tax_on_that_part()
    {
        var (taxation, _) = MixedInvoice();

        // 30.00 of the 100.00 parcel to NS: 30.00 × 14 % = 4.20.
        var credit = SalesTax.Credit(taxation.Taxes, [], [(taxation.Lines[0].Taxes, Money.Cad(30_00))]);

        Assert.Equal([("HST-NS", 30_00, 4_20)], Amounts(credit));
    }

    [Fact]
    public void Crediting_a_zero_rated_line_gives_back_no_tax()
    {
        var (taxation, lines) = Invoice(TaxCustomer.In(Province.ON),
            new TaxableLine(1, ChargeCategory.Shipping, Money.Cad(80_00), PlaceOfSupply.Outside("US")),
            new TaxableLine(2, ChargeCategory.Shipping, Money.Cad(20_00)));

        var credit = SalesTax.Credit(taxation.Taxes, [], [Credited(taxation, lines[0])]);

        Assert.Empty(credit);
    }

    [Fact]
    public void Crediting_an_exempt_line_gives_back_only_the_taxes_it_bore()
    {
        var resale = new TaxExemption("PST-1234-5678", ExemptionKind.PstResale, new HashSet<TaxKind> { TaxKind.Pst }, new HashSet<Province> { Province.BC }, new DateOnly(2026, 1, 1), null);
        var (taxation, lines) = Invoice(new TaxCustomer(PlaceOfSupply.In(Province.BC), [resale]),
            new TaxableLine(1, ChargeCategory.Lease, Money.Cad(200_00)));

        var credit = SalesTax.Credit(taxation.Taxes, [], [Credited(taxation, lines[0])]);

        // The lease bore GST only (200.00 × 5 % = 10.00): the certificate relieved the PST.
        Assert.Equal([("GST", 200_00, 10_00)], Amounts(credit));
    }
}
