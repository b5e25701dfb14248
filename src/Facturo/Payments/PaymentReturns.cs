using System.Globalization;
using Facturo.Accounts;
using Facturo.Billing;
using Facturo.Data;
using Facturo.Emails;
using Facturo.Ledger;
using Facturo.Platform;
using Facturo.Portal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Facturo.Payments;

public enum FailedPaymentStatus { Open, Closed }

/// <summary>A returned debit waiting for staff: call the customer, retry, or close with what was decided.</summary>
public sealed class FailedPayment
{
    public long Id { get; set; }
    public long PaymentId { get; set; }
    public required string ReasonCode { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public FailedPaymentStatus Status { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public string? Resolution { get; set; }
}

/// <summary>A bank file imported once: the same bytes again are refused, so nothing is returned twice.</summary>
public sealed class BankFileImport
{
    public long Id { get; set; }
    public required string Kind { get; set; }
    public required string FileName { get; set; }
    public required string Sha256 { get; set; }
    public DateTimeOffset ImportedAt { get; set; }
    public int Items { get; set; }
}

public sealed record ReturnedItem(int Line, long PaymentId, long AmountCents, string ReasonCode);

/// <summary>
/// Imports a bank's return file (CPA-005 returned debits; NACHA returns with addenda 99). Each returned
/// debit: the payment becomes "returned", its ledger posting is reversed so the invoices are unpaid
/// again, the person who paid gets an email in their language with the reason, and staff get it in the
/// failed-payment queue. A malformed file, or one naming a debit we did not send, imports nothing.
/// </summary>
public sealed class PaymentReturns(FacturoDbContext db, EmailOutbox outbox, BillerClock clock)
{
    public async Task<Outcome<BankFileImport>> ImportAsync(string fileName, string content, CancellationToken cancellationToken)
    {
        var sha = Secrets.Sha256Hex(content);
        if (await db.BankFileImports.AnyAsync(i => i.Sha256 == sha, cancellationToken))
        {
            return UserError.Conflict("returns.already-imported", fileName);
        }
        var items = ReadItems(content);
        if (!items.Succeeded)
        {
            return UserError.Validation("bankfile.malformed", items.Error!.Line, items.Error.Field, items.Error.Problem);
        }
        if (items.Value!.GroupBy(i => i.PaymentId).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            return UserError.Validation("bankfile.malformed", twice.ElementAt(1).Line, "payment", $"the same payment is returned twice in this file (line {twice.First().Line} too)");
        }
        var ids = items.Value!.Select(i => i.PaymentId).ToList();
        var payments = await db.Payments.Include(p => p.Allocations).Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        foreach (var item in items.Value!)
        {
            if (!payments.TryGetValue(item.PaymentId, out var payment) || payment.AmountCents != item.AmountCents
                || payment.Status is not (PaymentStatus.SentToBank or PaymentStatus.Settled))
            {
                return UserError.Validation("returns.unknown-item", item.Line);
            }
        }
        var payerIds = payments.Values.Select(p => p.SubmittedByUserId).Distinct().ToList();
        var payers = await db.Users.AsNoTracking().Where(u => payerIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, cancellationToken);
        var now = clock.UtcNow;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var item in items.Value!)
        {
            var payment = payments[item.PaymentId];
            // Settled money already moved to cash; a late return takes it back from there.
            var from = payment.Status == PaymentStatus.Settled ? LedgerAccount.Cash : LedgerAccount.BankClearing;
            payment.Status = PaymentStatus.Returned;
            payment.ReturnCode = item.ReasonCode;
            payment.ReturnedAt = now;
            var currency = Currency.Parse(payment.CurrencyCode);
            db.LedgerPostings.Add(LedgerPosting.From(Posting.Create(PostingKind.PaymentReturn, clock.Today, payment.Reference,
            [
                new PostingLine(from, -new Money(payment.AmountCents, currency)),
                .. payment.Allocations.Select(a => new PostingLine(LedgerAccount.AccountsReceivable, new Money(a.AmountCents, currency), payment.AccountId, ReceivableDocument.Invoice(a.InvoiceId))),
            ]), now));
            db.FailedPayments.Add(new FailedPayment { PaymentId = payment.Id, ReasonCode = item.ReasonCode, CreatedAt = now, Status = FailedPaymentStatus.Open });
            await TellPayerAsync(payment, payers[payment.SubmittedByUserId], item.ReasonCode, cancellationToken);
        }
        var import = new BankFileImport { Kind = "returns", FileName = fileName, Sha256 = sha, ImportedAt = now, Items = items.Value!.Count };
        db.BankFileImports.Add(import);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return import;
    }

    /// <summary>The returned debits in a bank's return file: CPA-005 (returned debits, J records) or NACHA (entries with addenda 99).</summary>
    public static BankFileRead<IReadOnlyList<ReturnedItem>> ReadItems(string content) =>
        content.StartsWith('A') ? ReadCpa005Items(content) : ReadNachaItems(content);

    /// <summary>
    /// The reason (900–999) is in the transaction type of a returned item, with the debit's own code kept in
    /// the stored transaction type; some banks swap the two, so either place is read, never a guess beyond that.
    /// </summary>
    private static BankFileRead<IReadOnlyList<ReturnedItem>> ReadCpa005Items(string content)
    {
        var read = Cpa005Reader.Read(content);
        if (!read.Succeeded)
        {
            return read.Error!;
        }
        var items = new List<ReturnedItem>();
        foreach (var item in read.Value!.Items)
        {
            if (item.RecordType != 'J')
            {
                return new BankFileError(item.Line, "logical record type", $"'{item.RecordType}' in a return file, where returned debits are 'J'");
            }
            var reason = item.TransactionCode is >= 900 and <= 999 ? $"{item.TransactionCode}"
                : item.StoredTransactionType is ['9', _, _] && item.StoredTransactionType.All(char.IsAsciiDigit) ? item.StoredTransactionType : null;
            if (reason is null)
            {
                return new BankFileError(item.Line, "transaction type", $"neither {item.TransactionCode:D3} nor the stored type '{item.StoredTransactionType}' is a return reason 900–999");
            }
            if (!TryPaymentId(item.CrossReference, out var paymentId))
            {
                return new BankFileError(item.Line, "originator's cross reference", $"'{item.CrossReference}' is not a reference this biller sent");
            }
            items.Add(new ReturnedItem(item.Line, paymentId, item.AmountCents, reason));
        }
        return items;
    }

    private static BankFileRead<IReadOnlyList<ReturnedItem>> ReadNachaItems(string content)
    {
        var read = NachaReader.Read(content);
        if (!read.Succeeded)
        {
            return read.Error!;
        }
        var items = new List<ReturnedItem>();
        foreach (var entry in read.Value!.Entries)
        {
            if (entry.Return is null)
            {
                return new BankFileError(entry.Line, "addenda record", "a returned entry needs its addenda 99 with the return reason");
            }
            if (!TryPaymentId(entry.Identification, out var paymentId))
            {
                return new BankFileError(entry.Line, "individual identification number", $"'{entry.Identification}' is not a reference this biller sent");
            }
            items.Add(new ReturnedItem(entry.Line, paymentId, entry.AmountCents, entry.Return.ReasonCode));
        }
        return items;
    }

    /// <summary>"F000000123/45" → 45: what <see cref="DebitBatches.CrossReference"/> wrote.</summary>
    private static bool TryPaymentId(string reference, out long paymentId)
    {
        paymentId = 0;
        var slash = reference.LastIndexOf('/');
        return slash > 0 && long.TryParse(reference.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out paymentId);
    }

    private async Task TellPayerAsync(Payment payment, PortalUser person, string reasonCode, CancellationToken cancellationToken)
    {
        var french = person.Language == Language.Fr;
        var amount = new Money(payment.AmountCents, Currency.Parse(payment.CurrencyCode)).Format(Cultures.For(person.Language));
        var invoices = string.Join(", ", payment.Allocations.Select(a => Invoice.FormatNumber(a.InvoiceId)));
        var reason = ReturnReasons.Describe(reasonCode, french);
        await outbox.QueueAsync("payment-returned", person.Email!, person.Language,
            french ? $"Paiement {payment.Reference} retourné par votre banque" : $"Payment {payment.Reference} returned by your bank",
            french
                ? $"Bonjour {person.FullName},\n\nVotre banque a retourné le paiement {payment.Reference} de {amount} (motif {reasonCode} : {reason}). Les factures {invoices} sont de nouveau impayées. Vous pouvez payer de nouveau dans le portail (Paiements) ou nous appeler."
                : $"Hello {person.FullName},\n\nYour bank returned payment {payment.Reference} of {amount} (reason {reasonCode}: {reason}). Invoices {invoices} are unpaid again. You can pay again in the portal (Payments) or call us.",
            cancellationToken, dedupKey: $"payment-returned:{payment.Id}");
    }
}

internal sealed class FailedPaymentConfiguration : IEntityTypeConfiguration<FailedPayment>
{
    public void Configure(EntityTypeBuilder<FailedPayment> failed)
    {
        failed.Property(f => f.ReasonCode).HasMaxLength(8);
        failed.Property(f => f.Status).HasConversion<string>().HasMaxLength(8);
        failed.Property(f => f.Resolution).HasMaxLength(500);
        failed.HasIndex(f => new { f.Status, f.Id });
        failed.HasOne<Payment>().WithMany().HasForeignKey(f => f.PaymentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class BankFileImportConfiguration : IEntityTypeConfiguration<BankFileImport>
{
    public void Configure(EntityTypeBuilder<BankFileImport> import)
    {
        import.Property(i => i.Kind).HasMaxLength(16);
        import.Property(i => i.FileName).HasMaxLength(200);
        import.Property(i => i.Sha256).HasMaxLength(64).IsFixedLength();
        import.HasIndex(i => i.Sha256).IsUnique();
    }
}
