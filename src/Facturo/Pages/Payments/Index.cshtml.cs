using Facturo.Accounts;
using Facturo.Data;
using Facturo.Payments;
using Facturo.Portal;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Pages.Payments;

public sealed record PaymentRow(string Reference, string CustomerNumber, DateTimeOffset SubmittedAt, Money Amount, string BankAccount, PaymentStatus Status, string? ReturnCode);

/// <summary>
/// The Payments tab: bank accounts (add, change, remove, cancel the debit agreement), automatic debits of
/// lease invoices, and the business's payments with their status.
/// </summary>
[Authorize]
public sealed class IndexModel(BankAccounts bankAccounts, LeaseDebits leaseDebits, UserManager<PortalUser> users, FacturoDbContext db, Platform.BillerClock clock) : PortalPage
{
    [BindProperty] public string Country { get; set; } = "CA";
    [BindProperty] public string HolderName { get; set; } = "";
    [BindProperty] public string Institution { get; set; } = "";
    [BindProperty] public string Transit { get; set; } = "";
    [BindProperty] public string Routing { get; set; } = "";
    [BindProperty] public string AccountNumber { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? LeaseAccount { get; set; }
    [BindProperty(SupportsGet = true)] public long? LeaseBank { get; set; }
    [BindProperty] public bool AcceptLeaseAgreement { get; set; }

    public PortalUser Me { get; private set; } = null!;
    public bool CanPay => Me.Role is PortalRole.Admin or PortalRole.Payer;
    public IReadOnlyList<BankAccount> BankAccounts { get; private set; } = [];
    public IReadOnlySet<long> Authorized { get; private set; } = new HashSet<long>();
    public IReadOnlyList<PaymentRow> History { get; private set; } = [];
    public IReadOnlyList<CustomerAccount> Accounts { get; private set; } = [];
    public IReadOnlyList<AutomaticDebitRow> Automatic { get; private set; } = [];
    /// <summary>The agreement to read before enrolling the chosen account and bank account.</summary>
    public string? LeaseAgreement { get; private set; }
    public string? Notice { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    /// <summary>Viewers see the business's payments but move no money: every form here refuses them before any service runs.</summary>
    [NonHandler]
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (HttpMethods.IsPost(Request.Method) && Payers.Refuse((await users.GetUserAsync(User))!) is { } refused)
        {
            await LoadAsync(HttpContext.RequestAborted);
            Error = Message(refused);
            Response.StatusCode = refused.Status;
            context.Result = Page();
            return;
        }
        await next();
    }

    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        var added = await bankAccounts.AddAsync(Me, Form(), cancellationToken);
        return await AfterAsync(added, T($"Le compte bancaire {added.Value?.Masked} est ajouté.", $"Bank account {added.Value?.Masked} is added."), cancellationToken);
    }

    public async Task<IActionResult> OnPostChangeAsync(long bankAccountId, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        var changed = await bankAccounts.ChangeAsync(Me, bankAccountId, Form(), cancellationToken);
        return await AfterAsync(changed, T($"Le compte bancaire est remplacé par {changed.Value?.Masked}.", $"The bank account is replaced with {changed.Value?.Masked}."), cancellationToken);
    }

    public async Task<IActionResult> OnPostRemoveAsync(long bankAccountId, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        var removed = await bankAccounts.RemoveAsync(Me, bankAccountId, cancellationToken);
        return await AfterAsync(removed, T($"Le compte bancaire {removed.Value?.Masked} est retiré.", $"Bank account {removed.Value?.Masked} is removed."), cancellationToken);
    }

    public async Task<IActionResult> OnPostCancelAgreementAsync(long bankAccountId, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        var cancelled = await bankAccounts.CancelAgreementAsync(Me, bankAccountId, cancellationToken);
        return await AfterAsync(cancelled, T($"L'accord de débit du compte {cancelled.Value?.Masked} est annulé : aucun nouveau débit sans nouvel accord.",
            $"The debit agreement of account {cancelled.Value?.Masked} is cancelled: no new debit without a new agreement."), cancellationToken);
    }

