using System.Text;
using Facturo.Accounts;
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
    /// <summary>The file, encrypted (<see cref="BankFileContents"/>); batches from before that hold it plain until the next send protects them.</summary>
    public required string Content { get; set; }
    /// <summary>When the file was last written to the outbox; null means the bank has not been given it yet.</summary>
    public DateTimeOffset? ExportedAt { get; set; }

    public int FileCreationNumber => Cpa005Identity.FileCreationNumberOf(Sequence);
}

/// <summary>
/// How the daily debit batch runs. The biller's identity at its banks (originator ID, return account, ODFI…) is not
/// here: it is part of the biller's settings (/admin/settings), so a file is never written with anyone else's.
/// </summary>
public sealed class BankFileOptions
{
    public const string Section = "BankFiles";

    /// <summary>718: commercial pre-authorized debit, bill payment (Standard 007).</summary>
    public int TransactionCode { get; set; } = 718;
    public NachaSettings Nacha { get; set; } = new();

    /// <summary>Days after sending that a debit not returned counts as settled.</summary>
    public int ReturnWindowDays { get; set; } = 10;

    /// <summary>Quartz cron for the daily batch (Toronto time); empty turns the schedule off.</summary>
    public string Schedule { get; set; } = "0 0 15 * * ?";
    /// <summary>Where the scheduled job and `facturo debit-batch` write the files for the bank; a relative path is in the data directory.</summary>
    public string OutboxDirectory { get; set; } = "bank-files";
}

public sealed class NachaSettings
{
    /// <summary>What the receiver's statement shows beside the debit (10 characters).</summary>
    public string EntryDescription { get; set; } = "INVOICES";
}

/// <summary>
/// Gathers submitted debits into a bank file. The file, the batch row and every payment's move to "sent
/// to bank" commit together or not at all, and a payment moves only if it is still "submitted": a crash
/// or a second runner can never put one payment in two files.
/// </summary>
public sealed class DebitBatches(FacturoDbContext db, BankAccountNumbers numbers, BankFileContents contents, LeaseDebits leaseDebits, IOptions<BankFileOptions> options, IOptions<BankSftpOptions> sftp, BillerClock clock, Events.EventLog events)
{
    /// <summary>
    /// Submits the automatic debits of lease invoices due today, batches every submitted debit, then writes to the outbox every file not yet there, including one
    /// whose run stopped between committing the batch and writing the file.
    /// </summary>
    public async Task<Outcome<IReadOnlyList<(DebitBatch Batch, string Path)>>> SendAsync(string outbox, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        // The daily job and the back office's button must not write the same file twice around the bank's pick-up.
        await OneSenderAtATime.WaitAsync(cancellationToken);
        try
        {
            var setUp = await db.SetUpBillerAsync(cancellationToken);
            if (!setUp.Succeeded)
            {
                return setUp.Error!;
            }
            var biller = setUp.Value!;
            clock.UseZone(biller.TimeZone);
            return await SendOnceAsync(outbox, progress, cancellationToken);
        }
        finally
        {
            OneSenderAtATime.Release();
        }
    }

    private static readonly SemaphoreSlim OneSenderAtATime = new(1, 1);

    /// <summary>The files this run wrote, as the bank gets them: exported from here rather than decrypted back.</summary>
    private readonly Dictionary<long, byte[]> _written = [];

    private async Task<Outcome<IReadOnlyList<(DebitBatch Batch, string Path)>>> SendOnceAsync(string outbox, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        await ProtectPlainFilesAsync(cancellationToken);
        var automatic = await leaseDebits.SubmitDueAsync(cancellationToken);
        progress?.Report($"{automatic} automatic debits of lease invoices submitted");
        if ((await RunAsync(progress, cancellationToken)).Error is { } refused)
        {
            return refused;
        }
        var unexported = await db.DebitBatches.Where(b => b.ExportedAt == null).OrderBy(b => b.Id).Select(b => b.Id).ToListAsync(cancellationToken);
        var sent = new List<(DebitBatch, string)>();
        foreach (var id in unexported)
        {
            // Found among those this run just wrote without reading their file back from the database (23 MB for 100,000 debits).
            var batch = await db.DebitBatches.FindAsync([id], cancellationToken) ?? throw new InvalidOperationException($"Debit batch {id} disappeared.");
            var file = _written.TryGetValue(id, out var written) ? written : await contents.RevealAsync(batch, cancellationToken);
            sent.Add((batch, await BankFileContents.ExportAsync(batch.FileName, file, outbox, cancellationToken)));
            batch.ExportedAt = clock.UtcNow;
            if (sftp.Value.IsConfigured)
            {
                // Queued with the export: a file in the outbox is either the bank's already or waiting for the exchange, never forgotten.
                db.BankUploads.Add(new BankUpload { DebitBatchId = batch.Id, RemoteName = batch.FileName, QueuedAt = clock.UtcNow });
            }
            await db.SaveChangesAsync(cancellationToken);
        }
        return sent;
    }

