using Facturo.Accounts;
using Facturo.Billing;
using Facturo.Data;
using Facturo.Ledger;
using Facturo.Platform;
using Facturo.Portal;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Payments;

public sealed record AutomaticDebitRow(long Id, string CustomerNumber, string BankAccount, DateTimeOffset Since);

/// <summary>
/// Pre-authorised debits on a schedule, for lease invoices only: a business enrols a customer account
/// that is charged for leased equipment, and every lease invoice of that account is debited on its due
/// date under an agreement that says so. Other invoices are never debited automatically; they are paid
/// in the portal.
/// </summary>
public sealed partial class LeaseDebits(FacturoDbContext db, SubmitPayment payments, BillerClock clock, ILogger<LeaseDebits> logger)
{
    /// <summary>Rule H1: the customer learns a variable amount at least 10 days before it is debited; the invoice email is that notice.</summary>
    public const int NoticeDays = 10;

    public async Task<IReadOnlyList<AutomaticDebitRow>> EnrolmentsOf(long enterpriseId, CancellationToken cancellationToken) =>
        (await db.AutomaticDebits.AsNoTracking().Where(d => d.EnterpriseId == enterpriseId && d.CancelledAt == null)
            .Join(db.Accounts, d => d.AccountId, a => a.Id, (d, a) => new { d, a.CustomerNumber })
            .Join(db.BankAccounts, x => x.d.BankAccountId, b => b.Id, (x, b) => new { x.d, x.CustomerNumber, b.Last4 })
            .OrderBy(x => x.d.Id).ToListAsync(cancellationToken))
        .Select(x => new AutomaticDebitRow(x.d.Id, x.CustomerNumber, $"••••{x.Last4}", x.d.CreatedAt)).ToList();

    public async Task<Outcome<AutomaticDebit>> EnrolAsync(PortalUser me, string customerNumber, long bankAccountId, bool acceptsAgreement, string ipAddress, CancellationToken cancellationToken)
    {
        if (Payers.Refuse(me) is { } refused)
        {
            return refused;
        }
        var account = await db.Accounts.AsNoTracking().SingleOrDefaultAsync(a => a.CustomerNumber == customerNumber.Trim()
            && db.EnterpriseAccounts.Any(l => l.EnterpriseId == me.EnterpriseId && l.AccountId == a.Id), cancellationToken);
        if (account is null)
        {
            return UserError.NotFound("account.not-found", customerNumber);
        }
        var bank = await db.BankAccounts.AsNoTracking().SingleOrDefaultAsync(b => b.Id == bankAccountId && b.EnterpriseId == me.EnterpriseId && b.RemovedAt == null, cancellationToken);
        if (bank is null)
        {
            return UserError.Validation("payments.bank-account-not-found");
        }
        if (bank.Currency != account.Currency)
        {
            return UserError.Validation("payments.currency-mismatch", bank.Masked, account.CurrencyCode);
        }
        if (!await db.Charges.AnyAsync(c => c.AccountId == account.Id && c.Category == ChargeCategory.Lease, cancellationToken))
        {
            return UserError.Validation("payments.automatic-lease-only", account.CustomerNumber);
        }
        if (await db.AutomaticDebits.AnyAsync(d => d.AccountId == account.Id && d.CancelledAt == null, cancellationToken))
        {
            return UserError.Conflict("payments.automatic-already", account.CustomerNumber);
        }
        if (!acceptsAgreement)
        {
            return UserError.Validation("payments.automatic-agreement-required");
        }
        var now = clock.UtcNow;
        var biller = await db.BillerSettings.AsNoTracking().SingleAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var authorization = DebitAgreements.Accepted(bank, DebitScope.LeaseInvoicesOnDueDate, AgreementText(bank, account, biller, me, now), me, now, ipAddress);
        db.DebitAuthorizations.Add(authorization);
        await db.SaveChangesAsync(cancellationToken);
        var enrolment = new AutomaticDebit
        {
            EnterpriseId = me.EnterpriseId,
            AccountId = account.Id,
            BankAccountId = bank.Id,
            AuthorizationId = authorization.Id,
            CreatedByUserId = me.Id,
            CreatedAt = now,
        };
        db.AutomaticDebits.Add(enrolment);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return enrolment;
    }

    public static string AgreementText(BankAccount bank, CustomerAccount account, BillerSettings biller, PortalUser me, DateTimeOffset now) =>
        DebitAgreements.Text(bank, account.LegalName, biller, me.FullName, now, me.Language, leaseCustomerNumber: account.CustomerNumber);

