using Facturo.Accounts;
using Facturo.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Pages;

public sealed class IndexModel(FacturoDbContext db) : PageModel
{
    public Language Language { get; private set; }
    public BillerSettings? Biller { get; private set; }

    public async Task OnGetAsync(string? lang, CancellationToken cancellationToken)
    {
        Language = LanguageCodes.TryParse(lang, out var chosen) ? chosen : Platform.ApiProblems.LanguageOf(HttpContext);
        Biller = await db.BillerSettings.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
    }

    public string T(string fr, string en) => Language == Language.Fr ? fr : en;
}
