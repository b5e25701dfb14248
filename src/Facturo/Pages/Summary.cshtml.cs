using Facturo.Accounts;
using Facturo.Billing;
using Facturo.Data;
using Facturo.Ledger;
using Facturo.Platform;
using Facturo.Portal;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Pages;

public sealed record UnpaidInvoiceRow(string Number, DateOnly IssueDate, DateOnly DueDate, Money Total, Money Balance, bool Overdue);

[Authorize]
public sealed class SummaryModel(PortalAccess access, FacturoDbContext db, BillerClock clock) : PortalPage
{
    [BindProperty(SupportsGet = true)] public string? Account { get; set; }

    public IReadOnlyList<CustomerAccount> Accounts { get; private set; } = [];
    public CustomerAccount? Current { get; private set; }
    public ReceivableSummary? Receivable { get; private set; }
    public IReadOnlyList<UnpaidInvoiceRow> Unpaid { get; private set; } = [];
    public IReadOnlyList<Facturo.Payments.Payment> RecentPayments { get; private set; } = [];
    /// <summary>Money received (EFT, wire, cheque) that staff have not applied to an invoice yet.</summary>
    public Money Unapplied { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var choice = await access.ChooseAccountAsync(User, Account, cancellationToken);
        (Accounts, Current) = (choice.Accounts, choice.Current);
        if (Current is null)
        {
            return choice.Refused ? NotFound() : Page();
        }
        var today = clock.Today;
        Receivable = await Receivables.ForAccountAsync(db, Current.Id, Current.Currency, today, cancellationToken);
        Unpaid = Receivable.OpenInvoices
            .Select(o => new UnpaidInvoiceRow(Invoice.FormatNumber(o.InvoiceId), o.IssueDate, o.DueDate, o.Total, o.Balance, InvoiceStatuses.IsOverdue(o.DueDate, today)))
            .ToList();
        Unapplied = new Money(await Facturo.Payments.Receipts.UnappliedCentsAsync(db, Current.Id, Current.Currency, cancellationToken), Current.Currency);
        var since = clock.UtcNow.AddDays(-60);
        // SQLite cannot compare DateTimeOffset in SQL; the newest ten are few enough to filter here.
        RecentPayments = (await db.Payments.AsNoTracking().Where(p => p.AccountId == Current.Id)
            .OrderByDescending(p => p.Id).Take(10).ToListAsync(cancellationToken)).Where(p => p.SubmittedAt >= since).ToList();
        return Page();
    }
}
