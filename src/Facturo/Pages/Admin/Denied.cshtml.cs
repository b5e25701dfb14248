namespace Facturo.Pages.Admin;

public sealed class DeniedModel : Portal.PortalPage
{
    public void OnGet()
    {
    }
}
