using System.Text.RegularExpressions;
using Facturo.Accounts;
using Facturo.Billing;
using Facturo.Data;
using Facturo.Ledger;
using Facturo.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Facturo.Payments;

public enum ReceiptMethod { Eft, Wire, Cheque, Cash }

/// <summary>
/// Money a customer sent by EFT, wire or cheque: recorded by staff or read from the bank's remittance
/// file, applied to the invoices its reference names. What could not be applied stays visible as
/// unapplied cash, on the customer's account when we know whose money it is.
/// </summary>
public sealed class Receipt
{
    public long Id { get; set; }
    public ReceiptMethod Method { get; set; }
    /// <summary>Null while nobody knows whose money it is.</summary>
    public long? AccountId { get; set; }
    public long AmountCents { get; set; }
    public string CurrencyCode { get; set; } = "CAD";
    public DateOnly ReceivedOn { get; set; }
    public string? PayerName { get; set; }
    /// <summary>What the payer wrote: invoice numbers, customer number, free text.</summary>
    public required string PayerReference { get; set; }
    /// <summary>The bank's own reference (or the cheque number): the same money is never recorded twice.</summary>
    public required string BankReference { get; set; }
    public required string RecordedBy { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public long? ImportId { get; set; }
    public List<ReceiptAllocation> Allocations { get; set; } = [];

    public long UnappliedCents => AmountCents - Allocations.Sum(a => a.AmountCents);
    public string Reference => FormatReference(Id);
    public static string FormatReference(long id) => $"E{id:D9}";
}

public sealed class ReceiptAllocation
{
    public long Id { get; set; }
    public long ReceiptId { get; set; }
    public long InvoiceId { get; set; }
    public long AmountCents { get; set; }
    public DateTimeOffset AppliedAt { get; set; }
}

public sealed record ReceiptEntry(ReceiptMethod Method, long AmountCents, string CurrencyCode, DateOnly ReceivedOn, string PayerReference, string BankReference,
    string? PayerName = null, string? CustomerNumber = null);

public sealed record RemittanceImport(BankFileImport Import, IReadOnlyList<Receipt> Receipts, int AlreadyRecorded);

/// <summary>
/// Records receipts and applies them: to the invoices named in the payer's reference (F000000123), up to
/// each invoice's open balance, in the order named; the rest is unapplied cash until staff apply it.
/// </summary>
public sealed partial class Receipts(FacturoDbContext db, BillerClock clock, Events.EventLog events)
{
    public async Task<Outcome<Receipt>> RecordAsync(ReceiptEntry entry, string recordedBy, CancellationToken cancellationToken)
    {
        if (Validate(entry) is { } invalid)
        {
            return invalid;
        }
        if (await db.Receipts.AnyAsync(r => r.BankReference == entry.BankReference.Trim(), cancellationToken))
        {
            return UserError.Conflict("receipts.already-recorded", entry.BankReference.Trim());
        }
        CustomerAccount? named = null;
        if (!string.IsNullOrWhiteSpace(entry.CustomerNumber))
        {
            named = await db.Accounts.AsNoTracking().SingleOrDefaultAsync(a => a.CustomerNumber == entry.CustomerNumber.Trim(), cancellationToken);
            if (named is null)
            {
                return UserError.NotFound("account.not-found", entry.CustomerNumber);
            }
            if (named.CurrencyCode != entry.CurrencyCode)
            {
                return UserError.Validation("receipts.currency-mismatch", named.CustomerNumber, named.CurrencyCode);
            }
        }
        return await db.InTransactionAsync<Receipt>(async () =>
        {
            var receipt = await RecordOneAsync(entry, named, recordedBy, null, cancellationToken);
            return receipt;
        }, cancellationToken);
    }

