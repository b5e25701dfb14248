using Facturo.Accounts;
using Facturo.Data;
using Facturo.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Facturo.Payments;

public enum ChangeNoticeStatus { Open, Closed }

/// <summary>
/// A bank's notification of change (NACHA COR, addenda 98): the bank asks that the account details used
/// for a payment be updated before the next debit. Recorded for staff, never applied by itself and never
/// emailed: staff check with the customer, who changes the bank account in the portal.
/// </summary>
public sealed class BankChangeNotice
{
    public long Id { get; set; }
    public long PaymentId { get; set; }
    public long BankAccountId { get; set; }
    /// <summary>C01–C13: what to change (<see cref="ChangeCodes"/>).</summary>
    public required string ChangeCode { get; set; }
    /// <summary>The corrected data as the bank sent it, encrypted like every account number.</summary>
    public required string ProtectedCorrectedData { get; set; }
    /// <summary>The corrected data with any account number masked (<see cref="ChangeCodes.Shown"/>).</summary>
    public required string CorrectedDataShown { get; set; }
    public required string OriginalTraceNumber { get; set; }
    public required string FileName { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public ChangeNoticeStatus Status { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public string? Resolution { get; set; }
}

public sealed record ChangeNoticeRow(long Id, string Payment, string CustomerNumber, string LegalName, string BankAccount, string ChangeCode, string CorrectedData, DateTimeOffset ReceivedAt);

/// <summary>The open notifications of change, for the failed-payment page, and closing one with what staff decided.</summary>
public static class BankChangeNotices
{
    public static async Task<IReadOnlyList<ChangeNoticeRow>> OpenAsync(FacturoDbContext db, CancellationToken cancellationToken)
    {
        var rows = await db.BankChangeNotices.AsNoTracking().Where(n => n.Status == ChangeNoticeStatus.Open).OrderByDescending(n => n.Id).Take(200)
            .Join(db.Payments, n => n.PaymentId, p => p.Id, (n, p) => new { n, p.AccountId })
            .Join(db.Accounts, x => x.AccountId, a => a.Id, (x, a) => new { x.n, a.CustomerNumber, a.LegalName })
            .Join(db.BankAccounts, x => x.n.BankAccountId, b => b.Id, (x, b) => new { x.n, x.CustomerNumber, x.LegalName, b.HolderName, b.Routing, b.Last4 })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new ChangeNoticeRow(r.n.Id, PaymentReference.Format(r.n.PaymentId), r.CustomerNumber, r.LegalName, $"{r.HolderName}, {r.Routing} ••••{r.Last4}",
            r.n.ChangeCode, r.n.CorrectedDataShown, r.n.ReceivedAt)).ToList();
    }

    public static async Task<Outcome<BankChangeNotice>> CloseAsync(FacturoDbContext db, Staff.StaffAudit audit, BillerClock clock, long id, string resolution, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(resolution) || resolution.Trim().Length > 500)
        {
            return UserError.Validation("admin.resolution");
        }
        var notice = await db.BankChangeNotices.SingleOrDefaultAsync(n => n.Id == id && n.Status == ChangeNoticeStatus.Open, cancellationToken);
        if (notice is null)
        {
            return UserError.NotFound("admin.change-notice-not-found");
        }
        return await db.InTransactionAsync<BankChangeNotice>(async () =>
        {
            (notice.Status, notice.ClosedAt, notice.Resolution) = (ChangeNoticeStatus.Closed, clock.UtcNow, resolution.Trim());
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync("change-notice.close", $"payment {PaymentReference.Format(notice.PaymentId)}", new { Status = "Open", notice.ChangeCode }, new { Status = "Closed", notice.Resolution }, cancellationToken);
            return notice;
        }, cancellationToken);
    }
}

internal sealed class BankChangeNoticeConfiguration : IEntityTypeConfiguration<BankChangeNotice>
{
    public void Configure(EntityTypeBuilder<BankChangeNotice> notice)
    {
        notice.Property(n => n.ChangeCode).HasMaxLength(3);
        notice.Property(n => n.ProtectedCorrectedData).HasMaxLength(1000);
        notice.Property(n => n.CorrectedDataShown).HasMaxLength(60);
        notice.Property(n => n.OriginalTraceNumber).HasMaxLength(15);
        notice.Property(n => n.FileName).HasMaxLength(200);
        notice.Property(n => n.Status).HasConversion<string>().HasMaxLength(8);
        notice.Property(n => n.Resolution).HasMaxLength(500);
        notice.HasIndex(n => new { n.Status, n.Id });
        notice.HasOne<Payment>().WithMany().HasForeignKey(n => n.PaymentId).OnDelete(DeleteBehavior.Restrict);
        notice.HasOne<BankAccount>().WithMany().HasForeignKey(n => n.BankAccountId).OnDelete(DeleteBehavior.Restrict);
    }
}
