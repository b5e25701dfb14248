using Facturo.Accounts;
using Facturo.Billing;
using Facturo.Data;
using Facturo.Emails;
using Facturo.Ledger;
using Facturo.Platform;
using Facturo.Portal;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Payments;

public sealed record BankAccountForm(BankCountry Country, string HolderName, string? Institution, string? Transit, string? Routing, string? AccountNumber);

/// <summary>What a person asks to pay: chosen invoices, or an amount applied to the oldest first.</summary>
/// <summary>Who asked for the debit: the person in the portal, the lease schedule, or staff debiting a returned payment again.</summary>
public enum DebitOrigin { Portal, LeaseSchedule, StaffRetry }

/// <summary>A debit to submit; an automatic or staff debit names the agreement it is made under instead of accepting one.</summary>
public sealed record PaymentRequest(string CustomerNumber, IReadOnlyList<string> InvoiceNumbers, decimal? Amount, long BankAccountId, bool AcceptsAgreement, string IdempotencyKey, string IpAddress,
    long? UnderAuthorizationId = null, DebitOrigin Origin = DebitOrigin.Portal);

/// <summary>
/// The Payments tab: an enterprise's bank accounts, the debit agreement signed before the first debit
/// from each, and payments of invoices by debit. Admins and payers only.
/// </summary>
public sealed class PortalPayments(FacturoDbContext db, IDataProtectionProvider protection, EmailOutbox outbox, BillerClock clock)
{
    private readonly IDataProtector _accountNumbers = protection.CreateProtector("Facturo.BankAccountNumbers.v1");

    public Task<List<BankAccount>> BankAccountsOf(long enterpriseId, CancellationToken cancellationToken) =>
        db.BankAccounts.AsNoTracking().Where(b => b.EnterpriseId == enterpriseId && b.RemovedAt == null).OrderBy(b => b.Id).ToListAsync(cancellationToken);

    public Task<List<long>> AuthorizedBankAccountIds(long enterpriseId, CancellationToken cancellationToken) =>
        db.DebitAuthorizations.AsNoTracking()
            .Where(a => a.CancelledAt == null && a.Scope == DebitScope.PortalPayments && db.BankAccounts.Any(b => b.Id == a.BankAccountId && b.EnterpriseId == enterpriseId))
            .Select(a => a.BankAccountId).ToListAsync(cancellationToken);

    /// <summary>The full number, for the bank file only.</summary>
    public string AccountNumberOf(BankAccount account) => _accountNumbers.Unprotect(account.ProtectedAccountNumber);

