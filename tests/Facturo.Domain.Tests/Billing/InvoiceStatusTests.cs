namespace Facturo.Billing;

public class InvoiceStatusTests
{
    private static readonly DateOnly DueDate = new(2026, 11, 30);

    [Theory]
    [InlineData(100_00, "2026-11-30", false, InvoiceStatus.Open)]
    [InlineData(40_00, "2026-11-30", false, InvoiceStatus.PartlyPaid)]
    [InlineData(100_00, "2026-12-01", false, InvoiceStatus.Overdue)]
    [InlineData(40_00, "2026-12-01", false, InvoiceStatus.Overdue)]
    [InlineData(0, "2026-12-01", false, InvoiceStatus.Paid)]
    [InlineData(-5_00, "2026-11-01", false, InvoiceStatus.Paid)]
    [InlineData(0, "2026-12-01", true, InvoiceStatus.DebitInProgress)]
    public void An_invoice_of_100_dollars_stands_by_what_is_owed_the_due_date_and_a_debit_on_its_way(long balanceCents, string today, bool debitInProgress, InvoiceStatus expected) =>
        Assert.Equal(expected, InvoiceStatuses.Of(Money.Cad(100_00), Money.Cad(balanceCents), DueDate, DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture), debitInProgress));

    [Fact]
    public void Statuses_are_written_in_lower_case_with_hyphens() =>
        Assert.Equal(["open", "partly-paid", "overdue", "debit-in-progress", "paid"], Enum.GetValues<InvoiceStatus>().Select(s => s.ToCode()));
}
