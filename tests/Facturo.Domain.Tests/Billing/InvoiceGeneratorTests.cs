using Facturo.Accounts;
using Facturo.Billing;
using Facturo.Taxes;

namespace Facturo.Billing;

public class InvoiceGeneratorTests
{
    private static readonly BillingPeriod October = BillingPeriod.Parse("2026-10");
    private static readonly DateOnly IssueDate = new(2026, 11, 1);

    private static BillableCharge Charge(long id, long unitCents, decimal quantity, int day) =>
        new(id, ChargeCategory.Shipping, $"Parcel {id}", quantity, Money.Cad(unitCents), InvoiceGenerator.LineAmount(Money.Cad(unitCents), quantity), new DateOnly(2026, 10, day));

    [Fact]
    public void A_commercial_invoice_has_its_lines_taxes_totals_and_a_due_date_from_the_credit_terms()
    {
        var account = new BillableAccount(1, TaxCustomer.In(Province.QC), CreditTerms.Net30, DeliveryPreference.Electronic, Currency.Cad);

        var invoice = InvoiceGenerator.Generate(account, [Charge(2, 25_00, 2, 20), Charge(1, 50_00, 1, 5)], Money.Cad(500), October, IssueDate, SalesTax.Canada)!;

        Assert.Equal([1L, 2L], invoice.Lines.Select(l => l.ChargeId!.Value));
        Assert.Equal(Money.Cad(100_00), invoice.Subtotal);
        Assert.Equal(Money.Cad(14_98), invoice.TaxTotal);
        Assert.Equal(Money.Cad(114_98), invoice.Total);
        Assert.Equal(new DateOnly(2026, 12, 1), invoice.DueDate);
    }

    [Fact]
    public void Paper_delivery_adds_the_paper_fee_as_a_taxable_line()
    {
        var account = new BillableAccount(1, TaxCustomer.In(Province.ON), CreditTerms.Net15, DeliveryPreference.Paper, Currency.Cad);

        var invoice = InvoiceGenerator.Generate(account, [Charge(1, 100_00, 1, 5)], Money.Cad(500), October, IssueDate, SalesTax.Canada)!;

        var fee = invoice.Lines[^1];
        Assert.Equal((ChargeCategory.PaperFee, Money.Cad(500)), (fee.Category, fee.Amount));
        Assert.Equal(Money.Cad(105_00), invoice.Subtotal);
        Assert.Equal(Money.Cad(13_65), invoice.TaxTotal);
        Assert.Equal(new DateOnly(2026, 11, 16), invoice.DueDate);
    }

    [Fact]
    public void Electronic_delivery_is_free_and_no_charges_means_no_invoice()
    {
        var account = new BillableAccount(1, TaxCustomer.In(Province.AB), CreditTerms.Net30, DeliveryPreference.Electronic, Currency.Cad);

        Assert.DoesNotContain(InvoiceGenerator.Generate(account, [Charge(1, 100, 1, 1)], Money.Cad(500), October, IssueDate, SalesTax.Canada)!.Lines, l => l.Category == ChargeCategory.PaperFee);
        Assert.Null(InvoiceGenerator.Generate(account with { Delivery = DeliveryPreference.Paper }, [], Money.Cad(500), October, IssueDate, SalesTax.Canada));
    }

    [Theory]
    [InlineData(1999, 3, 5997)]
    [InlineData(23, 1250, 28750)]
    [InlineData(333, 0.5, 167)] // 1.665 -> 1.67, rounded once
    public void A_line_amount_is_price_times_quantity_rounded_once(long unitCents, decimal quantity, long expectedCents)
    {
        Assert.Equal(expectedCents, InvoiceGenerator.LineAmount(Money.Cad(unitCents), quantity).Cents);
    }

    [Theory]
    [InlineData(BillingProgram.SmallBusiness, PaymentMethod.OnAccount, OrderSettlement.RefusedOnAccountNotAllowed)]
    [InlineData(BillingProgram.SmallBusiness, PaymentMethod.Card, OrderSettlement.PayAtCreation)]
    [InlineData(BillingProgram.SmallBusiness, PaymentMethod.SupplierAccount, OrderSettlement.PayAtCreation)]
    [InlineData(BillingProgram.Commercial, PaymentMethod.OnAccount, OrderSettlement.BillOnNextInvoice)]
    [InlineData(BillingProgram.Commercial, PaymentMethod.Card, OrderSettlement.PayAtCreation)]
    public void Only_commercial_accounts_may_order_on_account(BillingProgram program, PaymentMethod method, OrderSettlement expected)
    {
        Assert.Equal(expected, OrderRules.Settle(program, method));
    }
}
