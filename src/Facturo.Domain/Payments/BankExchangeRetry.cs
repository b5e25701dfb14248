namespace Facturo.Payments;

/// <summary>
/// When the scheduled exchange with the bank tries again after failures: 5 minutes after the first, doubling each time,
/// never more than 2 hours apart, so a bank down for a day is not hammered and one back up is reached within 2 hours.
/// </summary>
public static class BankExchangeRetry
{
    public static readonly TimeSpan First = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan Longest = TimeSpan.FromHours(2);

    public static TimeSpan Delay(int consecutiveFailures)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(consecutiveFailures);
        // Past 2^5 × 5 min the cap applies anyway; stopping the doubling there keeps it from overflowing.
        var doublings = Math.Min(consecutiveFailures - 1, 5);
        var delay = First * (1 << doublings);
        return delay < Longest ? delay : Longest;
    }

    /// <summary>The first moment a scheduled run may try again; manual runs ("send now") do not wait.</summary>
    public static DateTimeOffset NextAttempt(DateTimeOffset lastFailure, int consecutiveFailures) => lastFailure + Delay(consecutiveFailures);
}
