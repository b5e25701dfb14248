using System.Linq.Expressions;
using Facturo.Accounts;
using Facturo.Billing;
using Facturo.Portal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Facturo.Payments;

/// <summary>
/// A business's bank account for debits. The account number is stored encrypted (ASP.NET Core Data
/// Protection) and shown only as its last four digits; institution, transit and routing are not secret.
/// </summary>
public sealed class BankAccount
{
    public long Id { get; set; }
    public long EnterpriseId { get; set; }
    public BankCountry Country { get; set; }
    public required string HolderName { get; set; }
    /// <summary>Canada: institution (3) + transit (5). United States: the ABA routing number (9).</summary>
    public required string Routing { get; set; }
    public required string ProtectedAccountNumber { get; set; }
    public required string Last4 { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public long CreatedByUserId { get; set; }
    public DateTimeOffset? RemovedAt { get; set; }

    public string Masked => $"••••{Last4}";
    public Currency Currency => Country == BankCountry.CA ? Currency.Cad : Currency.Usd;
}

public enum AuthorizationKind { BusinessPad, AchCorporate }

/// <summary>What an agreement allows: debits a person submits in the portal, or every lease invoice of one customer account on its due date.</summary>
public enum DebitScope { PortalPayments, LeaseInvoicesOnDueDate }

/// <summary>The PAD agreement (Canada) or ACH authorization (US) a person accepted before the first debit from an account.</summary>
public sealed class DebitAuthorization
{
    public long Id { get; set; }
    public long BankAccountId { get; set; }
    public AuthorizationKind Kind { get; set; }
    public DebitScope Scope { get; set; }
    public required string TextVersion { get; set; }
    public Language Language { get; set; }
    /// <summary>The whole text as the person read it, so it can be shown again word for word.</summary>
    public required string Text { get; set; }
    public DateTimeOffset AcceptedAt { get; set; }
    public long AcceptedByUserId { get; set; }
    public required string AcceptedByName { get; set; }
    public required string IpAddress { get; set; }
    public DateTimeOffset? CancelledAt { get; set; }
    public long? CancelledByUserId { get; set; }
}

/// <summary>
/// A customer account's lease invoices debited automatically on their due date, from one bank account,
/// under its own agreement; cancelling the enrolment cancels that agreement.
/// </summary>
public sealed class AutomaticDebit
{
    public long Id { get; set; }
    public long EnterpriseId { get; set; }
    public long AccountId { get; set; }
    public long BankAccountId { get; set; }
    public long AuthorizationId { get; set; }
    public long CreatedByUserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? CancelledAt { get; set; }
    public long? CancelledByUserId { get; set; }
}

public enum PaymentStatus { Submitted, SentToBank, Settled, Returned }

public sealed class Payment
{
    public long Id { get; set; }
    public long EnterpriseId { get; set; }
    public long AccountId { get; set; }
    public long BankAccountId { get; set; }
    public long AuthorizationId { get; set; }
    public long AmountCents { get; set; }
    public string CurrencyCode { get; set; } = "CAD";
    public PaymentStatus Status { get; set; }
    /// <summary>Chosen by the form (or an API client) before the first try: the same key never debits twice.</summary>
    public required string IdempotencyKey { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
    public long SubmittedByUserId { get; set; }
    /// <summary>
    /// The bank file that carried this debit. Not a foreign key: its check cost one trigger call per payment of a batch
    /// (0.35 s for 100,000); the batch is inserted in the same transaction and a trigger refuses to delete any batch.
    /// </summary>
    public long? DebitBatchId { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public DateTimeOffset? SettledAt { get; set; }
    public DateTimeOffset? ReturnedAt { get; set; }
    public string? ReturnCode { get; set; }
    public List<PaymentAllocation> Allocations { get; set; } = [];

    public string Reference => PaymentReference.Format(Id);

    /// <summary>Not settled (submitted, sent or returned before settling): the payments <c>ix_payments_unsettled</c> holds, so a query that says so reads that index.</summary>
    public static readonly Expression<Func<Payment, bool>> Unsettled = p => p.SettledAt == null;

    /// <summary>The allocations as the ledger rules take them (a method, so EF Core does not map it).</summary>
    public IReadOnlyList<InvoiceShare> Shares()
    {
        var currency = Currency.Parse(CurrencyCode);
        return Allocations.Select(a => new InvoiceShare(a.InvoiceId, new Money(a.AmountCents, currency))).ToList();
    }
}

public sealed class PaymentAllocation
{
    public long PaymentId { get; set; }
    public long InvoiceId { get; set; }
    public long AmountCents { get; set; }
}

internal sealed class BankAccountConfiguration : IEntityTypeConfiguration<BankAccount>
{
    public void Configure(EntityTypeBuilder<BankAccount> account)
    {
        account.Property(a => a.Country).HasConversion<string>().HasMaxLength(2);
        account.Property(a => a.HolderName).HasMaxLength(100);
        account.Property(a => a.Routing).HasMaxLength(9);
        account.Property(a => a.ProtectedAccountNumber).HasMaxLength(1000);
        account.Property(a => a.Last4).HasMaxLength(4);
        account.HasIndex(a => a.EnterpriseId);
        account.HasOne<Enterprise>().WithMany().HasForeignKey(a => a.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DebitAuthorizationConfiguration : IEntityTypeConfiguration<DebitAuthorization>
{
    public void Configure(EntityTypeBuilder<DebitAuthorization> authorization)
    {
        authorization.Property(a => a.Kind).HasConversion<string>().HasMaxLength(16);
        authorization.Property(a => a.Scope).HasConversion<string>().HasMaxLength(24);
        authorization.Property(a => a.TextVersion).HasMaxLength(16);
        authorization.Property(a => a.Language).HasConversion<string>().HasMaxLength(2);
        authorization.Property(a => a.AcceptedByName).HasMaxLength(200);
        authorization.Property(a => a.IpAddress).HasMaxLength(64);
        authorization.HasIndex(a => a.BankAccountId);
        authorization.HasOne<BankAccount>().WithMany().HasForeignKey(a => a.BankAccountId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AutomaticDebitConfiguration : IEntityTypeConfiguration<AutomaticDebit>
{
    public void Configure(EntityTypeBuilder<AutomaticDebit> debit)
    {
        debit.HasIndex(d => d.AccountId);
        debit.HasOne<Enterprise>().WithMany().HasForeignKey(d => d.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
        debit.HasOne<CustomerAccount>().WithMany().HasForeignKey(d => d.AccountId).OnDelete(DeleteBehavior.Restrict);
        debit.HasOne<BankAccount>().WithMany().HasForeignKey(d => d.BankAccountId).OnDelete(DeleteBehavior.Restrict);
        debit.HasOne<DebitAuthorization>().WithMany().HasForeignKey(d => d.AuthorizationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> payment)
    {
        payment.Property(p => p.Status).HasConversion<string>().HasMaxLength(12);
        payment.Property(p => p.CurrencyCode).HasMaxLength(3).IsFixedLength();
        payment.Property(p => p.IdempotencyKey).HasMaxLength(64);
        payment.Property(p => p.ReturnCode).HasMaxLength(8);
        payment.HasIndex(p => new { p.EnterpriseId, p.IdempotencyKey }).IsUnique();
        // The daily batch moves every submitted payment to "sent to bank" at once, a return file thousands to "returned".
        // Indexing none of the columns they change (status, debit_batch_id, sent_at, return_code, returned_at) and leaving
        // room on each page lets PostgreSQL rewrite those rows in place, with no new index entries: 100,000 payments took
        // 1.6 s, now about 0.2 s. Payments not yet settled are found by this index; returned ones stay in it, a few in a hundred.
        payment.HasIndex(p => p.Id).HasDatabaseName("ix_payments_unsettled").HasFilter("settled_at IS NULL");
        payment.HasStorageParameter("fillfactor", 45);
        payment.HasIndex(p => p.AccountId);
        payment.HasOne<Enterprise>().WithMany().HasForeignKey(p => p.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
        payment.HasOne<CustomerAccount>().WithMany().HasForeignKey(p => p.AccountId).OnDelete(DeleteBehavior.Restrict);
        payment.HasOne<BankAccount>().WithMany().HasForeignKey(p => p.BankAccountId).OnDelete(DeleteBehavior.Restrict);
        payment.HasOne<DebitAuthorization>().WithMany().HasForeignKey(p => p.AuthorizationId).OnDelete(DeleteBehavior.Restrict);
        payment.HasMany(p => p.Allocations).WithOne().HasForeignKey(a => a.PaymentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PaymentAllocationConfiguration : IEntityTypeConfiguration<PaymentAllocation>
{
    public void Configure(EntityTypeBuilder<PaymentAllocation> allocation)
    {
        allocation.HasKey(a => new { a.PaymentId, a.InvoiceId });
        allocation.HasOne<Invoice>().WithMany().HasForeignKey(a => a.InvoiceId).OnDelete(DeleteBehavior.Restrict);
    }
}
