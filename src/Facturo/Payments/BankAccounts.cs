using Facturo.Accounts;
using Facturo.Data;
using Facturo.Emails;
using Facturo.Platform;
using Facturo.Portal;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Payments;

public sealed record BankAccountForm(BankCountry Country, string HolderName, string? Institution, string? Transit, string? Routing, string? AccountNumber);

/// <summary>
/// The Payments tab's bank accounts: an enterprise's admins and payers add, change and remove them; every
/// change is emailed to the business's admins, and a change or removal ends the account's debit agreements.
/// </summary>
public sealed class BankAccounts(FacturoDbContext db, BankAccountNumbers numbers, EmailOutbox outbox, BillerClock clock)
{
    public Task<List<BankAccount>> OfEnterpriseAsync(long enterpriseId, CancellationToken cancellationToken) =>
        db.BankAccounts.AsNoTracking().Where(b => b.EnterpriseId == enterpriseId && b.RemovedAt == null).OrderBy(b => b.Id).ToListAsync(cancellationToken);

    /// <summary>The accounts a portal debit may come from without asking for an agreement again.</summary>
    public Task<List<long>> AuthorizedIdsAsync(long enterpriseId, CancellationToken cancellationToken) =>
        db.DebitAuthorizations.AsNoTracking()
            .Where(a => a.CancelledAt == null && a.Scope == DebitScope.PortalPayments && db.BankAccounts.Any(b => b.Id == a.BankAccountId && b.EnterpriseId == enterpriseId))
            .Select(a => a.BankAccountId).ToListAsync(cancellationToken);

    public async Task<Outcome<BankAccount>> AddAsync(PortalUser me, BankAccountForm form, CancellationToken cancellationToken)
    {
        if (Payers.Refuse(me) is { } refused)
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
            ProtectedAccountNumber = await numbers.ProtectAsync(valid.Value.Account, cancellationToken),
            Last4 = valid.Value.Account[^4..],
            CreatedAt = clock.UtcNow,
            CreatedByUserId = me.Id,
        };
        db.BankAccounts.Add(account);
        await TellAdminsAsync(me, "bank-account-added",
            ("Compte bancaire ajouté", "Bank account added"),
            ($"{me.FullName} a ajouté le compte bancaire {account.Masked} ({account.HolderName}) pour les paiements de votre entreprise.",
             $"{me.FullName} added bank account {account.Masked} ({account.HolderName}) for your business's payments."), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return account;
    }

    /// <summary>New numbers for an existing account: its debit agreement ends, the next debit asks for a new one.</summary>
    public async Task<Outcome<BankAccount>> ChangeAsync(PortalUser me, long bankAccountId, BankAccountForm form, CancellationToken cancellationToken)
    {
        if (Payers.Refuse(me) is { } refused)
        {
            return refused;
        }
        if (await OwnAsync(me, bankAccountId, cancellationToken) is not { } account)
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
        account.ProtectedAccountNumber = await numbers.ProtectAsync(valid.Value.Account, cancellationToken);
        account.Last4 = valid.Value.Account[^4..];
        await CancelAuthorizationsAsync(me, account.Id, cancellationToken);
        await TellAdminsAsync(me, "bank-account-changed",
            ("Compte bancaire modifié", "Bank account changed"),
            ($"{me.FullName} a remplacé le compte bancaire {before} par {account.Masked} ({account.HolderName}). Le prochain paiement demandera un nouvel accord de débit.",
             $"{me.FullName} replaced bank account {before} with {account.Masked} ({account.HolderName}). The next payment will ask for a new debit agreement."), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return account;
    }

    public async Task<Outcome<BankAccount>> RemoveAsync(PortalUser me, long bankAccountId, CancellationToken cancellationToken)
    {
        if (Payers.Refuse(me) is { } refused)
        {
            return refused;
        }
        if (await OwnAsync(me, bankAccountId, cancellationToken) is not { } account)
        {
            return UserError.NotFound("payments.bank-account-not-found");
        }
        account.RemovedAt = clock.UtcNow;
        await CancelAuthorizationsAsync(me, account.Id, cancellationToken);
        await TellAdminsAsync(me, "bank-account-removed",
            ("Compte bancaire retiré", "Bank account removed"),
            ($"{me.FullName} a retiré le compte bancaire {account.Masked}. Les paiements déjà soumis seront quand même débités.",
             $"{me.FullName} removed bank account {account.Masked}. Payments already submitted will still be debited."), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return account;
    }

    /// <summary>Stops future debits from the account until someone accepts the agreement again.</summary>
    public async Task<Outcome<BankAccount>> CancelAgreementAsync(PortalUser me, long bankAccountId, CancellationToken cancellationToken)
    {
        if (Payers.Refuse(me) is { } refused)
        {
            return refused;
        }
        if (await OwnAsync(me, bankAccountId, cancellationToken) is not { } account)
        {
            return UserError.NotFound("payments.bank-account-not-found");
        }
        await CancelAuthorizationsAsync(me, account.Id, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return account;
    }

    /// <summary>Tracked, so the caller can change it; only the person's own business's, and not removed.</summary>
    private Task<BankAccount?> OwnAsync(PortalUser me, long bankAccountId, CancellationToken cancellationToken) =>
        db.BankAccounts.SingleOrDefaultAsync(b => b.Id == bankAccountId && b.EnterpriseId == me.EnterpriseId && b.RemovedAt == null, cancellationToken);

    private static Outcome<BankAccountNumber> Validate(BankAccountForm form)
    {
        if (string.IsNullOrWhiteSpace(form.HolderName) || form.HolderName.Trim().Length > 100)
        {
            return UserError.Validation("payments.holder-name");
        }
        if (!BankFileName.TryFrom(form.HolderName, out _))
        {
            // Banks refuse an item without a payor name, and their files carry Latin capitals only.
            return UserError.Validation("payments.holder-name-latin");
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

    private async Task TellAdminsAsync(PortalUser me, string kind, (string Fr, string En) subject, (string Fr, string En) body, CancellationToken cancellationToken)
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
