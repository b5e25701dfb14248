using Facturo.Billing;
using Facturo.Staff;
using Microsoft.AspNetCore.Authorization;

namespace Facturo.Pages.Admin;

/// <summary>Customers no invoice reaches: no portal user and no working billing email, or an invoice email refused for good; each links to the customer's page to fix it.</summary>
[Authorize(Policy = StaffAuth.BillingOperatorPolicy)]
public sealed class UnreachableCustomersModel(UnreachedCustomers unreached) : Portal.PortalPage
{
    public IReadOnlyList<UnreachedCustomer> Customers { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Customers = await unreached.ListAsync(cancellationToken);
}
