using Facturo.Accounts;
using Facturo.Data;
using Facturo.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Facturo.Pages.Admin;

/// <summary>Customer relations open an account: every wrong field is shown at once next to it, and nothing is saved until there is none.</summary>
[Authorize(Policy = StaffAuth.CustomerRelationsPolicy)]
public sealed class NewCustomerModel(FacturoDbContext db, OpenAccount open) : Portal.PortalPage
{
    [BindProperty] public AccountInput Input { get; set; } = new();
    public IReadOnlyList<AccountFieldError> Errors { get; private set; } = [];
    public Platform.UserError? Refusal { get; private set; }
    public string Prefixes { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var rules = await AccountRules.LoadAsync(db, cancellationToken);
        if (!rules.Succeeded)
        {
            Refusal = rules.Error;
            return Page();
        }
        Prefixes = rules.Value!.Prefixes.AllowedBeginnings;
        Input.CreditTerms = rules.Value.Defaults.CreditTerms.Days.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Input.Currency = rules.Value.Defaults.Currency.Code;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var rules = await AccountRules.LoadAsync(db, cancellationToken);
        if (!rules.Succeeded)
        {
            Refusal = rules.Error;
            return Page();
        }
        Prefixes = rules.Value!.Prefixes.AllowedBeginnings;
        Errors = rules.Value.Check(Input.ToForm(), out var details);
        if (details is null)
        {
            return Page();
        }
        var opened = await open.OpenAsync(details, cancellationToken);
        if (!opened.Succeeded)
        {
            Errors = [new AccountFieldError(AccountField.CustomerNumber, opened.Error!)];
            return Page();
        }
        return Redirect($"/admin/customers/{opened.Value!.CustomerNumber}?opened=1");
    }
}
