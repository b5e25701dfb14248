using Facturo.Accounts;
using Facturo.Billing;
using Facturo.Data;
using Facturo.Emails;
using Facturo.Platform;
using Facturo.Portal;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Staff;

public sealed record CustomerHit(string CustomerNumber, string LegalName, string City, BillingProgram Program, AccountStatus Status);

/// <summary>A new legal name and billing address as staff typed them; <see cref="Region"/> is the province in Canada, the state in the United States.</summary>
public sealed record AddressChange(string LegalName, string AddressLine1, string? AddressLine2, string City, string Country, string Region, string PostalCode);

/// <summary>
/// What a customer-relations agent does for a customer: find it, change what only staff may change
/// (legal name, address, paper delivery), resend an invitation, unlock a person. Each change is in the
/// audit log with its before and after, and the customer is told by email.
/// </summary>
public sealed class CustomerRelations(FacturoDbContext db, StaffAudit audit, EmailOutbox outbox, Invitations invitations, UserManager<PortalUser> users, SignInSessions sessions)
{
    /// <summary>By customer number, name, any email (billing or a portal user's) or invoice number; 50 at most.</summary>
    public async Task<IReadOnlyList<CustomerHit>> SearchAsync(string query, CancellationToken cancellationToken)
    {
        var text = query.Trim();
        if (text.Length == 0)
        {
            return [];
        }
        var lower = text.ToLowerInvariant();
        var invoiceAccount = DocumentNumbers.TryParse(text.ToUpperInvariant(), "F", out var invoiceId)
            ? await db.Invoices.Where(i => i.Id == invoiceId).Select(i => (long?)i.AccountId).SingleOrDefaultAsync(cancellationToken)
            : null;
        // These comparisons run in SQL as lower(...), the same on both databases; the StringComparison overloads CA1862 suggests are not translated.
#pragma warning disable CA1862
        var userAccounts = db.EnterpriseAccounts.Where(l => db.Users.Any(u => u.EnterpriseId == l.EnterpriseId && u.NormalizedEmail == text.ToUpperInvariant()))
            .Select(l => l.AccountId);
        return await db.Accounts.AsNoTracking()
            .Where(a => a.CustomerNumber == text || a.LegalName.ToLower().Contains(lower) || a.BillingEmail.ToLower() == lower
                || a.Id == invoiceAccount || userAccounts.Contains(a.Id))
            .OrderBy(a => a.CustomerNumber).Take(50)
            .Select(a => new CustomerHit(a.CustomerNumber, a.LegalName, a.City, a.Program, a.Status))
            .ToListAsync(cancellationToken);
#pragma warning restore CA1862
    }

