using Facturo.Data;
using Facturo.Payments;
using Facturo.Platform;
using Facturo.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Facturo.Pages.Admin;

/// <summary>
/// Returned debits waiting for staff: the reason, the customer and whom to call; retry the debit or close with
/// what was decided. Below them, the banks' open notifications of change: account details to update with the customer.
/// </summary>
[Authorize(Policy = StaffAuth.BillingOperatorPolicy)]
public sealed class FailedPaymentsModel(Operations operations, FacturoDbContext db, StaffAudit audit, BillerClock clock) : Portal.PortalPage
{
    [BindProperty(SupportsGet = true)] public bool Closed { get; set; }
    public IReadOnlyList<FailedPaymentRow> Rows { get; private set; } = [];
    public IReadOnlyList<ChangeNoticeRow> ChangeNotices { get; private set; } = [];
    public string? Notice { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Rows = await operations.FailedPaymentsAsync(!Closed, cancellationToken);
        ChangeNotices = await BankChangeNotices.OpenAsync(db, cancellationToken);
    }

    public async Task OnPostCloseNoticeAsync(long id, string resolution, CancellationToken cancellationToken)
    {
        var closed = await BankChangeNotices.CloseAsync(db, audit, clock, id, resolution ?? "", cancellationToken);
        (Notice, Error) = closed.Succeeded ? (T("Fermé.", "Closed."), null) : ((string?)null, Message(closed.Error!));
        await OnGetAsync(cancellationToken);
    }

    public string ChangeDescription(string code) => ChangeCodes.Describe(code, french: Language == Accounts.Language.Fr);

    public async Task OnPostRetryAsync(long id, CancellationToken cancellationToken)
    {
        var retried = await operations.RetryAsync(id, cancellationToken);
        (Notice, Error) = retried.Succeeded
            ? (T($"Nouveau débit {retried.Value!.Reference} soumis.", $"New debit {retried.Value!.Reference} submitted."), null)
            : ((string?)null, Message(retried.Error!));
        await OnGetAsync(cancellationToken);
    }

    public async Task OnPostCloseAsync(long id, string resolution, CancellationToken cancellationToken)
    {
        var closed = await operations.CloseAsync(id, resolution ?? "", cancellationToken);
        (Notice, Error) = closed.Succeeded ? (T("Fermé.", "Closed."), null) : ((string?)null, Message(closed.Error!));
        await OnGetAsync(cancellationToken);
    }
}