    /// <summary>
    /// Records money an integration reports for one account, applied as <see cref="ReceiptApplication"/> says: a named invoice
    /// that is not an open invoice of the account refuses the receipt, and nothing is written.
    /// </summary>
    public async Task<Outcome<Receipt>> RecordForAccountAsync(ReceiptEntry entry, CustomerAccount account, IReadOnlyList<long> invoiceIds, string recordedBy, CancellationToken cancellationToken)
    {
        if (Validate(entry) is { } invalid)
        {
            return invalid;
        }
        if (account.CurrencyCode != entry.CurrencyCode)
        {
            return UserError.Validation("receipts.currency-mismatch", account.CustomerNumber, account.CurrencyCode);
        }
        if (await db.Receipts.AnyAsync(r => r.BankReference == entry.BankReference.Trim(), cancellationToken))
        {
            return UserError.Conflict("receipts.already-recorded", entry.BankReference.Trim());
        }
        return await db.InTransactionAsync<Receipt>(async () =>
        {
            await AccountLocks.LockAsync(db, account.Id, cancellationToken);
            var open = (await Receivables.ForAccountAsync(db, account.Id, account.Currency, clock.Today, cancellationToken)).OpenInvoices;
            var allocation = ReceiptApplication.Apply(open, invoiceIds, new Money(entry.AmountCents, account.Currency));
            if (!allocation.Succeeded)
            {
                return UserError.Validation("payments.invoice-not-open", Invoice.FormatNumber(allocation.InvoiceAtFault!.Value));
            }
            return await SaveAsync(entry, account.Id, allocation.Shares, recordedBy, null, cancellationToken);
        }, cancellationToken);
    }

    /// <summary>
    /// Imports a camt.054 notification: every booked credit becomes a receipt, applied by its references.
    /// A malformed file imports nothing; credits already recorded (same bank reference) are skipped, so an
    /// overlapping statement adds only what is new.
    /// </summary>
    public async Task<Outcome<RemittanceImport>> ImportAsync(string fileName, string content, CancellationToken cancellationToken)
    {
        var sha = Secrets.Sha256Hex(content);
        if (await db.BankFileImports.AnyAsync(i => i.Sha256 == sha, cancellationToken))
        {
            return UserError.Conflict("returns.already-imported", fileName);
        }
        var read = Camt054Reader.Read(content);
        if (!read.Succeeded)
        {
            return UserError.Validation("bankfile.malformed", read.Error!.Line, read.Error.Field, read.Error.Problem);
        }
        var credits = read.Value!.Credits;
        foreach (var credit in credits)
        {
            if (credit.Currency is not ("CAD" or "USD"))
            {
                return UserError.Validation("bankfile.malformed", credit.Line, "Ccy", $"'{credit.Currency}' is not a currency this biller bills in (CAD, USD)");
            }
            if (credit.BankReference.Length > 64)
            {
                return UserError.Validation("bankfile.malformed", credit.Line, "AcctSvcrRef", "the bank reference is longer than 64 characters");
            }
        }
        var bankReferences = credits.Select(c => c.BankReference).ToList();
        var known = (await db.Receipts.Where(r => bankReferences.Contains(r.BankReference)).Select(r => r.BankReference).ToListAsync(cancellationToken)).ToHashSet();
        return await db.InTransactionAsync<RemittanceImport>(async () =>
        {
            var import = new BankFileImport { Kind = "remittance", FileName = fileName, Sha256 = sha, ImportedAt = clock.UtcNow, Items = credits.Count };
            db.BankFileImports.Add(import);
            await db.SaveChangesAsync(cancellationToken);
            var receipts = new List<Receipt>();
            foreach (var credit in credits.Where(c => known.Add(c.BankReference)))
            {
                var remittance = string.Join(" ", credit.References);
                var entry = new ReceiptEntry(Enum.Parse<ReceiptMethod>(credit.Method), credit.AmountCents, credit.Currency, credit.BookedOn,
                    remittance.Length > 500 ? remittance[..500] : remittance, credit.BankReference, credit.PayerName?.Length > 140 ? credit.PayerName[..140] : credit.PayerName);
                receipts.Add(await RecordOneAsync(entry, null, $"import {fileName}", import.Id, cancellationToken));
            }
            return new RemittanceImport(import, receipts, credits.Count - receipts.Count);
        }, cancellationToken);
    }