    public async Task<Outcome<CustomerAccount>> ChangeNameAndAddressAsync(string customerNumber, AddressChange change, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(change.LegalName) || change.LegalName.Trim().Length > 200)
        {
            return UserError.Validation("admin.legal-name");
        }
        if (!PostalAddress.TryCreate(change.AddressLine1, change.AddressLine2, change.City, change.Country, change.Region, change.PostalCode, out var address, out var problem))
        {
            return UserError.Validation(problem, change.Country.Trim().ToUpperInvariant());
        }
        var account = await db.Accounts.SingleOrDefaultAsync(a => a.CustomerNumber == customerNumber, cancellationToken);
        if (account is null)
        {
            return UserError.NotFound("account.not-found", customerNumber);
        }
        var before = Snapshot(account);
        account.LegalName = change.LegalName.Trim();
        account.MoveTo(address);
        var after = Snapshot(account);
        if (before == after)
        {
            return account;
        }
        return await db.InTransactionAsync<CustomerAccount>(async () =>
        {
            await db.SaveChangesAsync(cancellationToken);
            await TellCustomerAsync(account, "account-details-changed",
                ("Raison sociale ou adresse modifiée", "Legal name or address changed"),
                ($"À votre demande, nous avons modifié le compte {account.CustomerNumber} :\n\nAvant : {before}\nMaintenant : {after}\n\nLes prochaines factures porteront ces renseignements. Si vous n'avez pas demandé ce changement, appelez-nous.",
                 $"As you asked, we changed account {account.CustomerNumber}:\n\nBefore: {before}\nNow: {after}\n\nThe next invoices will show these details. If you did not ask for this change, call us."),
                cancellationToken);
            await audit.RecordAsync("account.name-address", Subject(account), before, after, cancellationToken);
            return account;
        }, cancellationToken);
    }

    /// <summary>At the customer's request: paper invoices by mail (the paper fee then applies to each invoice) or electronic only.</summary>
    public async Task<Outcome<CustomerAccount>> SetDeliveryAsync(string customerNumber, DeliveryPreference delivery, CancellationToken cancellationToken)
    {
        var account = await db.Accounts.SingleOrDefaultAsync(a => a.CustomerNumber == customerNumber, cancellationToken);
        if (account is null)
        {
            return UserError.NotFound("account.not-found", customerNumber);
        }
        if (account.Delivery == delivery)
        {
            return account;
        }
        var before = account.Delivery;
        account.Delivery = delivery;
        return await db.InTransactionAsync<CustomerAccount>(async () =>
        {
            await db.SaveChangesAsync(cancellationToken);
            var settings = await db.BillerSettings.AsNoTracking().SingleAsync(cancellationToken);
            var fee = new Money(settings.PaperFeeCents, account.Currency);
            await TellCustomerAsync(account, "delivery-changed",
                ("Mode de réception des factures", "How you receive invoices"),
                delivery == DeliveryPreference.Paper
                    ? ($"À votre demande, les factures du compte {account.CustomerNumber} vous seront aussi envoyées sur papier par la poste. Des frais de papier de {fee.Format(Cultures.For(Language.Fr))} s'appliquent à chaque facture.",
                       $"As you asked, the invoices of account {account.CustomerNumber} will also be mailed to you on paper. A paper fee of {fee.Format(Cultures.For(Language.En))} applies to each invoice.")
                    : ($"À votre demande, les factures du compte {account.CustomerNumber} ne seront plus envoyées sur papier : vous les recevez par courriel et dans le portail, sans frais de papier.",
                       $"As you asked, the invoices of account {account.CustomerNumber} will no longer be mailed on paper: you receive them by email and in the portal, with no paper fee."),
                cancellationToken);
            await audit.RecordAsync("account.delivery", Subject(account), new { Delivery = before.ToString() }, new { Delivery = delivery.ToString() }, cancellationToken);
            return account;
        }, cancellationToken);
    }

    public async Task<Outcome<Invitation>> ResendInvitationAsync(string customerNumber, string email, CancellationToken cancellationToken)
    {
        var account = await db.Accounts.AsNoTracking().SingleOrDefaultAsync(a => a.CustomerNumber == customerNumber, cancellationToken);
        if (account is null)
        {
            return UserError.NotFound("account.not-found", customerNumber);
        }
        // Once a business is on the portal, only its own administrators let people in: a call to the back office must not.
        if (await db.EnterpriseAccounts.AnyAsync(l => l.AccountId == account.Id, cancellationToken))
        {
            return UserError.Conflict("admin.account-on-portal", account.CustomerNumber);
        }
        return await db.InTransactionAsync(async () =>
        {
            var invited = await invitations.InviteAsync(customerNumber, email, PortalRole.Admin, account.Language, null, cancellationToken);
            if (invited.Succeeded)
            {
                await audit.RecordAsync("portal.invitation", Subject(account), null, new { Email = email.Trim() }, cancellationToken);
            }
            return invited;
        }, cancellationToken);
    }

    public async Task<Outcome<PortalUser>> UnlockAsync(string customerNumber, long userId, CancellationToken cancellationToken)
    {
        var person = await users.FindByIdAsync(userId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (person is null || !await db.EnterpriseAccounts.AnyAsync(l => l.EnterpriseId == person.EnterpriseId && db.Accounts.Any(a => a.Id == l.AccountId && a.CustomerNumber == customerNumber), cancellationToken))
        {
            return UserError.NotFound("account.not-found", customerNumber);
        }
        var lockedUntil = person.LockoutEnd;
        return await db.InTransactionAsync<PortalUser>(async () =>
        {
            await users.SetLockoutEndDateAsync(person, null);
            await users.ResetAccessFailedCountAsync(person);
            await audit.RecordAsync("portal.unlock", $"user {person.Email}", new { LockedUntil = lockedUntil }, new { LockedUntil = (DateTimeOffset?)null }, cancellationToken);
            return person;
        }, cancellationToken);
    }

    /// <summary>
    /// A customer who lost a phone or suspects someone else is in calls us: every open portal session of that person ends now,
    /// from whatever browser; they sign in again with their password (and second step).
    /// </summary>
    public async Task<Outcome<PortalUser>> EndSessionsAsync(string customerNumber, long userId, CancellationToken cancellationToken)
    {
        var person = await users.FindByIdAsync(userId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (person is null || !await db.EnterpriseAccounts.AnyAsync(l => l.EnterpriseId == person.EnterpriseId && db.Accounts.Any(a => a.Id == l.AccountId && a.CustomerNumber == customerNumber), cancellationToken))
        {
            return UserError.NotFound("account.not-found", customerNumber);
        }
        return await db.InTransactionAsync<PortalUser>(async () =>
        {
            var ended = await sessions.EndAllAsync(SessionAudience.Portal, person.Id, cancellationToken);
            await audit.RecordAsync("portal.end-sessions", $"user {person.Email}", null, new { SessionsEnded = ended }, cancellationToken);
            return person;
        }, cancellationToken);
    }

    public static string Subject(CustomerAccount account) => $"account {account.CustomerNumber}";

    private static string Snapshot(CustomerAccount a) =>
        string.Join(", ", new[] { a.LegalName, a.AddressLine1, a.AddressLine2, a.City, a.Region, a.PostalCode, a.Country == Taxes.PlaceOfSupply.CanadaCode ? null : a.Country }
            .Where(p => !string.IsNullOrWhiteSpace(p)));

    /// <summary>The billing email and every administrator of a business the account is linked to, each in their language.</summary>
    private async Task TellCustomerAsync(CustomerAccount account, string kind, (string Fr, string En) subject, (string Fr, string En) body, CancellationToken cancellationToken)
    {
        var admins = await db.Users.AsNoTracking()
            .Where(u => u.Role == PortalRole.Admin && u.RemovedAt == null && db.EnterpriseAccounts.Any(l => l.EnterpriseId == u.EnterpriseId && l.AccountId == account.Id))
            .Select(u => new { u.Email, u.Language }).ToListAsync(cancellationToken);
        var recipients = admins.Select(a => (a.Email!, a.Language)).Append((account.BillingEmail, account.Language))
            .DistinctBy(r => r.Item1.ToLowerInvariant());
        foreach (var (email, language) in recipients)
        {
            var french = language == Language.Fr;
            await outbox.QueueAsync(kind, email, language, french ? subject.Fr : subject.En, french ? body.Fr : body.En, cancellationToken);
        }
    }
}
