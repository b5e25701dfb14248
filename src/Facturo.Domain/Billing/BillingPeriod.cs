using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Facturo.Billing;

/// <summary>A calendar month of billing in the biller's time zone, written <c>2026-11</c>.</summary>
public readonly record struct BillingPeriod : IComparable<BillingPeriod>
{
    public int Year { get; }
    public int Month { get; }

    public BillingPeriod(int year, int month)
    {
        if (year is < 2000 or > 2999 || month is < 1 or > 12)
        {
            throw new ArgumentOutOfRangeException(nameof(month), $"{year}-{month} is not a billing period.");
        }
        Year = year;
        Month = month;
    }

    public DateOnly FirstDay => new(Year, Month, 1);
    public DateOnly LastDay => FirstDay.AddMonths(1).AddDays(-1);
    public BillingPeriod Next => Of(FirstDay.AddMonths(1));
    public BillingPeriod Previous => Of(FirstDay.AddMonths(-1));

    public bool Contains(DateOnly date) => date >= FirstDay && date <= LastDay;

    public static BillingPeriod Of(DateOnly date) => new(date.Year, date.Month);

    public static bool TryParse(string? text, [NotNullWhen(true)] out BillingPeriod? period)
    {
        if (DateOnly.TryParseExact(text?.Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first)
            && first.Year is >= 2000 and <= 2999)
        {
            period = Of(first);
            return true;
        }
        period = null;
        return false;
    }

    public static BillingPeriod Parse(string text) =>
        TryParse(text, out var period) ? period.Value : throw new FormatException($"'{text}' is not a billing period (yyyy-MM).");

    public int CompareTo(BillingPeriod other) => (Year * 12 + Month).CompareTo(other.Year * 12 + other.Month);

    public static bool operator <(BillingPeriod a, BillingPeriod b) => a.CompareTo(b) < 0;
    public static bool operator >(BillingPeriod a, BillingPeriod b) => a.CompareTo(b) > 0;
    public static bool operator <=(BillingPeriod a, BillingPeriod b) => a.CompareTo(b) <= 0;
    public static bool operator >=(BillingPeriod a, BillingPeriod b) => a.CompareTo(b) >= 0;

    public override string ToString() => $"{Year:D4}-{Month:D2}";
}
