using Facturo.Accounts;
using Facturo.Data;
using Facturo.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Pages.Admin;

/// <summary>Customer relations correct an account's details; each wrong field is shown next to it and nothing is saved until there is none.</summary>
[Authorize(Policy = StaffAuth.CustomerRelationsPolicy)]
public sealed class EditCustomerModel(FacturoDbContext db, EditAccount edit) : Portal.PortalPage
{
    [BindProperty(SupportsGet = true)] public string CustomerNumber { get; set; } = "";
    [BindProperty] public AccountInput Input { get; set; } = new();
    public IReadOnlyList<AccountFieldError> Errors { get; private set; } = [];
    public Platform.UserError? Refusal { get; private set; }
    public string Prefixes { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var account = await db.Accounts.AsNoTracking().SingleOrDefaultAsync(a => a.CustomerNumber == CustomerNumber, cancellationToken);
        if (account is null)
        {
            return NotFound();
        }
        Input = AccountInput.Of(account);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var account = await db.Accounts.AsNoTracking().SingleOrDefaultAsync(a => a.CustomerNumber == CustomerNumber, cancellationToken);
        if (account is null)
        {
            return NotFound();
        }
        var rules = await AccountRules.LoadAsync(db, cancellationToken);
        if (!rules.Succeeded)
        {
            Refusal = rules.Error;
            return Page();
        }
        // The number is the account's own, whatever was posted; a number kept from before today's prefixes is not refused.
        Input.CustomerNumber = account.CustomerNumber;
        var kept = rules.Value! with { Prefixes = rules.Value.Prefixes.Keeping(Accounts.CustomerNumber.Parse(account.CustomerNumber)) };
        Errors = kept.Check(Input.ToForm(), out var details);
        if (details is null)
        {
            return Page();
        }
        var saved = await edit.SaveAsync(CustomerNumber, details, cancellationToken);
        if (!saved.Succeeded)
        {
            var field = saved.Error!.Code switch
            {
                "account.currency-in-use" => AccountField.Currency,
                "account.program-by-conversion" => AccountField.Program,
                _ => AccountField.CustomerNumber,
            };
            Errors = [new AccountFieldError(field, saved.Error)];
            return Page();
        }
        return Redirect($"/admin/customers/{CustomerNumber}?edited=1");
    }
}
