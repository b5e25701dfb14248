using Facturo.Billing;
using Facturo.Portal;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Facturo.Pages.Invoices;

[Authorize]
public sealed class DetailModel(PortalAccess access) : PortalPage
{
    public Invoice Invoice { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string number, CancellationToken cancellationToken)
    {
        var invoice = await access.FindInvoiceAsync(User, number, cancellationToken);
        if (invoice is null)
        {
            return NotFound();
        }
        Invoice = invoice;
        return Page();
    }

    public string TaxLabel(InvoiceTax tax) => $"{TaxNames.Of(tax.Kind, Language)} ({TaxNames.Rate(tax.Rate, Culture)})";
}