    /// <summary>Files batched before bank files were encrypted at rest are encrypted by the first send after the upgrade.</summary>
    private async Task ProtectPlainFilesAsync(CancellationToken cancellationToken)
    {
        // The first character tells a plain file ('A' CPA-005, '1' NACHA); reading only it keeps this cheap on large files.
        var plainIds = await db.DebitBatches.Where(b => b.Content.Substring(0, 1) == "A" || b.Content.Substring(0, 1) == "1").Select(b => b.Id).ToListAsync(cancellationToken);
        foreach (var id in plainIds)
        {
            var batch = await db.DebitBatches.SingleAsync(b => b.Id == id, cancellationToken);
            batch.Content = await contents.ProtectAsync(Encoding.ASCII.GetBytes(batch.Content), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            db.Entry(batch).State = EntityState.Detached;
        }
    }

    /// <summary>
    /// Writes a file per format that has submitted debits. Refused as a whole, before any file, when the biller is not set
    /// up or has no identity at the bank a waiting debit goes to: a file must never go out under someone else's name.
    /// </summary>
    public async Task<Outcome<IReadOnlyList<DebitBatch>>> RunAsync(IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var setUp = await db.SetUpBillerAsync(cancellationToken);
        if (!setUp.Succeeded)
        {
            return setUp.Error!;
        }
        var biller = setUp.Value!;
        foreach (var format in Enum.GetValues<BankFileFormat>())
        {
            var country = CountryOf(format);
            var identified = format == BankFileFormat.Cpa005 ? biller.Cpa005Identity is not null : biller.NachaIdentity is not null;
            if (!identified && await db.Payments.AnyAsync(p => p.Status == PaymentStatus.Submitted && db.BankAccounts.Any(b => b.Id == p.BankAccountId && b.Country == country), cancellationToken))
            {
                return UserError.Conflict(format == BankFileFormat.Cpa005 ? "bankfiles.cpa005-identity-missing" : "bankfiles.nacha-identity-missing");
            }
        }
        var written = new List<DebitBatch>();
        foreach (var format in Enum.GetValues<BankFileFormat>())
        {
            if (await WriteAsync(format, progress, cancellationToken) is { } batch)
            {
                written.Add(batch);
            }
        }
        return written;
    }

    private static BankCountry CountryOf(BankFileFormat format) => format == BankFileFormat.Cpa005 ? BankCountry.CA : BankCountry.US;

    /// <summary>What a file needs of a submitted debit, and no more: the whole rows of 100,000 debits would only be read to be dropped.</summary>
    private sealed record Due(long PaymentId, long AmountCents, string Routing, string HolderName, string ProtectedAccountNumber, string CustomerNumber)
    {
        /// <summary>The payment's reference (P000000045), which fits NACHA's 15 characters and CPA-005's 19 whatever the payment number.</summary>
        public string Identification => PaymentReference.Format(PaymentId);
    }

    /// <summary>CPA-005 for Canadian bank accounts, NACHA for US ones.</summary>
    private async Task<DebitBatch?> WriteAsync(BankFileFormat format, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var country = CountryOf(format);
        var due = await db.Payments.AsNoTracking()
            .Where(Payment.Unsettled).Where(p => p.Status == PaymentStatus.Submitted)
            .Join(db.BankAccounts.Where(b => b.Country == country), p => p.BankAccountId, b => b.Id, (p, b) => new { Payment = p, Bank = b })
            .Join(db.Accounts, x => x.Payment.AccountId, a => a.Id, (x, a) => new { x.Payment, x.Bank, a.CustomerNumber })
            .Select(x => new Due(x.Payment.Id, x.Payment.AmountCents, x.Bank.Routing, x.Bank.HolderName, x.Bank.ProtectedAccountNumber, x.CustomerNumber))
            .ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return null;
        }
        // In payment order, sorted here: PostgreSQL sorted 100,000 rows on disk (beyond its work_mem).
        due.Sort((a, b) => a.PaymentId.CompareTo(b.PaymentId));
        progress?.Report($"writing a {format} file of {due.Count} debits");
        var accountNumbers = await numbers.RevealAllAsync(due.Select(x => x.ProtectedAccountNumber).ToList(), cancellationToken);
        progress?.Report("account numbers decrypted");
        var now = clock.UtcNow;
        var today = clock.Today;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Read in the file's transaction, with the last sequence: a second runner computes the same sequence and meets the unique index.
        var biller = await db.BillerSettings.SingleAsync(cancellationToken);
        var last = await db.DebitBatches.Where(b => b.Format == format).MaxAsync(b => (long?)b.Sequence, cancellationToken) ?? 0;
        var sequence = format == BankFileFormat.Cpa005 ? Cpa005Identity.SequenceFor(biller.Cpa005NextFileCreationNumber, last) : last + 1;
        var batch = new DebitBatch
        {
            Format = format,
            Sequence = sequence,
            CreatedAt = now,
            DebitCount = due.Count,
            TotalCents = due.Sum(x => x.AmountCents),
            CurrencyCode = country == BankCountry.CA ? "CAD" : "USD",
            FileName = "",
            Content = "",
        };
        var file = Encoding.ASCII.GetBytes(format == BankFileFormat.Cpa005 ? WriteCpa005(biller.Cpa005Identity!, batch, due, accountNumbers, today) : WriteNacha(biller.NachaIdentity!, batch, due, accountNumbers, now, today));
        batch.Content = await contents.ProtectAsync(file, cancellationToken);
        if (format == BankFileFormat.Cpa005)
        {
            biller.Cpa005NextFileCreationNumber = Cpa005Identity.NextFileCreationNumber(batch.FileCreationNumber);
        }
        batch.FileName = format == BankFileFormat.Cpa005
            ? $"cpa005-{today:yyyyMMdd}-{batch.FileCreationNumber:D4}.txt"
            : $"nacha-{today:yyyyMMdd}-{sequence:D6}.ach";
        progress?.Report($"{format} file written and encrypted");
        db.DebitBatches.Add(batch);
        await db.SaveChangesAsync(cancellationToken);
        progress?.Report("batch saved");
        var ids = due.Select(x => x.PaymentId).ToList();
        var moved = await db.Payments.Where(p => ids.Contains(p.Id) && p.Status == PaymentStatus.Submitted)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, PaymentStatus.SentToBank).SetProperty(p => p.DebitBatchId, batch.Id).SetProperty(p => p.SentAt, now), cancellationToken);
        if (moved != ids.Count)
        {
            // Another runner took some of these payments first: this file must not exist.
            await transaction.RollbackAsync(cancellationToken);
            throw new DbUpdateConcurrencyException($"{ids.Count - moved} of {ids.Count} payments were batched by another run; run again.");
        }
        // Set-based like the payments' update: a file holds up to 100,000 debits.
        await events.RecordAllAsync(due.Select(x => events.Compose(Events.EventTypes.PaymentSent, x.CustomerNumber, x.Identification,
            new Events.PaymentMovedData(x.Identification, x.CustomerNumber, batch.CurrencyCode, new Api.ApiAmount(x.AmountCents), nameof(PaymentStatus.SentToBank), now))).ToList(), cancellationToken);
        progress?.Report("events written");
        await transaction.CommitAsync(cancellationToken);
        _written[batch.Id] = file;
        progress?.Report($"{moved} payments sent to bank");
        return batch;
    }

    private string WriteCpa005(Cpa005Identity identity, DebitBatch batch, IReadOnlyList<Due> due, string[] accountNumbers, DateOnly today)
    {
        var settings = options.Value;
        var originator = identity.Originator("CAD");
        // A due date on a weekend or holiday is refused or delayed by the bank: debit on the next day the clearing system runs.
        var dueDate = BankBusinessDays.Canada.OnOrAfter(today);
        var debits = due.Select((x, i) => new Cpa005Debit(settings.TransactionCode, x.AmountCents, dueDate, x.Routing[..3], x.Routing[3..],
            accountNumbers[i], x.HolderName, x.Identification)).ToList();
        return Cpa005.Write(originator, batch.FileCreationNumber, today, debits);
    }

    private string WriteNacha(NachaIdentity identity, DebitBatch batch, IReadOnlyList<Due> due, string[] accountNumbers, DateTimeOffset now, DateOnly today)
    {
        var originator = identity.Originator(options.Value.Nacha.EntryDescription);
        var debits = due.Select((x, i) => new NachaDebit(x.Routing, accountNumbers[i], x.AmountCents, x.Identification, x.HolderName)).ToList();
        // File ID modifier A–Z then 0–9 tells apart the files sent to one bank the same day.
        const string Modifiers = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        var modifier = Modifiers[(int)((batch.Sequence - 1) % Modifiers.Length)];
        // The header's creation time is read by people at the bank: the biller's local time, not UTC.
        return Nacha.Write(originator, clock.Local(now), modifier, $"B{batch.Sequence % 10_000_000:D7}", BankBusinessDays.UnitedStates.After(today), 1, debits);
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
