namespace Facturo.Payments;

/// <summary>
/// The days a country's clearing system settles debits: not weekends, not its bank holidays.
/// Canada: Payments Canada's ACSS non-business days (payments.ca, "Non-business days"; the same list as the
/// Bank of Canada's holiday schedule): New Year's Day, Good Friday, Victoria Day, Canada Day, Civic Holiday,
/// Labour Day, National Day for Truth and Reconciliation (from 2021), Thanksgiving, Remembrance Day,
/// Christmas, Boxing Day; one falling on a weekend is observed on the next weekday that is not already a
/// holiday (Christmas on Saturday: Monday, then Boxing Day Tuesday). Regional holidays (Family Day, Fête
/// nationale) do not close the national system.
/// United States: Federal Reserve Banks (federalreserve.gov, "K.8 Holidays Observed"): a holiday on Sunday is
/// observed the Monday after; on Saturday the Reserve Banks are open the Friday before, so nothing moves.
/// </summary>
public sealed class BankBusinessDays
{
    public static readonly BankBusinessDays Canada = new(CanadianHolidays);
    public static readonly BankBusinessDays UnitedStates = new(UsHolidays);

    private readonly Func<int, IReadOnlySet<DateOnly>> holidaysOf;

    private BankBusinessDays(Func<int, IReadOnlySet<DateOnly>> holidaysOf) => this.holidaysOf = holidaysOf;

    /// <summary>The days of the year the banks are closed for a holiday, as observed (weekends not listed).</summary>
    public IReadOnlySet<DateOnly> Holidays(int year) => holidaysOf(year);

    public bool IsBusinessDay(DateOnly day) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !holidaysOf(day.Year).Contains(day);

    public DateOnly OnOrAfter(DateOnly day)
    {
        while (!IsBusinessDay(day))
        {
            day = day.AddDays(1);
        }
        return day;
    }

    public DateOnly After(DateOnly day) => OnOrAfter(day.AddDays(1));

    private static HashSet<DateOnly> CanadianHolidays(int year)
    {
        var easter = EasterSunday(year);
        var holidays = new HashSet<DateOnly>
        {
            easter.AddDays(-2),                                              // Good Friday
            MondayBefore(new DateOnly(year, 5, 25)),                         // Victoria Day
            Nth(1, DayOfWeek.Monday, year, 8),                               // Civic Holiday
            Nth(1, DayOfWeek.Monday, year, 9),                               // Labour Day
            Nth(2, DayOfWeek.Monday, year, 10),                              // Thanksgiving
        };
        var fixedDays = new List<DateOnly> { new(year, 1, 1), new(year, 7, 1), new(year, 11, 11), new(year, 12, 25), new(year, 12, 26) };
        if (year >= 2021)
        {
            fixedDays.Add(new DateOnly(year, 9, 30));
        }
        fixedDays.Sort();
        holidays.UnionWith(fixedDays.Where(IsWeekday));
        foreach (var day in fixedDays.Where(d => !IsWeekday(d)))
        {
            var observed = day.AddDays(1);
            while (!IsWeekday(observed) || holidays.Contains(observed))
            {
                observed = observed.AddDays(1);
            }
            holidays.Add(observed);
        }
        return holidays;
    }

    private static HashSet<DateOnly> UsHolidays(int year)
    {
        var holidays = new HashSet<DateOnly>
        {
            Nth(3, DayOfWeek.Monday, year, 1),                               // Birthday of Martin Luther King, Jr.
            Nth(3, DayOfWeek.Monday, year, 2),                               // Washington's Birthday
            MondayBefore(new DateOnly(year, 6, 1)),                          // Memorial Day: the last Monday of May
            Nth(1, DayOfWeek.Monday, year, 9),                               // Labor Day
            Nth(2, DayOfWeek.Monday, year, 10),                              // Columbus Day
            Nth(4, DayOfWeek.Thursday, year, 11),                            // Thanksgiving Day
        };
        var fixedDays = new List<DateOnly> { new(year, 1, 1), new(year, 7, 4), new(year, 11, 11), new(year, 12, 25) };
        if (year >= 2021)
        {
            fixedDays.Add(new DateOnly(year, 6, 19));                        // Juneteenth
        }
        foreach (var day in fixedDays)
        {
            if (day.DayOfWeek == DayOfWeek.Sunday)
            {
                holidays.Add(day.AddDays(1));
            }
            else if (day.DayOfWeek != DayOfWeek.Saturday)
            {
                holidays.Add(day);
            }
        }
        return holidays;
    }

    private static bool IsWeekday(DateOnly day) => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    private static DateOnly Nth(int n, DayOfWeek weekday, int year, int month)
    {
        var first = new DateOnly(year, month, 1);
        return first.AddDays(((int)weekday - (int)first.DayOfWeek + 7) % 7 + 7 * (n - 1));
    }

    /// <summary>The last Monday strictly before a date.</summary>
    private static DateOnly MondayBefore(DateOnly day)
    {
        var monday = day.AddDays(-1);
        while (monday.DayOfWeek != DayOfWeek.Monday)
        {
            monday = monday.AddDays(-1);
        }
        return monday;
    }

    /// <summary>Gregorian Easter (the anonymous "Meeus/Jones/Butcher" computus).</summary>
    private static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = (19 * a + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + 2 * e + 2 * i - h - k) % 7;
        var m = (a + 11 * h + 22 * l) / 451;
        var month = (h + l - 7 * m + 114) / 31;
        var day = (h + l - 7 * m + 114) % 31 + 1;
        return new DateOnly(year, month, day);
    }
}
