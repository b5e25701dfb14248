using Facturo.Accounts;
using Facturo.Billing;
using Facturo.Data;
using Facturo.Emails;
using Facturo.Ledger;
using Facturo.Platform;
using Facturo.Portal;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Payments;

/// <summary>Who asked for the debit: the person in the portal, the lease schedule, staff debiting a returned payment again, or an integration through the API under the person's agreement.</summary>
public enum DebitOrigin { Portal, LeaseSchedule, StaffRetry, Integration }

/// <summary>
/// A debit to submit: chosen invoices, or an amount applied to the oldest first. An automatic or staff debit
/// names the agreement it is made under instead of accepting one.
/// </summary>
public sealed record PaymentRequest(string CustomerNumber, IReadOnlyList<string> InvoiceNumbers, Money? Amount, long BankAccountId, bool AcceptsAgreement, string IdempotencyKey, string IpAddress,
    long? UnderAuthorizationId = null, DebitOrigin Origin = DebitOrigin.Portal);

/// <summary>
/// Submits a debit of invoices: checks who asks and from which bank account, takes the debit agreement the
/// first time, allocates, posts to the ledger and tells the payer — all in one transaction under the
/// account's lock, so two people paying the same invoice at once pay it once, and the same idempotency key
/// never debits twice.
/// </summary>
public sealed class SubmitPayment(FacturoDbContext db, EmailOutbox outbox, BillerClock clock, Events.EventLog events)
{
    public async Task<Outcome<Payment>> SubmitAsync(PortalUser me, PaymentRequest request, CancellationToken cancellationToken)
    {
        var outcome = await SubmitOnceAsync(me, request, cancellationToken);
        // A twin request with the same key may have committed while this one was checking (the invoice
        // is then no longer open): its payment is the answer, not an error.
        if (!outcome.Succeeded && Payers.Refuse(me) is null && !string.IsNullOrWhiteSpace(request.IdempotencyKey)
            && await FindByKeyAsync(me.EnterpriseId, request.IdempotencyKey, cancellationToken) is { } twin)
        {
            return twin;
        }
        return outcome;
    }

    private async Task<Outcome<Payment>> SubmitOnceAsync(PortalUser me, PaymentRequest request, CancellationToken cancellationToken)
    {
        if (Payers.Refuse(me) is { } refused)
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
        // Joins the API call's transaction, so its audit entry and stored answer commit with the payment; else its own.
        await using var owned = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        await AccountLocks.LockAsync(db, account.Id, cancellationToken);
        var allocation = await AllocateAsync(account, request, cancellationToken);
        if (!allocation.Succeeded)
        {
            return allocation.Error!;
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

        var shares = allocation.Value!;
        var total = Money.Sum(shares.Select(s => s.Amount), account.Currency);
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
            Allocations = shares.Select(s => new PaymentAllocation { InvoiceId = s.InvoiceId, AmountCents = s.Amount.Cents }).ToList(),
        };
        db.Payments.Add(payment);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (owned is not null)
        {
            // The same key won a moment ago (a double click, a retry): that payment is the answer, and nothing is debited twice.
            await owned.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return (await FindByKeyAsync(me.EnterpriseId, request.IdempotencyKey, cancellationToken))!;
        }
        db.LedgerPostings.Add(LedgerPosting.From(PaymentPostings.Submitted(payment.Reference, clock.Today, account.Id, shares), now));
        var invoices = string.Join(", ", shares.Select(s => Invoice.FormatNumber(s.InvoiceId)));
        var (subject, body) = PaymentEmails.Submitted(request.Origin, me, payment.Reference, total.Format(Cultures.For(me.Language)), account.CustomerNumber, invoices, bank.Masked);
        await outbox.QueueAsync("payment-submitted", me.Email!, me.Language, subject, body,
            cancellationToken, dedupKey: $"payment-submitted:{payment.Id}");
        await events.RecordAsync(Events.EventTypes.PaymentSubmitted, account.CustomerNumber, payment.Reference,
            new Events.PaymentData(payment.Reference, account.CustomerNumber, payment.CurrencyCode, new Api.ApiAmount(payment.AmountCents), payment.Status.ToString(),
                shares.Select(s => Invoice.FormatNumber(s.InvoiceId)).ToList()), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await events.RecordPaidInvoicesAsync(shares.Select(s => s.InvoiceId).ToList(), payment.Reference, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        if (owned is not null)
        {
            await owned.CommitAsync(cancellationToken);
        }
        return payment;
    }

    private async Task<Outcome<List<InvoiceShare>>> AllocateAsync(CustomerAccount account, PaymentRequest request, CancellationToken cancellationToken)
    {
        var open = (await Receivables.ForAccountAsync(db, account.Id, account.Currency, clock.Today, cancellationToken)).OpenInvoices;
        return Allocate(open, account.Currency, request.InvoiceNumbers, request.Amount);
    }

    /// <summary>
    /// The invoices chosen (by number), or the amount spread oldest due first, with the error a person reads when
    /// neither works: the one rule for the review page and for the submission.
    /// </summary>
    public static Outcome<List<InvoiceShare>> Allocate(IReadOnlyList<OpenInvoice> open, Currency currency, IReadOnlyList<string> invoiceNumbers, Money? amount)
    {
        if (invoiceNumbers.Count > 0)
        {
            var ids = new List<long>();
            foreach (var number in invoiceNumbers)
            {
                if (!PortalAccess.TryParseInvoiceNumber(number, out var id))
                {
                    return UserError.Validation("payments.invoice-not-open", number);
                }
                ids.Add(id);
            }
            var chosen = DebitAllocation.Chosen(open, ids);
            if (!chosen.Succeeded)
            {
                return UserError.Validation("payments.invoice-not-open", Invoice.FormatNumber(chosen.InvoiceAtFault!.Value));
            }
            return chosen.Shares.ToList();
        }
        if (amount is not { } typed)
        {
            return UserError.Validation("payments.nothing-chosen");
        }
        var allocation = typed.Currency == currency ? DebitAllocation.OldestFirst(open, typed) : null;
        if (allocation is not { Succeeded: true })
        {
            return UserError.Validation("payments.invalid-amount", DebitAllocation.Owing(open, currency).ToDecimal());
        }
        return allocation.Shares.ToList();
    }

    private Task<Payment?> FindByKeyAsync(long enterpriseId, string key, CancellationToken cancellationToken) =>
        db.Payments.AsNoTracking().Include(p => p.Allocations).SingleOrDefaultAsync(p => p.EnterpriseId == enterpriseId && p.IdempotencyKey == key, cancellationToken);
}
