using Facturo.Staff;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;

namespace Facturo.Pages.Admin;

public sealed class SignOutModel : Portal.PortalPage
{
    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(StaffAuth.Scheme);
        return Redirect("/admin/signin");
    }
}
