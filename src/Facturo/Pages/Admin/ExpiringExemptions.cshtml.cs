using Facturo.Staff;
using Facturo.Taxes;
using Microsoft.AspNetCore.Authorization;

namespace Facturo.Pages.Admin;

/// <summary>
/// Certificates expiring: every exemption certificate that has lapsed or lapses by the next bill run and was
/// neither renewed nor ended, so customer relations asks the customer for a new one before the tax is charged.
/// </summary>
[Authorize(Policy = StaffAuth.CustomerRelationsPolicy)]
public sealed class ExpiringExemptionsModel(ExemptionExpiryNotices notices, Platform.BillerClock clock) : Portal.PortalPage
{
    public IReadOnlyList<LapsingCertificate> Certificates { get; private set; } = [];
    public DateOnly NextBillRun { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        NextBillRun = ExemptionExpiryNotices.NextBillRun(clock.Today);
        Certificates = await notices.ListAsync(cancellationToken);
    }
}
