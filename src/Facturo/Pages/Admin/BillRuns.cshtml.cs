using Facturo.Billing;
using Facturo.Data;
using Facturo.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Pages.Admin;

public sealed record BillRunRow(BillRun Run, int InvoicesSoFar, int StatementsSoFar, DeliveryReport Deliveries);

/// <summary>Bill runs: start one for a period that has ended, watch its documents being issued, see how it ended, start it again safely.</summary>
[Authorize(Policy = StaffAuth.BillingOperatorPolicy)]
public sealed class BillRunsModel(FacturoDbContext db, BillRunLauncher launcher, StaffAudit audit) : Portal.PortalPage
{
    [BindProperty] public string Period { get; set; } = "";
    public IReadOnlyList<BillRunRow> Runs { get; private set; } = [];
    public IReadOnlyCollection<LaunchedRun> Launched => launcher.Runs;

    public bool IsRunning(string period) => launcher.Runs.Any(r => r.Period == period && r.Running);
    public string? Notice { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task OnPostAsync(CancellationToken cancellationToken)
    {
        if (!BillingPeriod.TryParse(Period.Trim(), out var parsed) || parsed is not { } period)
        {
            Error = Message(Platform.UserError.Validation("billrun.invalid-period", Period));
        }
        else if (!launcher.Start(period, 500))
        {
            Error = T($"La facturation de {period} est déjà en cours.", $"The bill run for {period} is already running.");
        }
        else
        {
            await audit.RecordAsync("bill-run.start", $"period {period}", null, null, cancellationToken);
            Notice = T($"Facturation de {period} lancée : actualisez la page pour suivre.", $"Bill run for {period} started: refresh the page to follow it.");
        }
        await LoadAsync(cancellationToken);
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var runs = await db.BillRuns.AsNoTracking().OrderByDescending(r => r.Period).Take(12).ToListAsync(cancellationToken);
        var rows = new List<BillRunRow>();
        foreach (var run in runs)
        {
            var (invoices, statements) = run.Status == BillRunStatus.Running
                ? (await db.Invoices.CountAsync(i => i.Period == run.Period, cancellationToken), await db.Statements.CountAsync(s => s.Period == run.Period, cancellationToken))
                : (run.InvoicesIssued, run.StatementsIssued);
            rows.Add(new BillRunRow(run, invoices, statements, await DeliveryReport.ForPeriodAsync(db, run.Period, cancellationToken)));
        }
        Runs = rows;
    }
}
