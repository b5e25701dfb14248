using Facturo.Accounts;
using Facturo.Billing;
using Facturo.Data;
using Facturo.Payments;
using Facturo.Platform;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Staff;

public sealed record FailedPaymentRow(long Id, string Payment, string CustomerNumber, string LegalName, Money Amount, string ReasonCode, string Reason,
    string PayerName, string PayerEmail, string? BillingPhoneOrEmail, DateTimeOffset ReturnedAt, FailedPaymentStatus Status, string? Resolution);

/// <summary>
/// The billing operator's queues: returned debits to retry or close, and money received that is not
/// applied yet. Every action is audited.
/// </summary>
public sealed class Operations(FacturoDbContext db, SubmitPayment payments, Receipts receipts, StaffAudit audit, BillerClock clock)
{
    public async Task<IReadOnlyList<FailedPaymentRow>> FailedPaymentsAsync(bool open, CancellationToken cancellationToken)
    {
        var status = open ? FailedPaymentStatus.Open : FailedPaymentStatus.Closed;
        var rows = await db.FailedPayments.AsNoTracking().Where(f => f.Status == status).OrderByDescending(f => f.Id).Take(200)
            .Join(db.Payments, f => f.PaymentId, p => p.Id, (f, p) => new { f, p })
            .Join(db.Accounts, x => x.p.AccountId, a => a.Id, (x, a) => new { x.f, x.p, a })
            .Join(db.Users, x => x.p.SubmittedByUserId, u => u.Id, (x, u) => new { x.f, x.p, x.a, u.FullName, u.Email })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new FailedPaymentRow(r.f.Id, r.p.Reference, r.a.CustomerNumber, r.a.LegalName, new Money(r.p.AmountCents, Currency.Parse(r.p.CurrencyCode)),
            r.f.ReasonCode, ReturnReasons.Describe(r.f.ReasonCode, french: false), r.FullName, r.Email!, r.a.BillingEmail, r.f.CreatedAt, r.f.Status, r.f.Resolution)).ToList();
    }

    public async Task<Outcome<FailedPayment>> CloseAsync(long failedId, string resolution, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(resolution) || resolution.Trim().Length > 500)
        {
            return UserError.Validation("admin.resolution");
        }
        var failed = await db.FailedPayments.SingleOrDefaultAsync(f => f.Id == failedId && f.Status == FailedPaymentStatus.Open, cancellationToken);
        if (failed is null)
        {
            return UserError.NotFound("admin.failed-payment-not-found");
        }
        return await db.InTransactionAsync<FailedPayment>(async () =>
        {
            (failed.Status, failed.ClosedAt, failed.Resolution) = (FailedPaymentStatus.Closed, clock.UtcNow, resolution.Trim());
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync("failed-payment.close", $"payment {PaymentReference.Format(failed.PaymentId)}", new { Status = "Open" }, new { Status = "Closed", failed.Resolution }, cancellationToken);
            return failed;
        }, cancellationToken);
    }

    /// <summary>
    /// Debits the returned payment's invoices again (those still unpaid), from the same bank account under
    /// the same agreement, as a new payment; the queue row closes with its reference. The customer should
    /// have been called first: a debit retried without a fix is returned again.
    /// </summary>
    public async Task<Outcome<Payment>> RetryAsync(long failedId, CancellationToken cancellationToken)
    {
        var failed = await db.FailedPayments.AsNoTracking().SingleOrDefaultAsync(f => f.Id == failedId && f.Status == FailedPaymentStatus.Open, cancellationToken);
        if (failed is null)
        {
            return UserError.NotFound("admin.failed-payment-not-found");
        }
        var original = await db.Payments.AsNoTracking().Include(p => p.Allocations).SingleAsync(p => p.Id == failed.PaymentId, cancellationToken);
        var account = await db.Accounts.AsNoTracking().SingleAsync(a => a.Id == original.AccountId, cancellationToken);
        var payer = await db.Users.AsNoTracking().SingleAsync(u => u.Id == original.SubmittedByUserId, cancellationToken);
        var retried = await payments.SubmitAsync(payer, new PaymentRequest(account.CustomerNumber, original.Allocations.Select(a => Invoice.FormatNumber(a.InvoiceId)).ToList(),
            null, original.BankAccountId, false, $"retry-{failed.Id}", "staff", original.AuthorizationId, DebitOrigin.StaffRetry), cancellationToken);
        if (!retried.Succeeded)
        {
            return retried.Error!;
        }
        var closed = await CloseAsync(failedId, $"Retried as {retried.Value!.Reference}", cancellationToken);
        return closed.Succeeded ? retried : closed.Error!;
    }

    public Task<IReadOnlyList<Receipt>> UnappliedAsync(CancellationToken cancellationToken) => receipts.UnappliedAsync(cancellationToken);

    /// <summary>A cheque at the counter or a wire the bank reported by phone, recorded by staff and applied like an imported one.</summary>
    public async Task<Outcome<Receipt>> RecordAsync(ReceiptEntry entry, CancellationToken cancellationToken)
    {
        return await db.InTransactionAsync(async () =>
        {
            var recorded = await receipts.RecordAsync(entry, $"staff {audit.CurrentStaffEmail}", cancellationToken);
            if (recorded.Succeeded)
            {
                await audit.RecordAsync("receipt.record", $"payment {recorded.Value!.Reference}", null,
                    new { Method = entry.Method.ToString(), entry.AmountCents, entry.CurrencyCode, entry.BankReference, entry.PayerReference, entry.CustomerNumber }, cancellationToken);
            }
            return recorded;
        }, cancellationToken);
    }

    public async Task<Outcome<Receipt>> ApplyAsync(long receiptId, string invoiceNumber, long amountCents, CancellationToken cancellationToken)
    {
        return await db.InTransactionAsync(async () =>
        {
            var applied = await receipts.ApplyAsync(receiptId, invoiceNumber.Trim().ToUpperInvariant(), amountCents, cancellationToken);
            if (applied.Succeeded)
            {
                await audit.RecordAsync("receipt.apply", $"payment {applied.Value!.Reference}", null, new { Invoice = invoiceNumber.Trim().ToUpperInvariant(), AmountCents = amountCents }, cancellationToken);
            }
            return applied;
        }, cancellationToken);
    }
}
