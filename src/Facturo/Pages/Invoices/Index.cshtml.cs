using System.Globalization;
using System.Text;
using Facturo.Billing;
using Facturo.Portal;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Pages.Invoices;

[Authorize]
public sealed class IndexModel(PortalAccess access) : PortalPage
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true)] public string? Search { get; set; }
    [BindProperty(SupportsGet = true)] public string? Account { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<string> AccountNumbers { get; private set; } = [];
    public IReadOnlyList<Invoice> Invoices { get; private set; } = [];
    public int Total { get; private set; }
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        AccountNumbers = await access.AccountsOf(User).OrderBy(a => a.CustomerNumber).Select(a => a.CustomerNumber).ToListAsync(cancellationToken);
        var query = Filtered();
        Total = await query.CountAsync(cancellationToken);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Invoices = await query.OrderByDescending(i => i.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
    }

    /// <summary>The filtered list as CSV, for the customer's accounting: invariant numbers, one invoice a line.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        var csv = new StringBuilder("invoice,customer_number,period,issue_date,due_date,currency,subtotal,tax,total\n");
        await foreach (var i in Filtered().OrderByDescending(i => i.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            csv.Append(CultureInfo.InvariantCulture, $"{i.Number},{i.CustomerNumber},{i.Period},{i.IssueDate:yyyy-MM-dd},{i.DueDate:yyyy-MM-dd},{i.CurrencyCode},{i.SubtotalCents / 100m:0.00},{i.TaxCents / 100m:0.00},{i.TotalCents / 100m:0.00}\n");
        }
        return File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv", "invoices.csv");
    }

    public string PageLink(int page) => QueryString.Create(new Dictionary<string, string?>
    {
        ["Search"] = Search, ["Account"] = Account, ["Year"] = Year?.ToString(CultureInfo.InvariantCulture), ["p"] = page.ToString(CultureInfo.InvariantCulture),
    }.Where(kv => !string.IsNullOrEmpty(kv.Value))).ToUriComponent();

    private IQueryable<Invoice> Filtered()
    {
        var query = access.InvoicesOf(User);
        if (!string.IsNullOrWhiteSpace(Search))
        {
            query = PortalAccess.TryParseInvoiceNumber(Search, out var id) ? query.Where(i => i.Id == id) : query.Where(i => i.Period == Search.Trim());
        }
        if (!string.IsNullOrWhiteSpace(Account))
        {
            query = query.Where(i => i.CustomerNumber == Account);
        }
        if (Year is { } year)
        {
            var (first, last) = (new DateOnly(Math.Clamp(year, 1, 9999), 1, 1), new DateOnly(Math.Clamp(year, 1, 9999), 12, 31));
            query = query.Where(i => i.IssueDate >= first && i.IssueDate <= last);
        }
        return query;
    }
}
