using Facturo.Api;
using Facturo.Data;
using Facturo.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Pages.Admin;

/// <summary>One key: who issued, rotated or revoked it, the buttons to rotate or revoke it (handled by the list page), and what it did through the API.</summary>
[Authorize(Policy = StaffAuth.AdministratorPolicy)]
public sealed class ApiKeyModel(FacturoDbContext db) : Portal.PortalPage
{
    [BindProperty(SupportsGet = true)] public long Id { get; set; }

    public ApiKey? Key { get; private set; }
    public IReadOnlyList<ApiAuditEntry> Writes { get; private set; } = [];

    public Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public string When(DateTimeOffset? at) => at is { } instant
        ? instant.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture)
        : T("jamais", "never");

    private async Task<IActionResult> LoadAsync(CancellationToken cancellationToken)
    {
        Key = await db.Set<ApiKey>().AsNoTracking().SingleOrDefaultAsync(k => k.Id == Id, cancellationToken);
        if (Key is null)
        {
            return NotFound();
        }
        Writes = await db.Set<ApiAuditEntry>().AsNoTracking().Where(e => e.ApiKeyId == Id).OrderByDescending(e => e.Id).Take(200).ToListAsync(cancellationToken);
        return Page();
    }
}
