namespace Facturo.Billing;

/// <summary>
/// Spreads a credit given as one amount over the invoice lines still open, in proportion to what
/// each has left, to the cent: each line gets its share rounded down, and the cents left over go to
/// the lines with the largest remainders (then the first lines). The shares always add up to the
/// amount and no line gets more than it has left.
/// </summary>
public static class CreditSpread
{
    public static IReadOnlyList<Money> Spread(Money amount, IReadOnlyList<Money> leftPerLine)
    {
        var left = Money.Sum(leftPerLine, amount.Currency);
        if (amount.IsNegative || amount > left)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, $"A credit must be between zero and the {left} left on the lines.");
        }
        if (left.IsZero)
        {
            return leftPerLine.Select(_ => Money.Zero(amount.Currency)).ToList();
        }
        var shares = leftPerLine.Select(l => (Floor: Math.BigMul(amount.Cents, l.Cents) / left.Cents, Remainder: Math.BigMul(amount.Cents, l.Cents) % left.Cents)).ToList();
        var cents = shares.Select(s => (long)s.Floor).ToArray();
        var leftOver = amount.Cents - cents.Sum();
        foreach (var index in Enumerable.Range(0, shares.Count).OrderByDescending(i => shares[i].Remainder).ThenBy(i => i).Take((int)leftOver))
        {
            cents[index]++;
        }
        return cents.Select(c => new Money(c, amount.Currency)).ToList();
    }
}
