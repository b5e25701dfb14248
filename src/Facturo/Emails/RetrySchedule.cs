namespace Facturo.Emails;

/// <summary>
/// When to try an email again after a failed attempt: a minute, then doubling up to an hour between attempts (as
/// Postfix's maximal_backoff_time), each delay spread by ±20 % so emails queued together do not all come back at
/// once; three days after the first attempt, it is given up and shown to staff as failed.
/// </summary>
public static class RetrySchedule
{
    public static readonly TimeSpan FirstDelay = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan LongestDelay = TimeSpan.FromHours(1);
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromDays(3);

    /// <summary>The next attempt after <paramref name="failedAttempts"/> (one or more), or null when the three days are over.</summary>
    /// <param name="jitter">A number in [0, 1): where in the ±20 % spread this delay falls.</param>
    public static DateTimeOffset? NextAttempt(int failedAttempts, DateTimeOffset firstAttempt, DateTimeOffset now, double jitter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failedAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(jitter);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(jitter, 1);
        var giveUpAt = firstAttempt + GiveUpAfter;
        if (now >= giveUpAt)
        {
            return null;
        }
        // Past the seventh doubling the delay is over an hour anyway; the cap keeps the shift from overflowing.
        var doubled = FirstDelay * (1L << Math.Min(failedAttempts - 1, 7));
        var delay = (doubled < LongestDelay ? doubled : LongestDelay) * (0.8 + 0.4 * jitter);
        // The last attempt is made at the three days, not skipped because a delay reaches past them.
        return now + delay < giveUpAt ? now + delay : giveUpAt;
    }
}
