using Facturo.Billing;
using Facturo.Data;
using Facturo.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Pages.Admin;

/// <summary>Paper invoices of a period: those to print and mail (chosen paper, no working email, emails refused), and all their PDFs in one download.</summary>
[Authorize(Policy = StaffAuth.BillingOperatorPolicy)]
public sealed class PaperInvoicesModel(FacturoDbContext db, InvoicesToPrint printing, StaffAudit audit) : Portal.PortalPage
{
    [BindProperty(SupportsGet = true)] public string? Period { get; set; }
    public IReadOnlyList<InvoiceToPrint> Invoices { get; private set; } = [];
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnGetDownloadAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is not { } period || Invoices.Count == 0)
        {
            Error ??= T($"Aucune facture papier pour {Period}.", $"No paper invoice for {Period}.");
            return Page();
        }
        var bundle = await printing.BundleAsync(Invoices, cancellationToken);
        await audit.RecordAsync("paper-invoices.download", $"period {period}", null, new { Invoices = Invoices.Count }, cancellationToken);
        return File(bundle, "application/zip", $"paper-invoices-{period}.zip");
    }

    private async Task<BillingPeriod?> LoadAsync(CancellationToken cancellationToken)
    {
        Period = Period?.Trim() is { Length: > 0 } typed ? typed : await db.BillRuns.OrderByDescending(r => r.Period).Select(r => r.Period).FirstOrDefaultAsync(cancellationToken);
        if (Period is null)
        {
            return null;
        }
        if (!BillingPeriod.TryParse(Period, out var parsed) || parsed is not { } period)
        {
            Error = Message(Platform.UserError.Validation("billrun.invalid-period", Period));
            return null;
        }
        Invoices = await printing.ListAsync(period, cancellationToken);
        return period;
    }
}
