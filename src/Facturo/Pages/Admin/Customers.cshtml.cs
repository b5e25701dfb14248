using Facturo.Accounts;
using Facturo.Data;
using Facturo.Emails;
using Facturo.Portal;
using Facturo.Staff;
using Facturo.Taxes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Pages.Admin;

public sealed record StaffInvoiceRow(string Number, string Period, DateOnly DueDate, Money Total);

public sealed record StaffPaymentRow(string Reference, string Kind, DateTimeOffset At, Money Amount, string Status);

/// <summary>
/// Customer relations: find a customer (number, name, email, invoice number), see everything about its
/// account, and make the changes only staff may make. Every change is audited and the customer emailed.
/// </summary>
[Authorize(Policy = StaffAuth.CustomerRelationsPolicy)]
public sealed class CustomersModel(CustomerRelations relations, Programs programs, ExemptionCertificates exemptions, FacturoDbContext db, Platform.BillerClock clock) : PortalPage
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Number { get; set; }
    [BindProperty] public string LegalName { get; set; } = "";
    [BindProperty] public string AddressLine1 { get; set; } = "";
    [BindProperty] public string? AddressLine2 { get; set; }
    [BindProperty] public string City { get; set; } = "";
    [BindProperty] public string Country { get; set; } = Taxes.PlaceOfSupply.CanadaCode;
    [BindProperty] public string Region { get; set; } = "";
    [BindProperty] public string PostalCode { get; set; } = "";
    [BindProperty] public string InviteEmail { get; set; } = "";
    [BindProperty] public DateOnly? AgreementEnded { get; set; }
    [BindProperty] public int CreditTermsDays { get; set; } = 30;
    [BindProperty] public string Reason { get; set; } = "";
    [BindProperty] public ExemptionForm Exemption { get; set; } = new();

    public IReadOnlyList<CustomerHit> Hits { get; private set; } = [];
    public CustomerAccount? Account { get; private set; }
    public IReadOnlyList<PortalUser> Users { get; private set; } = [];
    public IReadOnlyList<StaffInvoiceRow> Invoices { get; private set; } = [];
    public IReadOnlyList<StaffPaymentRow> Payments { get; private set; } = [];
    public IReadOnlyList<OutboxEmail> Emails { get; private set; } = [];
    public IReadOnlyList<StaffAuditEntry> History { get; private set; } = [];
    public Money Balance { get; private set; }
    public Ledger.ActivityYear? Ledger { get; private set; }
    public IReadOnlyList<ExemptionCertificateRow> Exemptions { get; private set; } = [];
    public DateOnly Today => clock.Today;

    public bool IsLocked(PortalUser user) => user.LockoutEnd > clock.UtcNow;
    public string? Notice { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Number is not null)
        {
            return await LoadAsync(cancellationToken) ? Page() : NotFound();
        }
        Hits = await relations.SearchAsync(Q ?? "", cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostNameAddressAsync(CancellationToken cancellationToken) =>
        await AfterAsync(await relations.ChangeNameAndAddressAsync(Number ?? "", new AddressChange(LegalName, AddressLine1, AddressLine2, City, Country, Region, PostalCode), cancellationToken),
            T("Raison sociale et adresse enregistrées ; le client en est avisé par courriel.", "Legal name and address saved; the customer is told by email."), cancellationToken);

    public async Task<IActionResult> OnPostDeliveryAsync(string delivery, CancellationToken cancellationToken) =>
        await AfterAsync(await relations.SetDeliveryAsync(Number ?? "", delivery == "Paper" ? DeliveryPreference.Paper : DeliveryPreference.Electronic, cancellationToken),
            T("Mode de réception enregistré ; le client en est avisé par courriel.", "Delivery saved; the customer is told by email."), cancellationToken);

    public async Task<IActionResult> OnPostSmallBusinessAsync(CancellationToken cancellationToken) =>
        await AfterAsync(await programs.ToSmallBusinessAsync(Number ?? "", AgreementEnded ?? clock.Today, Reason, cancellationToken),
            T("Le compte est maintenant petite entreprise ; le client a reçu ce qui change pour lui.", "The account is now a small business; the customer was told what changes for them."), cancellationToken);

    public async Task<IActionResult> OnPostCommercialAsync(CancellationToken cancellationToken) =>
        await AfterAsync(await programs.ToCommercialAsync(Number ?? "", CreditTermsDays, Reason, cancellationToken),
            T("Le compte est maintenant commercial ; le client en est avisé.", "The account is now commercial; the customer is told."), cancellationToken);

    public async Task<IActionResult> OnPostInviteAsync(CancellationToken cancellationToken) =>
        await AfterAsync(await relations.ResendInvitationAsync(Number ?? "", InviteEmail, cancellationToken),
            T($"Invitation envoyée à {InviteEmail}.", $"Invitation sent to {InviteEmail}."), cancellationToken);

    public async Task<IActionResult> OnPostUnlockAsync(long userId, CancellationToken cancellationToken) =>
        await AfterAsync(await relations.UnlockAsync(Number ?? "", userId, cancellationToken),
            T("La personne peut se connecter de nouveau.", "The person can sign in again."), cancellationToken);

    public async Task<IActionResult> OnPostEndSessionsAsync(long userId, CancellationToken cancellationToken) =>
        await AfterAsync(await relations.EndSessionsAsync(Number ?? "", userId, cancellationToken),
            T("Toutes les sessions de cette personne sont fermées : elle doit se reconnecter.", "Every session of that person is signed out: they must sign in again."), cancellationToken);

    public async Task<IActionResult> OnPostAddExemptionAsync(CancellationToken cancellationToken)
    {
        var notice = T("Certificat d'exemption enregistré : il s'applique aux prochains documents.", "Exemption certificate recorded: it applies to the next documents.");
        if (Exemption.Proof is { Length: > ExemptionProof.MaxBytes } oversized)
        {
            // Not read: a file this size is not a scan of a certificate.
            return await AfterAsync<ExemptionCertificate>(Platform.UserError.Validation("exemption.proof-type", Path.GetFileName(oversized.FileName)), notice, cancellationToken);
        }
        byte[]? proof = null;
        if (Exemption.Proof is { Length: > 0 } file)
        {
            using var content = new MemoryStream();
            await file.CopyToAsync(content, cancellationToken);
            proof = content.ToArray();
        }
        var form = new ExemptionCertificateForm(Exemption.Kind, Exemption.Number, Exemption.Taxes, Exemption.Provinces, Exemption.ValidFrom, Exemption.ValidUntil,
            Exemption.Reserve, Exemption.Proof?.FileName, proof);
        var recorded = await exemptions.RecordAsync(Number ?? "", form, cancellationToken);
        if (recorded.Succeeded)
        {
            Exemption = new();
        }
        return await AfterAsync(recorded, notice, cancellationToken);
    }

    public async Task<IActionResult> OnPostEndExemptionAsync(long certificateId, DateOnly? lastDay, CancellationToken cancellationToken) =>
        await AfterAsync(await exemptions.EndAsync(Number ?? "", certificateId, lastDay, cancellationToken),
            T("Certificat terminé : il n'exonère plus rien après la date de fin.", "Certificate ended: it relieves nothing after its end date."), cancellationToken);

    public async Task<IActionResult> OnGetExemptionProofAsync(long certificateId, CancellationToken cancellationToken) =>
        await exemptions.ProofAsync(Number ?? "", certificateId, cancellationToken) is { } proof
            ? File(proof.Content, proof.ContentType, proof.FileName)
            : NotFound();

    private async Task<IActionResult> AfterAsync<T>(Platform.Outcome<T> outcome, string notice, CancellationToken cancellationToken)
    {
        if (outcome.Succeeded)
        {
            Notice = notice;
            ModelState.Clear();
        }
        else
        {
            Error = Message(outcome.Error!);
        }
        return await LoadAsync(cancellationToken, keepForm: !outcome.Succeeded) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken, bool keepForm = false)
    {
        Account = await db.Accounts.AsNoTracking().SingleOrDefaultAsync(a => a.CustomerNumber == Number, cancellationToken);
        if (Account is null)
        {
            return false;
        }
        if (!keepForm)
        {
            (LegalName, AddressLine1, AddressLine2, City, Country, Region, PostalCode) =
                (Account.LegalName, Account.AddressLine1, Account.AddressLine2, Account.City, Account.Country, Account.Region, Account.PostalCode);
        }
        var id = Account.Id;
        Users = await db.Users.AsNoTracking().Where(u => u.RemovedAt == null && db.EnterpriseAccounts.Any(l => l.EnterpriseId == u.EnterpriseId && l.AccountId == id))
            .OrderBy(u => u.Email).ToListAsync(cancellationToken);
        Invoices = (await db.Invoices.AsNoTracking().Where(i => i.AccountId == id).OrderByDescending(i => i.Id).Take(24).ToListAsync(cancellationToken))
            .Select(i => new StaffInvoiceRow(i.Number, i.Period, i.DueDate, new Money(i.TotalCents, Currency.Parse(i.CurrencyCode)))).ToList();
        var debits = await db.Payments.AsNoTracking().Where(p => p.AccountId == id).OrderByDescending(p => p.Id).Take(24).ToListAsync(cancellationToken);
        var receipts = await db.Receipts.AsNoTracking().Where(r => r.AccountId == id).OrderByDescending(r => r.Id).Take(24).ToListAsync(cancellationToken);
        Payments = debits.Select(p => new StaffPaymentRow(p.Reference, T("Débit", "Debit"), p.SubmittedAt, new Money(p.AmountCents, Currency.Parse(p.CurrencyCode)),
                p.Status + (p.ReturnCode is null ? "" : $" ({p.ReturnCode})")))
            .Concat(receipts.Select(r => new StaffPaymentRow(r.Reference, r.Method.ToString(), r.RecordedAt, new Money(r.AmountCents, Currency.Parse(r.CurrencyCode)), "")))
            .OrderByDescending(p => p.At).ToList();
        Balance = (await Facturo.Ledger.Receivables.ForAccountAsync(db, id, Account.Currency, clock.Today, cancellationToken)).Balance;
        Ledger = await Facturo.Ledger.AccountActivity.ForYearAsync(db, id, Account.Currency, clock.Today.Year, cancellationToken);
        var addresses = Users.Select(u => u.Email!.ToLowerInvariant()).Append(Account.BillingEmail.ToLowerInvariant()).ToList();
        Emails = await db.OutboxEmails.AsNoTracking().Where(e => addresses.Contains(e.ToAddress.ToLower())).OrderByDescending(e => e.Id).Take(30).ToListAsync(cancellationToken);
        var subject = CustomerRelations.Subject(Account);
        Exemptions = await exemptions.ListAsync(id, cancellationToken);
        History = await db.StaffAuditEntries.AsNoTracking().Where(e => e.Subject == subject).OrderByDescending(e => e.Id).Take(30).ToListAsync(cancellationToken);
        return true;
    }
}

/// <summary>The new-certificate form on the customer's page.</summary>
public sealed class ExemptionForm
{
    public string? Kind { get; set; }
    public string? Number { get; set; }
    public List<string> Taxes { get; set; } = [];
    public List<string> Provinces { get; set; } = [];
    public DateOnly? ValidFrom { get; set; }
    public DateOnly? ValidUntil { get; set; }
    public string? Reserve { get; set; }
    public IFormFile? Proof { get; set; }
}
