using Facturo.Billing;
using Facturo.Data;
using Facturo.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Options;

namespace Facturo.Payments;

public enum BankFileFormat { Cpa005, Nacha }

/// <summary>One bank file of debits, kept whole: exporting it again gives the same bytes, never a second file for the same payments.</summary>
public sealed class DebitBatch
{
    public long Id { get; set; }
    public BankFileFormat Format { get; set; }
    /// <summary>Counts up forever per format; the file creation number (0001–9999) is derived from it.</summary>
    public long Sequence { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public int DebitCount { get; set; }
    public long TotalCents { get; set; }
    public string CurrencyCode { get; set; } = "CAD";
    public required string FileName { get; set; }
    public required string Content { get; set; }

    public int FileCreationNumber => (int)((Sequence - 1) % 9999) + 1;
}

/// <summary>The biller's identity at its bank, for the files it sends. Defaults are demo values; production sets its own.</summary>
public sealed class BankFileOptions
{
    public const string Section = "BankFiles";

    public string OriginatorId { get; set; } = "0123456789";
    public string ShortName { get; set; } = "FACTURO POST";
    public string LongName { get; set; } = "Postes Facturo / Facturo Post";
    public string DataCentre { get; set; } = "00310";
    public string ReturnInstitution { get; set; } = "815";
    public string ReturnTransit { get; set; } = "30800";
    public string ReturnAccount { get; set; } = "100200300";
    /// <summary>718: commercial pre-authorized debit, bill payment (Standard 007).</summary>
    public int TransactionCode { get; set; } = 718;
    /// <summary>Quartz cron for the daily batch (Toronto time); empty turns the schedule off.</summary>
    public string Schedule { get; set; } = "0 0 15 * * ?";
    /// <summary>Where the scheduled job and `facturo debit-batch` write the files for the bank.</summary>
    public string OutboxDirectory { get; set; } = "data/bank-files";
}

/// <summary>
/// Gathers submitted debits into a bank file. The file, the batch row and every payment's move to "sent
/// to bank" commit together or not at all, and a payment moves only if it is still "submitted": a crash
/// or a second runner can never put one payment in two files.
/// </summary>
public sealed class DebitBatches(FacturoDbContext db, PortalPayments payments, IOptions<BankFileOptions> options, BillerClock clock)
{
    public async Task<IReadOnlyList<DebitBatch>> RunAsync(CancellationToken cancellationToken)
    {
        var batch = await WriteCpa005Async(cancellationToken);
        return batch is null ? [] : [batch];
    }

    private async Task<DebitBatch?> WriteCpa005Async(CancellationToken cancellationToken)
    {
        var due = await db.Payments.AsNoTracking().Include(p => p.Allocations)
            .Where(p => p.Status == PaymentStatus.Submitted)
            .Join(db.BankAccounts.Where(b => b.Country == BankCountry.CA), p => p.BankAccountId, b => b.Id, (p, b) => new { Payment = p, Bank = b })
            .OrderBy(x => x.Payment.Id)
            .ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return null;
        }
        var settings = options.Value;
        var now = clock.UtcNow;
        var today = clock.Today;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var sequence = (await db.DebitBatches.Where(b => b.Format == BankFileFormat.Cpa005).MaxAsync(b => (long?)b.Sequence, cancellationToken) ?? 0) + 1;
        var batch = new DebitBatch
        {
            Format = BankFileFormat.Cpa005,
            Sequence = sequence,
            CreatedAt = now,
            DebitCount = due.Count,
            TotalCents = due.Sum(x => x.Payment.AmountCents),
            CurrencyCode = "CAD",
            FileName = "",
            Content = "",
        };
        var originator = new Cpa005Originator(settings.OriginatorId, settings.ShortName, settings.LongName, settings.DataCentre, "CAD",
            settings.ReturnInstitution, settings.ReturnTransit, settings.ReturnAccount);
        var debits = due.Select(x => new Cpa005Debit(settings.TransactionCode, x.Payment.AmountCents, today, x.Bank.Routing[..3], x.Bank.Routing[3..],
            payments.AccountNumberOf(x.Bank), x.Bank.HolderName, CrossReference(x.Payment))).ToList();
        batch.Content = Cpa005.Write(originator, batch.FileCreationNumber, today, debits);
        batch.FileName = $"cpa005-{today:yyyyMMdd}-{batch.FileCreationNumber:D4}.txt";
        db.DebitBatches.Add(batch);
        await db.SaveChangesAsync(cancellationToken);
        var ids = due.Select(x => x.Payment.Id).ToList();
        var moved = await db.Payments.Where(p => ids.Contains(p.Id) && p.Status == PaymentStatus.Submitted)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, PaymentStatus.SentToBank).SetProperty(p => p.DebitBatchId, batch.Id).SetProperty(p => p.SentAt, now), cancellationToken);
        if (moved != ids.Count)
        {
            // Another runner took some of these payments first: this file must not exist.
            await transaction.RollbackAsync(cancellationToken);
            throw new DbUpdateConcurrencyException($"{ids.Count - moved} of {ids.Count} payments were batched by another run; run again.");
        }
        await transaction.CommitAsync(cancellationToken);
        return batch;
    }

    /// <summary>The invoice the debit pays (the first, when it pays several) and the payment, in the 19 characters the format allows.</summary>
    public static string CrossReference(Payment payment) =>
        $"{Invoice.FormatNumber(payment.Allocations.Min(a => a.InvoiceId))}/{payment.Id}";

    /// <summary>Writes each batch's file into the outbox folder for the bank, unless it is already there.</summary>
    public async Task<IReadOnlyList<string>> ExportAsync(IEnumerable<DebitBatch> batches, string folder, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var written = new List<string>();
        foreach (var batch in batches)
        {
            var path = Path.Combine(folder, batch.FileName);
            var partial = path + ".partial";
            await File.WriteAllTextAsync(partial, batch.Content, System.Text.Encoding.ASCII, cancellationToken);
            File.Move(partial, path, overwrite: true);
            written.Add(path);
        }
        return written;
    }
}

internal sealed class DebitBatchConfiguration : IEntityTypeConfiguration<DebitBatch>
{
    public void Configure(EntityTypeBuilder<DebitBatch> batch)
    {
        batch.Property(b => b.Format).HasConversion<string>().HasMaxLength(8);
        batch.Property(b => b.CurrencyCode).HasMaxLength(3).IsFixedLength();
        batch.Property(b => b.FileName).HasMaxLength(100);
        batch.HasIndex(b => new { b.Format, b.Sequence }).IsUnique();
    }
}
