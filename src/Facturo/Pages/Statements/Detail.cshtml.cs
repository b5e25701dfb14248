using Facturo.Billing;
using Facturo.Portal;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Facturo.Pages.Statements;

[Authorize]
public sealed class DetailModel(PortalAccess access) : PortalPage
{
    public Statement Statement { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string number, CancellationToken cancellationToken)
    {
        var statement = await access.FindStatementAsync(User, number, cancellationToken);
        if (statement is null)
        {
            return NotFound();
        }
        Statement = statement;
        return Page();
    }
}
