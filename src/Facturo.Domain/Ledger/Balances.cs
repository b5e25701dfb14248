namespace Facturo.Ledger;

/// <summary>Balances are never stored: they are sums of posting lines.</summary>
public static class Balances
{
    public static Money ReceivableOf(IEnumerable<PostingLine> lines, long customerAccountId, Currency currency) =>
        Money.Sum(lines.Where(l => l.Account == LedgerAccount.AccountsReceivable && l.CustomerAccountId == customerAccountId)
            .Select(l => l.Amount), currency);

    public static Money Of(IEnumerable<PostingLine> lines, LedgerAccount account, Currency currency) =>
        Money.Sum(lines.Where(l => l.Account == account).Select(l => l.Amount), currency);
}

public enum AgingBucket { Current, Days1To30, Days31To60, Days61To90, Over90 }

/// <summary>A receivable document still owing something, with its due date.</summary>
public sealed record OpenItem(ReceivableDocument Document, DateOnly DueDate, Money Balance);

public sealed record AgingReport(Money Current, Money Days1To30, Money Days31To60, Money Days61To90, Money Over90)
{
    public Money Total => Current + Days1To30 + Days31To60 + Days61To90 + Over90;
    public Money Overdue => Days1To30 + Days31To60 + Days61To90 + Over90;

    public static AgingBucket BucketOf(DateOnly dueDate, DateOnly asOf) => (asOf.DayNumber - dueDate.DayNumber) switch
    {
        <= 0 => AgingBucket.Current,
        <= 30 => AgingBucket.Days1To30,
        <= 60 => AgingBucket.Days31To60,
        <= 90 => AgingBucket.Days61To90,
        _ => AgingBucket.Over90,
    };

    public static AgingReport Of(IEnumerable<OpenItem> items, DateOnly asOf, Currency currency)
    {
        var sums = new long[5];
        foreach (var item in items.Where(i => !i.Balance.IsZero))
        {
            sums[(int)BucketOf(item.DueDate, asOf)] += item.Balance.Cents;
        }
        return new AgingReport(new(sums[0], currency), new(sums[1], currency), new(sums[2], currency), new(sums[3], currency), new(sums[4], currency));
    }
}

/// <summary>An invoice still owing something: what a payment can be allocated to.</summary>
public sealed record OpenInvoice(long InvoiceId, DateOnly IssueDate, DateOnly DueDate, Money Total, Money Balance);