    public async Task<Outcome<BankAccount>> AddBankAccountAsync(PortalUser me, BankAccountForm form, CancellationToken cancellationToken)
    {
        if (Refuse(me) is { } refused)
        {
            return refused;
        }
        var valid = Validate(form);
        if (!valid.Succeeded)
        {
            return valid.Error!;
        }
        var account = new BankAccount
        {
            EnterpriseId = me.EnterpriseId,
            Country = form.Country,
            HolderName = form.HolderName.Trim(),
            Routing = valid.Value!.Routing,
            ProtectedAccountNumber = ProtectAccountNumber(valid.Value.Account),
            Last4 = valid.Value.Account[^4..],
            CreatedAt = clock.UtcNow,
            CreatedByUserId = me.Id,
        };
        db.BankAccounts.Add(account);
        await TellAdminsAsync(me, "bank-account-added", account,
            ("Compte bancaire ajouté", "Bank account added"),
            ($"{me.FullName} a ajouté le compte bancaire {account.Masked} ({account.HolderName}) pour les paiements de votre entreprise.",
             $"{me.FullName} added bank account {account.Masked} ({account.HolderName}) for your business's payments."), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return account;
    }

    /// <summary>New numbers for an existing account: its debit agreement ends, the next debit asks for a new one.</summary>
    public async Task<Outcome<BankAccount>> ChangeBankAccountAsync(PortalUser me, long bankAccountId, BankAccountForm form, CancellationToken cancellationToken)
    {
        if (Refuse(me) is { } refused)
        {
            return refused;
        }
        if (await OwnBankAccountAsync(me, bankAccountId, cancellationToken) is not { } account)
        {
            return UserError.NotFound("payments.bank-account-not-found");
        }
        var valid = Validate(form with { Country = account.Country });
        if (!valid.Succeeded)
        {
            return valid.Error!;
        }
        var before = account.Masked;
        account.HolderName = form.HolderName.Trim();
        account.Routing = valid.Value!.Routing;
        account.ProtectedAccountNumber = ProtectAccountNumber(valid.Value.Account);
        account.Last4 = valid.Value.Account[^4..];
        await CancelAuthorizationsAsync(me, account.Id, cancellationToken);
        await TellAdminsAsync(me, "bank-account-changed", account,
            ("Compte bancaire modifié", "Bank account changed"),
            ($"{me.FullName} a remplacé le compte bancaire {before} par {account.Masked} ({account.HolderName}). Le prochain paiement demandera un nouvel accord de débit.",
             $"{me.FullName} replaced bank account {before} with {account.Masked} ({account.HolderName}). The next payment will ask for a new debit agreement."), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return account;
    }

    public async Task<Outcome<BankAccount>> RemoveBankAccountAsync(PortalUser me, long bankAccountId, CancellationToken cancellationToken)
    {
        if (Refuse(me) is { } refused)
        {
            return refused;
        }
        if (await OwnBankAccountAsync(me, bankAccountId, cancellationToken) is not { } account)
        {
            return UserError.NotFound("payments.bank-account-not-found");
        }
        account.RemovedAt = clock.UtcNow;
        await CancelAuthorizationsAsync(me, account.Id, cancellationToken);
        await TellAdminsAsync(me, "bank-account-removed", account,
            ("Compte bancaire retiré", "Bank account removed"),
            ($"{me.FullName} a retiré le compte bancaire {account.Masked}. Les paiements déjà soumis seront quand même débités.",
             $"{me.FullName} removed bank account {account.Masked}. Payments already submitted will still be debited."), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return account;
    }

    /// <summary>Stops future debits from the account until someone accepts the agreement again.</summary>
    public async Task<Outcome<BankAccount>> CancelAgreementAsync(PortalUser me, long bankAccountId, CancellationToken cancellationToken)
    {
        if (Refuse(me) is { } refused)
        {
            return refused;
        }
        if (await OwnBankAccountAsync(me, bankAccountId, cancellationToken) is not { } account)
        {
            return UserError.NotFound("payments.bank-account-not-found");
        }
        await CancelAuthorizationsAsync(me, account.Id, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return account;
    }

    public async Task<Outcome<Payment>> SubmitAsync(PortalUser me, PaymentRequest request, CancellationToken cancellationToken)
    {
        var outcome = await SubmitOnceAsync(me, request, cancellationToken);
        // A twin request with the same key may have committed while this one was checking (the invoice
        // is then no longer open): its payment is the answer, not an error.
        if (!outcome.Succeeded && Refuse(me) is null && !string.IsNullOrWhiteSpace(request.IdempotencyKey)
            && await FindByKeyAsync(me.EnterpriseId, request.IdempotencyKey, cancellationToken) is { } twin)
        {
            return twin;
        }
        return outcome;
    }

    private async Task<Outcome<Payment>> SubmitOnceAsync(PortalUser me, PaymentRequest request, CancellationToken cancellationToken)
    {
        if (Refuse(me) is { } refused)
        {
            return refused;
        }
        if (string.IsNullOrWhiteSpace(request.IdempotencyKey) || request.IdempotencyKey.Length > 64)
        {
            return UserError.Validation("payments.idempotency-key");
        }
        if (await FindByKeyAsync(me.EnterpriseId, request.IdempotencyKey, cancellationToken) is { } already)
        {
            return already;
        }
        var account = await db.Accounts.AsNoTracking().SingleOrDefaultAsync(a => a.CustomerNumber == request.CustomerNumber.Trim()
            && db.EnterpriseAccounts.Any(l => l.EnterpriseId == me.EnterpriseId && l.AccountId == a.Id), cancellationToken);
        var bank = await db.BankAccounts.AsNoTracking().SingleOrDefaultAsync(b => b.Id == request.BankAccountId && b.EnterpriseId == me.EnterpriseId && b.RemovedAt == null, cancellationToken);
        if (account is null)
        {
            return UserError.NotFound("account.not-found", request.CustomerNumber);
        }
        if (bank is null)
        {
            return UserError.Validation("payments.bank-account-not-found");
        }
        if (bank.Currency != account.Currency)
        {
            return UserError.Validation("payments.currency-mismatch", bank.Masked, account.CurrencyCode);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await AccountLocks.LockAsync(db, account.Id, cancellationToken);
        var allocations = await AllocateAsync(account, request, cancellationToken);
        if (!allocations.Succeeded)
        {
            return allocations.Error!;
        }
        var now = clock.UtcNow;
        var authorization = await db.DebitAuthorizations.SingleOrDefaultAsync(a => a.BankAccountId == bank.Id && a.CancelledAt == null
            && (request.UnderAuthorizationId == null ? a.Scope == DebitScope.PortalPayments : a.Id == request.UnderAuthorizationId), cancellationToken);
        if (authorization is null && request.UnderAuthorizationId is not null)
        {
            return UserError.Validation("payments.agreement-cancelled", bank.Masked);
        }
        if (authorization is null)
        {
            if (!request.AcceptsAgreement)
            {
                return UserError.Validation("payments.agreement-required", bank.Masked);
            }
            var biller = await db.BillerSettings.AsNoTracking().SingleAsync(cancellationToken);
            authorization = DebitAgreements.Accepted(bank, DebitScope.PortalPayments,
                DebitAgreements.Text(bank, account.LegalName, biller, me.FullName, now, me.Language), me, now, request.IpAddress);
            db.DebitAuthorizations.Add(authorization);
        }

        var total = Money.Sum(allocations.Value!.Select(a => a.Amount), account.Currency);
        await db.SaveChangesAsync(cancellationToken);
        var payment = new Payment
        {
            EnterpriseId = me.EnterpriseId,
            AccountId = account.Id,
            BankAccountId = bank.Id,
            AuthorizationId = authorization.Id,
            AmountCents = total.Cents,
            CurrencyCode = account.CurrencyCode,
            Status = PaymentStatus.Submitted,
            IdempotencyKey = request.IdempotencyKey,
            SubmittedAt = now,
            SubmittedByUserId = me.Id,
            Allocations = allocations.Value!.Select(a => new PaymentAllocation { InvoiceId = a.InvoiceId, AmountCents = a.Amount.Cents }).ToList(),
        };
        db.Payments.Add(payment);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same key won a moment ago (a double click, a retry): that payment is the answer, and nothing is debited twice.
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return (await FindByKeyAsync(me.EnterpriseId, request.IdempotencyKey, cancellationToken))!;
        }
        db.LedgerPostings.Add(SubmittedPosting(payment, clock.Today, now));
        var invoices = string.Join(", ", allocations.Value!.Select(a => Invoice.FormatNumber(a.InvoiceId)));
        var amount = total.Format(Cultures.For(me.Language));
        var (subject, body) = SubmittedEmail(request.Origin, me, payment, amount, account.CustomerNumber, invoices, bank.Masked);
        await outbox.QueueAsync("payment-submitted", me.Email!, me.Language, subject, body,
            cancellationToken, dedupKey: $"payment-submitted:{payment.Id}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return payment;
    }

    /// <summary>What the person whose agreement allows the debit is told, before the debit reaches the bank.</summary>
    private static (string Subject, string Body) SubmittedEmail(DebitOrigin origin, PortalUser me, Payment payment, string amount, string customerNumber, string invoices, string bank) =>
        (origin, me.Language) switch
        {
            (DebitOrigin.LeaseSchedule, Language.Fr) => ($"Débit automatique {payment.Reference} : {amount}",
                $"Bonjour {me.FullName},\n\nComme convenu dans l'accord de débit automatique des factures de crédit-bail du compte {customerNumber}, la facture {invoices} de {amount} sera débitée du compte bancaire {bank} d'ici un jour ouvrable (référence {payment.Reference}). Son état est affiché dans le portail (Paiements)."),
            (DebitOrigin.LeaseSchedule, _) => ($"Automatic debit {payment.Reference}: {amount}",
                $"Hello {me.FullName},\n\nAs agreed in the automatic debit agreement for the lease invoices of account {customerNumber}, invoice {invoices} of {amount} will be debited from bank account {bank} within one business day (reference {payment.Reference}). Its status is shown in the portal (Payments)."),
            (DebitOrigin.StaffRetry, Language.Fr) => ($"Nouveau débit {payment.Reference} : {amount}",
                $"Bonjour {me.FullName},\n\nVotre banque ayant retourné un paiement précédent, nous débiterons de nouveau {amount} pour le compte {customerNumber} (factures {invoices}) du compte bancaire {bank} d'ici un jour ouvrable, selon votre accord de débit (référence {payment.Reference}). Si ce n'est pas ce qui a été convenu avec nous, appelez-nous avant ce débit."),
            (DebitOrigin.StaffRetry, _) => ($"New debit {payment.Reference}: {amount}",
                $"Hello {me.FullName},\n\nAs your bank returned an earlier payment, we will debit {amount} again for account {customerNumber} (invoices {invoices}) from bank account {bank} within one business day, under your debit agreement (reference {payment.Reference}). If that is not what was agreed with us, call us before this debit."),
            (_, Language.Fr) => ($"Paiement {payment.Reference} reçu : {amount}",
                $"Bonjour {me.FullName},\n\nNous avons reçu votre paiement {payment.Reference} de {amount} pour le compte {customerNumber} (factures {invoices}). Il sera débité du compte bancaire {bank} d'ici un jour ouvrable. Son état est affiché dans le portail (Paiements)."),
            _ => ($"Payment {payment.Reference} received: {amount}",
                $"Hello {me.FullName},\n\nWe received your payment {payment.Reference} of {amount} for account {customerNumber} (invoices {invoices}). It will be debited from bank account {bank} within one business day. Its status is shown in the portal (Payments)."),
        };

    /// <summary>A submitted debit in the ledger: the money is on its way from the bank, the invoices it pays are no longer owed.</summary>
    public static LedgerPosting SubmittedPosting(Payment payment, DateOnly day, DateTimeOffset now)
    {
        var currency = Currency.Parse(payment.CurrencyCode);
        return LedgerPosting.From(Posting.Create(PostingKind.Payment, day, payment.Reference,
        [
            new PostingLine(LedgerAccount.BankClearing, new Money(payment.AmountCents, currency)),
            .. payment.Allocations.Select(a => new PostingLine(LedgerAccount.AccountsReceivable, -new Money(a.AmountCents, currency), payment.AccountId, ReceivableDocument.Invoice(a.InvoiceId))),
        ]), now);
    }

    public string ProtectAccountNumber(string accountNumber) => _accountNumbers.Protect(accountNumber);

    private sealed record Allocation(long InvoiceId, Money Amount);

    private async Task<Outcome<IReadOnlyList<Allocation>>> AllocateAsync(CustomerAccount account, PaymentRequest request, CancellationToken cancellationToken)
    {
        var open = (await Receivables.ForAccountAsync(db, account.Id, account.Currency, clock.Today, cancellationToken)).OpenInvoices
            .Where(o => o.Balance.Cents > 0).ToList();
        if (request.InvoiceNumbers.Count > 0)
        {
            var chosen = new List<Allocation>();
            foreach (var number in request.InvoiceNumbers.Distinct(StringComparer.OrdinalIgnoreCase))
            {
                if (!PortalAccess.TryParseInvoiceNumber(number, out var id) || open.SingleOrDefault(o => o.InvoiceId == id) is not { } invoice)
                {
                    return UserError.Validation("payments.invoice-not-open", number);
                }
                chosen.Add(new Allocation(id, invoice.Balance));
            }
            return chosen;
        }
        if (request.Amount is not { } amount)
        {
            return UserError.Validation("payments.nothing-chosen");
        }
        var cents = decimal.Round(amount * 100m) == amount * 100m ? decimal.ToInt64(amount * 100m) : -1;
        var owing = open.Sum(o => o.Balance.Cents);
        if (cents <= 0 || cents > owing)
        {
            return UserError.Validation("payments.invalid-amount", new Money(owing, account.Currency).ToDecimal());
        }
        var allocations = new List<Allocation>();
        foreach (var invoice in open.OrderBy(o => o.DueDate).ThenBy(o => o.InvoiceId))
        {
            var part = Math.Min(cents, invoice.Balance.Cents);
            allocations.Add(new Allocation(invoice.InvoiceId, new Money(part, account.Currency)));
            cents -= part;
            if (cents == 0)
            {
                break;
            }
        }
        return allocations;
    }

    /// <summary>Tracked, so the caller can change it; only the person's own business's, and not removed.</summary>
    private Task<BankAccount?> OwnBankAccountAsync(PortalUser me, long bankAccountId, CancellationToken cancellationToken) =>
        db.BankAccounts.SingleOrDefaultAsync(b => b.Id == bankAccountId && b.EnterpriseId == me.EnterpriseId && b.RemovedAt == null, cancellationToken);

    private Task<Payment?> FindByKeyAsync(long enterpriseId, string key, CancellationToken cancellationToken) =>
        db.Payments.AsNoTracking().Include(p => p.Allocations).SingleOrDefaultAsync(p => p.EnterpriseId == enterpriseId && p.IdempotencyKey == key, cancellationToken);

    private static UserError? Refuse(PortalUser me) =>
        me.Role is PortalRole.Admin or PortalRole.Payer ? null : UserError.Forbidden("payments.payers-only");

    private static Outcome<BankAccountNumber> Validate(BankAccountForm form)
    {
        if (string.IsNullOrWhiteSpace(form.HolderName) || form.HolderName.Trim().Length > 100)
        {
            return UserError.Validation("payments.holder-name");
        }
        var problem = form.Country == BankCountry.CA
            ? BankAccountNumber.TryCanadian(form.Institution, form.Transit, form.AccountNumber, out var number)
            : BankAccountNumber.TryUnitedStates(form.Routing, form.AccountNumber, out number);
        return problem is { } p ? UserError.Validation($"payments.{p}") : number!;
    }

    /// <summary>Every agreement on the bank account, automatic lease debits included: none of them may debit it any more.</summary>
    private async Task CancelAuthorizationsAsync(PortalUser me, long bankAccountId, CancellationToken cancellationToken)
    {
        foreach (var authorization in await db.DebitAuthorizations.Where(a => a.BankAccountId == bankAccountId && a.CancelledAt == null).ToListAsync(cancellationToken))
        {
            authorization.CancelledAt = clock.UtcNow;
            authorization.CancelledByUserId = me.Id;
        }
        foreach (var automatic in await db.AutomaticDebits.Where(d => d.BankAccountId == bankAccountId && d.CancelledAt == null).ToListAsync(cancellationToken))
        {
            automatic.CancelledAt = clock.UtcNow;
            automatic.CancelledByUserId = me.Id;
        }
    }

    private async Task TellAdminsAsync(PortalUser me, string kind, BankAccount account, (string Fr, string En) subject, (string Fr, string En) body, CancellationToken cancellationToken)
    {
        var admins = await db.Users.AsNoTracking().Where(u => u.EnterpriseId == me.EnterpriseId && u.Role == PortalRole.Admin && u.RemovedAt == null).ToListAsync(cancellationToken);
        foreach (var admin in admins)
        {
            var french = admin.Language == Language.Fr;
            await outbox.QueueAsync(kind, admin.Email!, admin.Language, french ? subject.Fr : subject.En,
                french ? $"Bonjour {admin.FullName},\n\n{body.Fr}" : $"Hello {admin.FullName},\n\n{body.En}", cancellationToken);
        }
    }
}
