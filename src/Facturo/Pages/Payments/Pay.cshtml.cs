using Facturo.Accounts;
using Facturo.Data;
using Facturo.Ledger;
using Facturo.Payments;
using Facturo.Platform;
using Facturo.Portal;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Pages.Payments;

/// <summary>
/// Pay invoices by debit: choose unpaid invoices (or an amount), a bank account, accept the debit
/// agreement the first time, submit. The form carries its own idempotency key, so a double click or a
/// resubmitted page debits once.
/// </summary>
[Authorize]
public sealed class PayModel(PortalAccess access, SubmitPayment payments, BankAccounts bankAccounts, UserManager<PortalUser> users, FacturoDbContext db, BillerClock clock) : PortalPage
{
    [BindProperty(SupportsGet = true)] public string? Account { get; set; }
    [BindProperty] public List<string> Invoices { get; set; } = [];
    [BindProperty] public string AmountToPay { get; set; } = "";
    [BindProperty] public long BankAccountId { get; set; }
    [BindProperty] public bool AcceptAgreement { get; set; }
    [BindProperty] public string IdempotencyKey { get; set; } = "";

    public PortalUser Me { get; private set; } = null!;
    public IReadOnlyList<CustomerAccount> Accounts { get; private set; } = [];
    public CustomerAccount? Current { get; private set; }
    public IReadOnlyList<OpenInvoice> Unpaid { get; private set; } = [];
    public IReadOnlyList<BankAccount> BankAccounts { get; private set; } = [];
    public IReadOnlyDictionary<long, string> AgreementsToAccept { get; private set; } = new Dictionary<long, string>();
    public Payment? Submitted { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        IdempotencyKey = Guid.NewGuid().ToString("N");
        return await LoadAsync(cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }
        Money? amount = null;
        if (Invoices.Count == 0 && !string.IsNullOrWhiteSpace(AmountToPay))
        {
            if (!TryParseAmount(AmountToPay, out var parsed))
            {
                Error = Message(UserError.Validation("payments.invalid-amount", Receivable().ToDecimal()));
                return Page();
            }
            amount = Money.Round(parsed, Current!.Currency);
        }
        var ip = HttpContext.Connection.RemoteIpAddress?.ToString() ?? "";
        var outcome = await payments.SubmitAsync(Me, new PaymentRequest(Current!.CustomerNumber, Invoices, amount, BankAccountId, AcceptAgreement, IdempotencyKey, ip), cancellationToken);
        if (!outcome.Succeeded)
        {
            Error = Message(outcome.Error!);
            return Page();
        }
        Submitted = outcome.Value;
        await LoadAsync(cancellationToken);
        return Page();
    }

    private Money Receivable() => Money.Sum(Unpaid.Select(u => u.Balance), Current!.Currency);

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        Me = (await users.GetUserAsync(User))!;
        var choice = await access.ChooseAccountAsync(User, Account, cancellationToken);
        (Accounts, Current) = (choice.Accounts, choice.Current);
        if (Current is null)
        {
            return !choice.Refused;
        }
        Unpaid = (await Receivables.ForAccountAsync(db, Current.Id, Current.Currency, clock.Today, cancellationToken)).OpenInvoices.Where(o => o.Balance.Cents > 0).ToList();
        BankAccounts = await bankAccounts.OfEnterpriseAsync(Me.EnterpriseId, cancellationToken);
        var authorized = (await bankAccounts.AuthorizedIdsAsync(Me.EnterpriseId, cancellationToken)).ToHashSet();
        var biller = await db.BillerSettings.AsNoTracking().SingleAsync(cancellationToken);
        AgreementsToAccept = BankAccounts.Where(b => !authorized.Contains(b.Id))
            .ToDictionary(b => b.Id, b => DebitAgreements.Text(b, Current.LegalName, biller, Me.FullName, clock.UtcNow, Me.Language));
        return true;
    }
}
