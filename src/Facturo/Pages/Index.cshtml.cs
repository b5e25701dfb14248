using Facturo.Portal;

namespace Facturo.Pages;

public sealed class IndexModel : PortalPage
{
    public void OnGet()
    {
    }
}
