using Facturo.Data;
using Facturo.Emails;
using Facturo.Portal;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Pages.Dev;

/// <summary>Development only: the emails Facturo sent (to its pickup folder), newest first, with their links clickable.</summary>
public sealed class EmailsModel(FacturoDbContext db, IHostEnvironment environment) : PortalPage
{
    public IReadOnlyList<OutboxEmail> Emails { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!environment.IsDevelopment())
        {
            return NotFound();
        }
        Emails = await db.OutboxEmails.AsNoTracking().OrderByDescending(e => e.Id).Take(100).ToListAsync(cancellationToken);
        return Page();
    }
}
