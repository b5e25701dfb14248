namespace Facturo.Ledger;

public enum ReceivableKind { Invoice, Order }

/// <summary>The receivable a line adds to or pays down: an invoice, or an order paid when it was placed.</summary>
public readonly record struct ReceivableDocument(ReceivableKind Kind, long Id)
{
    public static ReceivableDocument Invoice(long id) => new(ReceivableKind.Invoice, id);
    public static ReceivableDocument Order(long id) => new(ReceivableKind.Order, id);
}

/// <summary>
/// One side of a posting. Debits are positive, credits negative. Receivable lines name the customer
/// account and the document they belong to, so balances and aging derive per customer and per document.
/// </summary>
public sealed record PostingLine(LedgerAccount Account, Money Amount, long? CustomerAccountId = null, ReceivableDocument? Document = null);

/// <summary>A balanced set of lines recorded together. Once recorded it is never changed; a mistake is corrected by another posting.</summary>
public sealed class Posting
{
    public PostingKind Kind { get; }
    public DateOnly EffectiveDate { get; }
    public string Reference { get; }
    public IReadOnlyList<PostingLine> Lines { get; }

    private Posting(PostingKind kind, DateOnly effectiveDate, string reference, IReadOnlyList<PostingLine> lines)
    {
        Kind = kind;
        EffectiveDate = effectiveDate;
        Reference = reference;
        Lines = lines;
    }

    public static Posting Create(PostingKind kind, DateOnly effectiveDate, string reference, IEnumerable<PostingLine> lines)
    {
        var kept = lines.Where(l => !l.Amount.IsZero).ToList();
        if (kept.Count < 2)
        {
            throw new InvalidOperationException($"Posting {reference} needs at least two non-zero lines.");
        }
        var currency = kept[0].Amount.Currency;
        if (kept.Any(l => l.Amount.Currency != currency))
        {
            throw new InvalidOperationException($"Posting {reference} mixes currencies.");
        }
        var sum = Money.Sum(kept.Select(l => l.Amount), currency);
        if (!sum.IsZero)
        {
            throw new InvalidOperationException($"Posting {reference} does not balance: off by {sum}.");
        }
        if (kept.Any(l => l.Account == LedgerAccount.AccountsReceivable && (l.CustomerAccountId is null || l.Document is null)))
        {
            throw new InvalidOperationException($"Posting {reference} has a receivable line without a customer account and document.");
        }
        return new Posting(kind, effectiveDate, reference, kept);
    }

    /// <summary>The posting that exactly undoes this one, used for returns and reversals.</summary>
    public Posting Reverse(PostingKind kind, DateOnly effectiveDate, string reference) =>
        Create(kind, effectiveDate, reference, Lines.Select(l => l with { Amount = -l.Amount }));
}