    public async Task<Outcome<AutomaticDebit>> CancelAsync(PortalUser me, long enrolmentId, CancellationToken cancellationToken)
    {
        if (Payers.Refuse(me) is { } refused)
        {
            return refused;
        }
        var enrolment = await db.AutomaticDebits.SingleOrDefaultAsync(d => d.Id == enrolmentId && d.EnterpriseId == me.EnterpriseId && d.CancelledAt == null, cancellationToken);
        if (enrolment is null)
        {
            return UserError.NotFound("payments.automatic-not-found");
        }
        var now = clock.UtcNow;
        var authorization = await db.DebitAuthorizations.SingleAsync(a => a.Id == enrolment.AuthorizationId, cancellationToken);
        (enrolment.CancelledAt, enrolment.CancelledByUserId) = (now, me.Id);
        (authorization.CancelledAt, authorization.CancelledByUserId) = (authorization.CancelledAt ?? now, authorization.CancelledByUserId ?? me.Id);
        await db.SaveChangesAsync(cancellationToken);
        return enrolment;
    }

    /// <summary>
    /// Submits a debit for each unpaid lease invoice of the enrolled accounts whose debit day has come (its
    /// due date, or 10 days after issue if that is later). The key is the invoice, so a later run never
    /// debits it again, even after a return: a returned automatic debit goes to staff, not back to the bank.
    /// </summary>
    public async Task<int> SubmitDueAsync(CancellationToken cancellationToken)
    {
        var today = clock.Today;
        var enrolments = await db.AutomaticDebits.AsNoTracking().Where(d => d.CancelledAt == null)
            .Join(db.DebitAuthorizations.Where(a => a.CancelledAt == null), d => d.AuthorizationId, a => a.Id, (d, a) => d)
            .ToListAsync(cancellationToken);
        var submitted = 0;
        foreach (var enrolment in enrolments)
        {
            var account = await db.Accounts.AsNoTracking().SingleAsync(a => a.Id == enrolment.AccountId, cancellationToken);
            var open = (await Receivables.ForAccountAsync(db, account.Id, account.Currency, today, cancellationToken)).OpenInvoices
                .Where(o => o.Balance.Cents > 0).Select(o => o.InvoiceId).ToList();
            var due = (await db.Invoices.AsNoTracking()
                    .Where(i => open.Contains(i.Id)
                        && i.Lines.Any(l => l.Category == ChargeCategory.Lease)
                        && i.Lines.All(l => l.Category == ChargeCategory.Lease || l.Category == ChargeCategory.PaperFee))
                    .Select(i => new { i.Id, i.IssueDate, i.DueDate })
                    .ToListAsync(cancellationToken))
                .Where(i => DebitDay(i.IssueDate, i.DueDate) <= today)
                .OrderBy(i => i.Id)
                .ToList();
            var keys = due.Select(i => $"lease-{i.Id}").ToList();
            var already = (await db.Payments.Where(p => p.EnterpriseId == enrolment.EnterpriseId && keys.Contains(p.IdempotencyKey))
                .Select(p => p.IdempotencyKey).ToListAsync(cancellationToken)).ToHashSet();
            due.RemoveAll(i => already.Contains($"lease-{i.Id}"));
            if (due.Count == 0)
            {
                continue;
            }
            var payer = await db.Users.AsNoTracking().SingleAsync(u => u.Id == enrolment.CreatedByUserId, cancellationToken);
            foreach (var invoice in due)
            {
                var paid = await payments.SubmitAsync(payer, new PaymentRequest(account.CustomerNumber, [Invoice.FormatNumber(invoice.Id)], null,
                    enrolment.BankAccountId, false, $"lease-{invoice.Id}", "automatic", enrolment.AuthorizationId, DebitOrigin.LeaseSchedule), cancellationToken);
                if (paid.Succeeded)
                {
                    submitted++;
                }
                else
                {
                    // Staff must hear of it: the customer counts on this debit being made.
                    LogNotSubmitted(Invoice.FormatNumber(invoice.Id), account.CustomerNumber, paid.Error!.Code);
                }
            }
        }
        return submitted;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Automatic debit of lease invoice {Invoice} (account {CustomerNumber}) not submitted: {Reason}")]
    private partial void LogNotSubmitted(string invoice, string customerNumber, string reason);

    public static DateOnly DebitDay(DateOnly issued, DateOnly due) =>
        due > issued.AddDays(NoticeDays) ? due : issued.AddDays(NoticeDays);
}
