using Facturo.Accounts;

namespace Facturo.Billing;

public sealed class InvoiceRoutingTests
{
    private static InvoiceRoute Route(DeliveryPreference preference = DeliveryPreference.Electronic, bool portalUser = false, bool billingEmail = true, bool bounced = false) =>
        InvoiceRouting.Choose(new AccountReach(preference, portalUser, billingEmail, bounced));

    [Fact]
    public void An_account_with_a_portal_user_is_told_in_the_portal() =>
        Assert.Equal(new InvoiceRoute(InvoiceChannel.Portal, null), Route(portalUser: true));

    [Fact]
    public void An_account_with_only_a_billing_email_gets_the_invoice_by_email() =>
        Assert.Equal(new InvoiceRoute(InvoiceChannel.Email, null), Route());

    [Fact]
    public void An_account_with_neither_goes_on_paper_and_has_no_working_channel()
    {
        var route = Route(billingEmail: false);

        Assert.Equal(new InvoiceRoute(InvoiceChannel.Paper, PaperReason.NoEmail), route);
        Assert.True(route.NoWorkingChannel);
        Assert.Equal(DeliveryPreference.Paper, route.Delivery);
    }

    [Fact]
    public void A_bounced_billing_email_without_portal_users_puts_the_invoice_on_paper() =>
        Assert.Equal(new InvoiceRoute(InvoiceChannel.Paper, PaperReason.EmailBounced), Route(bounced: true));

    [Fact]
    public void A_bounced_billing_email_does_not_matter_when_portal_users_are_told() =>
        Assert.Equal(InvoiceChannel.Portal, Route(portalUser: true, bounced: true).Channel);

    [Fact]
    public void Paper_chosen_by_the_customer_wins_and_is_a_working_channel()
    {
        var route = Route(DeliveryPreference.Paper, portalUser: true);

        Assert.Equal(new InvoiceRoute(InvoiceChannel.Paper, PaperReason.Chosen), route);
        Assert.False(route.NoWorkingChannel);
    }

    [Theory]
    [InlineData(DeliveryPreference.Paper, true, false, true)]
    [InlineData(DeliveryPreference.Paper, true, true, true)]
    [InlineData(DeliveryPreference.Electronic, false, false, false)]
    [InlineData(DeliveryPreference.Electronic, false, true, true)]
    [InlineData(DeliveryPreference.Electronic, true, true, false)]
    public void The_paper_fee_applies_to_chosen_paper_and_to_paper_for_lack_of_an_email_only_when_the_biller_says_so(DeliveryPreference preference, bool billingEmail, bool feeWhenNoEmail, bool charged) =>
        Assert.Equal(charged, Route(preference, billingEmail: billingEmail).ChargesPaperFee(feeWhenNoEmail));
}
