using Facturo.Data;
using Facturo.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Pages.Admin;

/// <summary>Who did what, when, with the before and after: administrators search it by staff email, action or subject.</summary>
[Authorize(Policy = StaffAuth.AdministratorPolicy)]
public sealed class AuditModel(FacturoDbContext db) : Portal.PortalPage
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    public IReadOnlyList<StaffAuditEntry> Entries { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var entries = db.StaffAuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var text = Q.Trim();
            entries = entries.Where(e => e.StaffEmail.Contains(text) || e.Action.Contains(text) || e.Subject.Contains(text));
        }
        Entries = await entries.OrderByDescending(e => e.Id).Take(200).ToListAsync(cancellationToken);
    }
}
