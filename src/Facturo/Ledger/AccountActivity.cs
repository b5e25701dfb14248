using Facturo.Data;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Ledger;

/// <summary>One posting as the customer sees it: what it added to the account and what it took off.</summary>
public sealed record ActivityLine(DateOnly Date, PostingKind Kind, string Reference, Money Charged, Money Credited, Money Balance);

public sealed record ActivityYear(int Year, Money Opening, IReadOnlyList<ActivityLine> Lines, Money Closing, IReadOnlyList<int> YearsWithActivity);

/// <summary>An account's activity for a calendar year, read from its receivable postings, with a running balance.</summary>
public static class AccountActivity
{
    public static async Task<ActivityYear> ForYearAsync(FacturoDbContext db, long accountId, Currency currency, int year, CancellationToken cancellationToken)
    {
        var from = new DateOnly(year, 1, 1);
        var to = from.AddYears(1);
        var receivable = db.LedgerEntries.AsNoTracking()
            .Where(e => e.CustomerAccountId == accountId && e.Account == LedgerAccount.AccountsReceivable)
            .Join(db.LedgerPostings, e => e.PostingId, p => p.Id, (e, p) => new { p.Id, p.EffectiveDate, p.Kind, p.Reference, e.AmountCents });
        var openingCents = await receivable.Where(r => r.EffectiveDate < from).SumAsync(r => r.AmountCents, cancellationToken);
        var postings = await receivable
            .Where(r => r.EffectiveDate >= from && r.EffectiveDate < to)
            .GroupBy(r => new { r.Id, r.EffectiveDate, r.Kind, r.Reference })
            .Select(g => new
            {
                g.Key.Id,
                g.Key.EffectiveDate,
                g.Key.Kind,
                g.Key.Reference,
                Charged = g.Sum(r => r.AmountCents > 0 ? r.AmountCents : 0),
                Credited = g.Sum(r => r.AmountCents < 0 ? -r.AmountCents : 0),
            })
            .ToListAsync(cancellationToken);
        var yearsWithActivity = await receivable.Select(r => r.EffectiveDate.Year).Distinct().ToListAsync(cancellationToken);

        var balance = openingCents;
        var lines = new List<ActivityLine>(postings.Count);
        foreach (var posting in postings.OrderBy(p => p.EffectiveDate).ThenBy(p => p.Id))
        {
            balance += posting.Charged - posting.Credited;
            lines.Add(new ActivityLine(posting.EffectiveDate, posting.Kind, posting.Reference,
                new Money(posting.Charged, currency), new Money(posting.Credited, currency), new Money(balance, currency)));
        }
        var years = yearsWithActivity.Append(year).Distinct().OrderDescending().ToList();
        return new ActivityYear(year, new Money(openingCents, currency), lines, new Money(balance, currency), years);
    }
}
