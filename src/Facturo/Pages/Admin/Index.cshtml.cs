using System.Security.Claims;

namespace Facturo.Pages.Admin;

/// <summary>The back office's home: what each role can open.</summary>
public sealed class IndexModel : Portal.PortalPage
{
    public bool Is(params Staff.StaffRole[] roles) => roles.Any(r => User.IsInRole(r.ToString())) || User.IsInRole(nameof(Staff.StaffRole.Administrator));

    public string Name => User.FindFirstValue(ClaimTypes.Name) ?? "";

    public void OnGet()
    {
    }
}
