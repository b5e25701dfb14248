using Facturo.Accounts;
using Facturo.Data;
using Facturo.Platform;
using Facturo.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Pages.Admin;

/// <summary>
/// The biller's details (administrators): legal names, address, tax numbers, support contact, terms, paper fee, time zone
/// and the identities at its banks. Every problem is shown at once and nothing is saved until there is none; each change is audited.
/// </summary>
[Authorize(Policy = StaffAuth.AdministratorPolicy)]
public sealed class SettingsModel(FacturoDbContext db, ChangeBillerSettings change, Portal.PortalChrome chrome) : Portal.PortalPage
{
    [BindProperty] public BillerSettingsForm Form { get; set; } = new();
    public bool SetUp { get; private set; }
    public IReadOnlyList<UserError> Errors { get; private set; } = [];
    public string? Notice { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var biller = await db.BillerSettings.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        SetUp = biller is not null;
        Form = biller is null ? new BillerSettingsForm() : BillerSettingsForm.Of(biller, Language);
    }

    public async Task OnPostAsync(CancellationToken cancellationToken)
    {
        Errors = Form.Problems(Language, out _);
        if (Errors.Count == 0)
        {
            var saved = await change.SaveAsync(Form, Language, cancellationToken);
            Errors = saved.Succeeded ? [] : [saved.Error!];
            if (saved.Succeeded)
            {
                chrome.Forget();
                Notice = T("Paramètres enregistrés. Les prochaines factures et les prochains fichiers bancaires les utilisent.", "Settings saved. The next invoices and bank files use them.");
                Form = BillerSettingsForm.Of(saved.Value!, Language);
                ModelState.Clear();
            }
        }
        SetUp = await db.BillerSettings.AnyAsync(cancellationToken);
    }
}
