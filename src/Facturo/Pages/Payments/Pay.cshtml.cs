using Facturo.Accounts;
using Facturo.Data;
using Facturo.Ledger;
using Facturo.Payments;
using Facturo.Platform;
using Facturo.Portal;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Pages.Payments;

/// <summary>
/// Pay invoices by debit: choose unpaid invoices (or an amount), a bank account, accept the debit
/// agreement the first time, review what will be debited, confirm. Only the confirmation submits; the
/// form carries its own idempotency key through both steps, so a double click or a resubmitted page debits once.
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
    public PaymentReview? Review { get; private set; }
    public string? Error { get; private set; }

    /// <summary>Viewers see invoices but pay none: the page tells them so, with a refusal status, before anything is loaded or submitted.</summary>
    [NonHandler]
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        Me = (await users.GetUserAsync(User))!;
        if (Payers.Refuse(Me) is { } refused)
        {
            Response.StatusCode = refused.Status;
            context.Result = Page();
            return;
        }
        await next();
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        IdempotencyKey = Guid.NewGuid().ToString("N");
        return await LoadAsync(cancellationToken) ? Page() : NotFound();
    }

    /// <summary>The first step: what would be debited, shown for the person to confirm. Nothing is submitted.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }
        if (Current is null)
        {
            return Page();
        }
        var review = Prepare();
        (Review, Error) = review.Succeeded ? (review.Value, (string?)null) : ((PaymentReview?)null, Message(review.Error!));
        return Page();
    }

    /// <summary>Back to the form, with what the person chose and typed.</summary>
    public async Task<IActionResult> OnPostChangeAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostConfirmAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }
        if (Current is null)
        {
            return Page();
        }
        // The service checks everything again, and answers a twin of this confirmation (a double click) with the
        // payment the first one made, even though its invoices are no longer open: so no Prepare() here.
        Money? amount = null;
        if (Invoices.Count == 0)
        {
            var typed = ReadAmount(AmountToPay, Current.Currency);
            if (!typed.Succeeded)
            {
                Error = Message(typed.Error!);
                return Page();
            }
            amount = typed.Value;
        }
        var ip = HttpContext.Connection.RemoteIpAddress?.ToString() ?? "";
        var outcome = await payments.SubmitAsync(Me, new PaymentRequest(Current.CustomerNumber, Invoices, amount, BankAccountId, AcceptAgreement, IdempotencyKey, ip), cancellationToken);
        if (!outcome.Succeeded)
        {
            Error = Message(outcome.Error!);
            return Page();
        }
        Submitted = outcome.Value;
        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>
    /// Checks the form as the service will, and lists the invoices the money pays: those chosen, or for an amount
    /// the oldest due first (then by number), as the service allocates it.
    /// </summary>
    private Outcome<PaymentReview> Prepare()
    {
        if (Payers.Refuse(Me) is { } refused)
        {
            return refused;
        }
        var allocation = Allocate();
        if (!allocation.Succeeded)
        {
            return allocation.Error!;
        }
        if (BankAccounts.SingleOrDefault(b => b.Id == BankAccountId) is not { } bank)
        {
            return UserError.Validation("payments.bank-account-not-found");
        }
        if (bank.Currency != Current!.Currency)
        {
            return UserError.Validation("payments.currency-mismatch", bank.Masked, Current.CurrencyCode);
        }
        var agreement = AgreementsToAccept.GetValueOrDefault(bank.Id);
        if (agreement is not null && !AcceptAgreement)
        {
            return UserError.Validation("payments.agreement-required", bank.Masked);
        }
        var shares = allocation.Value!;
        return new PaymentReview(Money.Sum(shares.Select(s => s.Amount), Current.Currency), bank,
            shares.Select(s => (Unpaid.Single(u => u.InvoiceId == s.InvoiceId), s.Amount)).OrderBy(p => p.Item1.DueDate).ThenBy(p => p.Item1.InvoiceId).ToList(), agreement);
    }

    /// <summary>The invoices chosen, or the amount typed spread oldest due first: the same rule the service applies on confirmation.</summary>
    private Outcome<List<InvoiceShare>> Allocate()
    {
        Money? amount = null;
        if (Invoices.Count == 0 && !string.IsNullOrWhiteSpace(AmountToPay))
        {
            var typed = ReadAmount(AmountToPay, Current!.Currency);
            if (!typed.Succeeded)
            {
                return typed.Error!;
            }
            amount = typed.Value;
        }
        return SubmitPayment.Allocate(Unpaid, Current!.Currency, Invoices, amount);
    }

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

/// <summary>What a confirmation will debit: the total, from which bank account, paying which invoices, under which new agreement (if any).</summary>
public sealed record PaymentReview(Money Amount, BankAccount Bank, IReadOnlyList<(OpenInvoice Invoice, Money Amount)> Invoices, string? AgreementToAccept);