    /// <summary>Staff apply unapplied cash to an open invoice of the receipt's customer (or, for unidentified money, of the invoice's customer).</summary>
    public async Task<Outcome<Receipt>> ApplyAsync(long receiptId, string invoiceNumber, long amountCents, CancellationToken cancellationToken)
    {
        if (!DocumentNumbers.TryParse(invoiceNumber, "F", out var invoiceId)
            || await db.Invoices.AsNoTracking().SingleOrDefaultAsync(i => i.Id == invoiceId, cancellationToken) is not { } invoice)
        {
            return UserError.Validation("receipts.invoice-not-applicable", invoiceNumber, Receipt.FormatReference(receiptId));
        }
        return await db.InTransactionAsync<Receipt>(async () =>
        {
            // The invoice's account first (nothing else pays the invoice meanwhile), then the receipt (nobody else applies it).
            await AccountLocks.LockAsync(db, invoice.AccountId, cancellationToken);
            await LockReceiptAsync(receiptId, cancellationToken);
            var receipt = await db.Receipts.Include(r => r.Allocations).SingleOrDefaultAsync(r => r.Id == receiptId, cancellationToken);
            if (receipt is null)
            {
                return UserError.NotFound("receipts.not-found", Receipt.FormatReference(receiptId));
            }
            if ((receipt.AccountId is { } owner && owner != invoice.AccountId) || invoice.CurrencyCode != receipt.CurrencyCode)
            {
                return UserError.Validation("receipts.invoice-not-applicable", invoiceNumber, receipt.Reference);
            }
            var open = await OpenBalanceAsync(invoice.AccountId, invoice.Id, cancellationToken);
            if (open <= 0)
            {
                return UserError.Validation("receipts.invoice-paid", invoiceNumber);
            }
            if (amountCents <= 0 || amountCents > receipt.UnappliedCents || amountCents > open)
            {
                return UserError.Validation("receipts.amount-too-large", new Money(Math.Min(receipt.UnappliedCents, open), Currency.Parse(receipt.CurrencyCode)).ToDecimal());
            }
            var wasUnidentified = receipt.AccountId is null;
            var restCents = receipt.UnappliedCents - amountCents;
            receipt.AccountId = invoice.AccountId;
            var now = clock.UtcNow;
            receipt.Allocations.Add(new ReceiptAllocation { InvoiceId = invoice.Id, AmountCents = amountCents, AppliedAt = now });
            var currency = Currency.Parse(receipt.CurrencyCode);
            db.LedgerPostings.Add(LedgerPosting.From(PaymentPostings.Applied(receipt.Reference, clock.Today, invoice.AccountId,
                new InvoiceShare(invoice.Id, new Money(amountCents, currency)), wasUnidentified, new Money(restCents, currency)), now));
            await db.SaveChangesAsync(cancellationToken);
            await events.RecordPaidInvoicesAsync([invoice.Id], receipt.Reference, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return receipt;
        }, cancellationToken);
    }

    /// <summary>Receipts with money not applied yet, oldest first: the staff's worklist.</summary>
    public async Task<IReadOnlyList<Receipt>> UnappliedAsync(CancellationToken cancellationToken) =>
        await db.Receipts.AsNoTracking().Include(r => r.Allocations)
            .Where(r => r.AmountCents > r.Allocations.Sum(a => a.AmountCents)).OrderBy(r => r.Id).Take(500).ToListAsync(cancellationToken);

    /// <summary>A customer's money received but not applied to an invoice yet, in the account's currency.</summary>
    public static async Task<long> UnappliedCentsAsync(FacturoDbContext db, long accountId, Currency currency, CancellationToken cancellationToken) =>
        -await db.LedgerEntries.Where(e => e.Account == LedgerAccount.UnappliedCash && e.CustomerAccountId == accountId && e.CurrencyCode == currency.Code)
            .SumAsync(e => e.AmountCents, cancellationToken);

    private async Task LockReceiptAsync(long receiptId, CancellationToken cancellationToken)
    {
        if (db.Provider == DatabaseProvider.Postgres)
        {
            await db.Database.SqlQuery<long>($"SELECT id AS \"Value\" FROM receipts WHERE id = {receiptId} FOR UPDATE").ToListAsync(cancellationToken);
        }
    }

    private async Task<Receipt> RecordOneAsync(ReceiptEntry entry, CustomerAccount? named, string recordedBy, long? importId, CancellationToken cancellationToken)
    {
        var invoiceIds = InvoiceNumbers().Matches(entry.PayerReference).Select(m => DocumentNumbers.TryParse(m.Value, "F", out var id) ? id : 0)
            .Where(id => id > 0).Distinct().ToList();
        var invoices = (await db.Invoices.AsNoTracking().Where(i => invoiceIds.Contains(i.Id) && i.CurrencyCode == entry.CurrencyCode)
            .Select(i => new { i.Id, i.AccountId }).ToListAsync(cancellationToken)).ToDictionary(i => i.Id);
        var accountId = named?.Id ?? await AccountNamedInAsync(entry.PayerReference, entry.CurrencyCode, cancellationToken) ?? invoices.Values.Select(i => (long?)i.AccountId).FirstOrDefault();
        if (accountId is { } known)
        {
            await AccountLocks.LockAsync(db, known, cancellationToken);
        }
        var currency = Currency.Parse(entry.CurrencyCode);
        var shares = new List<InvoiceShare>();
        var left = entry.AmountCents;
        foreach (var invoiceId in invoiceIds.Where(id => invoices.TryGetValue(id, out var i) && i.AccountId == accountId))
        {
            var applied = Math.Min(left, await OpenBalanceAsync(accountId!.Value, invoiceId, cancellationToken));
            if (applied > 0)
            {
                shares.Add(new InvoiceShare(invoiceId, new Money(applied, currency)));
                left -= applied;
            }
        }
        return await SaveAsync(entry, accountId, shares, recordedBy, importId, cancellationToken);
    }

    /// <summary>The receipt, its allocations and its posting.</summary>
    private async Task<Receipt> SaveAsync(ReceiptEntry entry, long? accountId, IReadOnlyList<InvoiceShare> shares, string recordedBy, long? importId, CancellationToken cancellationToken)
    {
        var receipt = new Receipt
        {
            Method = entry.Method,
            AccountId = accountId,
            AmountCents = entry.AmountCents,
            CurrencyCode = entry.CurrencyCode,
            ReceivedOn = entry.ReceivedOn,
            PayerName = entry.PayerName?.Trim(),
            PayerReference = entry.PayerReference.Trim(),
            BankReference = entry.BankReference.Trim(),
            RecordedBy = recordedBy,
            RecordedAt = clock.UtcNow,
            ImportId = importId,
        };
        receipt.Allocations.AddRange(shares.Select(s => new ReceiptAllocation { InvoiceId = s.InvoiceId, AmountCents = s.Amount.Cents, AppliedAt = receipt.RecordedAt }));
        db.Receipts.Add(receipt);
        await db.SaveChangesAsync(cancellationToken);
        var currency = Currency.Parse(entry.CurrencyCode);
        // The bank reports (or the cheque is deposited as) money already in the account: cash, not in transit.
        db.LedgerPostings.Add(LedgerPosting.From(PaymentPostings.Received(receipt.Reference, entry.ReceivedOn, new Money(entry.AmountCents, currency), accountId,
            receipt.Allocations.Select(a => new InvoiceShare(a.InvoiceId, new Money(a.AmountCents, currency))).ToList()), receipt.RecordedAt));
        await db.SaveChangesAsync(cancellationToken);
        if (receipt.Allocations.Count > 0)
        {
            await events.RecordPaidInvoicesAsync(receipt.Allocations.Select(a => a.InvoiceId).ToList(), receipt.Reference, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
        return receipt;
    }

    private async Task<long> OpenBalanceAsync(long accountId, long invoiceId, CancellationToken cancellationToken)
    {
        var document = ReceivableDocument.Invoice(invoiceId);
        return await db.LedgerEntries.Where(e => e.Account == LedgerAccount.AccountsReceivable && e.CustomerAccountId == accountId
                && e.DocumentKind == document.Kind && e.DocumentId == document.Id)
            .SumAsync(e => e.AmountCents, cancellationToken);
    }

    /// <summary>A customer number written in the reference ("cust 1000003"), when exactly one account billed in the money's currency has it.</summary>
    private async Task<long?> AccountNamedInAsync(string reference, string currencyCode, CancellationToken cancellationToken)
    {
        var candidates = Digits().Matches(reference).Select(m => m.Value).Distinct().ToList();
        if (candidates.Count == 0)
        {
            return null;
        }
        var accounts = await db.Accounts.AsNoTracking().Where(a => candidates.Contains(a.CustomerNumber) && a.CurrencyCode == currencyCode).Select(a => a.Id).ToListAsync(cancellationToken);
        return accounts.Count == 1 ? accounts[0] : null;
    }

    private static UserError? Validate(ReceiptEntry entry)
    {
        if (entry.AmountCents <= 0)
        {
            return UserError.Validation("receipts.amount-positive");
        }
        if (entry.CurrencyCode is not ("CAD" or "USD"))
        {
            return UserError.Validation("receipts.currency", entry.CurrencyCode);
        }
        if (string.IsNullOrWhiteSpace(entry.BankReference) || entry.BankReference.Trim().Length > 64)
        {
            return UserError.Validation("receipts.bank-reference");
        }
        return entry.PayerReference.Length > 500 ? UserError.Validation("receipts.reference-too-long") : null;
    }

    [GeneratedRegex(@"\bF\d{9}\b", RegexOptions.CultureInvariant)]
    private static partial Regex InvoiceNumbers();

    [GeneratedRegex(@"\b\d{6,10}\b", RegexOptions.CultureInvariant)]
    private static partial Regex Digits();
}

internal sealed class ReceiptConfiguration : IEntityTypeConfiguration<Receipt>
{
    public void Configure(EntityTypeBuilder<Receipt> receipt)
    {
        receipt.Property(r => r.Method).HasConversion<string>().HasMaxLength(8);
        receipt.Property(r => r.CurrencyCode).HasMaxLength(3).IsFixedLength();
        receipt.Property(r => r.PayerName).HasMaxLength(140);
        receipt.Property(r => r.PayerReference).HasMaxLength(500);
        receipt.Property(r => r.BankReference).HasMaxLength(64);
        receipt.Property(r => r.RecordedBy).HasMaxLength(200);
        receipt.HasIndex(r => r.BankReference).IsUnique();
        receipt.HasIndex(r => r.AccountId);
        receipt.HasOne<CustomerAccount>().WithMany().HasForeignKey(r => r.AccountId).OnDelete(DeleteBehavior.Restrict);
        receipt.HasOne<BankFileImport>().WithMany().HasForeignKey(r => r.ImportId).OnDelete(DeleteBehavior.Restrict);
        receipt.HasMany(r => r.Allocations).WithOne().HasForeignKey(a => a.ReceiptId).OnDelete(DeleteBehavior.Restrict);
        receipt.Ignore(r => r.UnappliedCents);
    }
}

internal sealed class ReceiptAllocationConfiguration : IEntityTypeConfiguration<ReceiptAllocation>
{
    public void Configure(EntityTypeBuilder<ReceiptAllocation> allocation) =>
        allocation.HasOne<Invoice>().WithMany().HasForeignKey(a => a.InvoiceId).OnDelete(DeleteBehavior.Restrict);
}
