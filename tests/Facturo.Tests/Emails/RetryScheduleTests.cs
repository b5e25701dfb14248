namespace Facturo.Emails;

public sealed class RetryScheduleTests
{
    private static readonly DateTimeOffset First = new(2026, 10, 15, 15, 0, 0, TimeSpan.Zero);
    private const double NoSpread = 0.5;

    [Fact]
    public void The_delay_doubles_from_a_minute_and_stays_at_an_hour()
    {
        var delays = Enumerable.Range(1, 9).Select(failed => (RetrySchedule.NextAttempt(failed, First, First, NoSpread)!.Value - First).TotalMinutes);

        Assert.Equal([1, 2, 4, 8, 16, 32, 60, 60, 60], delays);
    }

    [Fact]
    public void Each_delay_is_spread_by_twenty_percent_either_way()
    {
        Assert.Equal(TimeSpan.FromSeconds(48), RetrySchedule.NextAttempt(1, First, First, 0)!.Value - First);
        Assert.Equal(TimeSpan.FromMinutes(48), RetrySchedule.NextAttempt(30, First, First, 0)!.Value - First);
        Assert.InRange((RetrySchedule.NextAttempt(1, First, First, 0.999_999)!.Value - First).TotalSeconds, 71.99, 72);
    }

    [Fact]
    public void The_last_attempt_is_made_three_days_after_the_first_and_then_the_email_is_given_up()
    {
        var nearlyThreeDays = First + TimeSpan.FromDays(3) - TimeSpan.FromMinutes(10);

        Assert.Equal(First + TimeSpan.FromDays(3), RetrySchedule.NextAttempt(50, First, nearlyThreeDays, NoSpread));
        Assert.Null(RetrySchedule.NextAttempt(51, First, First + TimeSpan.FromDays(3), NoSpread));
    }

    [Fact]
    public void An_email_failing_all_the_time_is_tried_about_eighty_times_in_its_three_days()
    {
        var now = First;
        var attempts = 1;
        while (RetrySchedule.NextAttempt(attempts, First, now, NoSpread) is { } next)
        {
            (now, attempts) = (next, attempts + 1);
        }

        Assert.Equal(First + TimeSpan.FromDays(3), now);
        Assert.InRange(attempts, 70, 80);
    }
}
