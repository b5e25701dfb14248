using Facturo.Documents;
using Facturo.Portal;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Facturo.Pages.Invoices;

/// <summary>The invoice as its PDF shows it, from the same model and words, so the page and the PDF never disagree.</summary>
[Authorize]
public sealed class DetailModel(PortalAccess access, PortalChrome chrome) : PortalPage
{
    public InvoicePdfModel Invoice { get; private set; } = null!;
    public SupplyStatuses Statuses { get; private set; } = null!;
    public InvoiceText Text => InvoiceText.For(PortalDocuments.DocumentLanguageOf(Language));

    public async Task<IActionResult> OnGetAsync(string number, CancellationToken cancellationToken)
    {
        var invoice = await access.FindInvoiceAsync(User, number, cancellationToken);
        if (invoice is null)
        {
            return NotFound();
        }
        var biller = await chrome.BillerAsync() ?? throw new InvalidOperationException("The biller's settings are missing.");
        Invoice = PortalDocuments.ModelOf(invoice, biller);
        Statuses = SupplyStatuses.Of(Invoice);
        return Page();
    }
}