    public async Task<IActionResult> OnPostEnrolAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        var ip = HttpContext.Connection.RemoteIpAddress?.ToString() ?? "";
        var enrolled = await leaseDebits.EnrolAsync(Me, LeaseAccount ?? "", LeaseBank ?? 0, AcceptLeaseAgreement, ip, cancellationToken);
        return await AfterAsync(enrolled, T($"Les factures de crédit-bail du compte {LeaseAccount} seront débitées automatiquement à leur échéance.",
            $"The lease invoices of account {LeaseAccount} will be debited automatically on their due date."), cancellationToken);
    }

    public async Task<IActionResult> OnPostCancelAutomaticAsync(long enrolmentId, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        var cancelled = await leaseDebits.CancelAsync(Me, enrolmentId, cancellationToken);
        return await AfterAsync(cancelled, T("Le débit automatique est annulé : les prochaines factures de crédit-bail ne seront pas débitées.",
            "The automatic debit is cancelled: the next lease invoices will not be debited."), cancellationToken);
    }

    private BankAccountForm Form() =>
        new(Country == "US" ? BankCountry.US : BankCountry.CA, HolderName, Institution, Transit, Routing, AccountNumber);

    private async Task<IActionResult> AfterAsync<T>(Platform.Outcome<T> outcome, string notice, CancellationToken cancellationToken)
    {
        if (!outcome.Succeeded)
        {
            Error = Message(outcome.Error!);
            return Page();
        }
        Notice = notice;
        ModelState.Clear();
        HolderName = Institution = Transit = Routing = AccountNumber = "";
        (LeaseAccount, LeaseBank, AcceptLeaseAgreement) = (null, null, false);
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Me = (await users.GetUserAsync(User))!;
        BankAccounts = await bankAccounts.OfEnterpriseAsync(Me.EnterpriseId, cancellationToken);
        Authorized = (await bankAccounts.AuthorizedIdsAsync(Me.EnterpriseId, cancellationToken)).ToHashSet();
        var rows = await db.Payments.AsNoTracking().Where(p => p.EnterpriseId == Me.EnterpriseId)
            .OrderByDescending(p => p.Id).Take(50)
            .Join(db.Accounts, p => p.AccountId, a => a.Id, (p, a) => new { p, a.CustomerNumber })
            .Join(db.BankAccounts, x => x.p.BankAccountId, b => b.Id, (x, b) => new { x.p, x.CustomerNumber, b.Last4 })
            .ToListAsync(cancellationToken);
        Accounts = await db.Accounts.AsNoTracking().Where(a => db.EnterpriseAccounts.Any(l => l.EnterpriseId == Me.EnterpriseId && l.AccountId == a.Id))
            .OrderBy(a => a.CustomerNumber).ToListAsync(cancellationToken);
        Automatic = await leaseDebits.EnrolmentsOf(Me.EnterpriseId, cancellationToken);
        LeaseAgreement = null;
        if (Accounts.FirstOrDefault(a => a.CustomerNumber == LeaseAccount) is { } leaseAccount && BankAccounts.FirstOrDefault(b => b.Id == LeaseBank) is { } leaseBank)
        {
            var biller = await db.BillerSettings.AsNoTracking().SingleAsync(cancellationToken);
            LeaseAgreement = LeaseDebits.AgreementText(leaseBank, leaseAccount, biller, Me, clock.UtcNow);
        }
        History = rows.Select(r => new PaymentRow(r.p.Reference, r.CustomerNumber, r.p.SubmittedAt, new Money(r.p.AmountCents, Currency.Parse(r.p.CurrencyCode)),
            $"••••{r.Last4}", r.p.Status, r.p.ReturnCode)).ToList();
    }

    public string StatusName(PaymentStatus status) => StatusName(status, Language);

    public static string StatusName(PaymentStatus status, Language language) => (status, language) switch
    {
        (PaymentStatus.Submitted, Language.Fr) => "Soumis",
        (PaymentStatus.SentToBank, Language.Fr) => "Envoyé à la banque",
        (PaymentStatus.Settled, Language.Fr) => "Réglé",
        (PaymentStatus.Returned, Language.Fr) => "Retourné",
        (PaymentStatus.SentToBank, _) => "Sent to bank",
        _ => status.ToString(),
    };
}
