using Facturo.Accounts;
using Facturo.Data;
using Facturo.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Pages.Admin;

public sealed record LeadRow(SalesLead Lead, string CustomerNumber, string LegalName, string BillingEmail, Currency Currency, string? Representative);

/// <summary>Sales leads: small businesses that meet the commercial criteria. The representative contacts, upgrades (with credit terms) or records a refusal.</summary>
[Authorize(Policy = StaffAuth.SalesPolicy)]
public sealed class LeadsModel(FacturoDbContext db, Programs programs) : Portal.PortalPage
{
    public IReadOnlyList<LeadRow> Leads { get; private set; } = [];
    public string? Notice { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task OnPostContactAsync(long id, string note, bool declined, CancellationToken cancellationToken)
    {
        var recorded = await programs.RecordContactAsync(id, note ?? "", declined, cancellationToken);
        (Notice, Error) = recorded.Succeeded ? (T("Enregistré.", "Recorded."), null) : ((string?)null, Message(recorded.Error!));
        await LoadAsync(cancellationToken);
    }

    public async Task OnPostUpgradeAsync(long id, int creditTermsDays, string decision, CancellationToken cancellationToken)
    {
        var upgraded = await programs.UpgradeLeadAsync(id, creditTermsDays, decision ?? "", cancellationToken);
        (Notice, Error) = upgraded.Succeeded
            ? (T($"Le compte {upgraded.Value!.CustomerNumber} est maintenant commercial.", $"Account {upgraded.Value!.CustomerNumber} is now commercial."), null)
            : ((string?)null, Message(upgraded.Error!));
        await LoadAsync(cancellationToken);
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var rows = await db.SalesLeads.AsNoTracking().OrderByDescending(l => l.Id).Take(200)
            .Join(db.Accounts, l => l.AccountId, a => a.Id, (l, a) => new { l, a.CustomerNumber, a.LegalName, a.BillingEmail, a.CurrencyCode })
            .ToListAsync(cancellationToken);
        var reps = await db.StaffMembers.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.FullName, cancellationToken);
        Leads = rows.Select(r => new LeadRow(r.l, r.CustomerNumber, r.LegalName, r.BillingEmail, Currency.Parse(r.CurrencyCode),
            r.l.AssignedStaffId is { } rep ? reps.GetValueOrDefault(rep) : null)).ToList();
    }
}
