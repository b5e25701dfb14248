using Facturo.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Facturo.Pages.Admin;

/// <summary>Returned debits waiting for staff: the reason, the customer and whom to call; retry the debit or close with what was decided.</summary>
[Authorize(Policy = StaffAuth.BillingOperatorPolicy)]
public sealed class FailedPaymentsModel(Operations operations) : Portal.PortalPage
{
    [BindProperty(SupportsGet = true)] public bool Closed { get; set; }
    public IReadOnlyList<FailedPaymentRow> Rows { get; private set; } = [];
    public string? Notice { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Rows = await operations.FailedPaymentsAsync(!Closed, cancellationToken);

    public async Task OnPostRetryAsync(long id, CancellationToken cancellationToken)
    {
        var retried = await operations.RetryAsync(id, cancellationToken);
        (Notice, Error) = retried.Succeeded
            ? (T($"Nouveau débit {retried.Value!.Reference} soumis.", $"New debit {retried.Value!.Reference} submitted."), null)
            : ((string?)null, Message(retried.Error!));
        Rows = await operations.FailedPaymentsAsync(true, cancellationToken);
    }

    public async Task OnPostCloseAsync(long id, string resolution, CancellationToken cancellationToken)
    {
        var closed = await operations.CloseAsync(id, resolution ?? "", cancellationToken);
        (Notice, Error) = closed.Succeeded ? (T("Fermé.", "Closed."), null) : ((string?)null, Message(closed.Error!));
        Rows = await operations.FailedPaymentsAsync(true, cancellationToken);
    }
}
