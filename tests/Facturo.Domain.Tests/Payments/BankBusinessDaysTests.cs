using Facturo.Payments;
using PublicHoliday;

namespace Facturo.Domain.Tests.Payments;

/// <summary>
/// Our holiday rules against the PublicHoliday package (3.17.0, MIT, written by others) for 2024–2030, and against
/// published calendars for 2026 and 2027: the Federal Reserve's K.8 "Holidays Observed" (federalreserve.gov/aboutthefed/k8.htm,
/// updated 2025-12-31) and Payments Canada's non-business days (payments.ca), the same as the Bank of Canada's schedule.
/// </summary>
public class BankBusinessDaysTests
{
    public static TheoryData<int> Years => new(Enumerable.Range(2024, 7));

    private static DateOnly Day(DateTime date) => DateOnly.FromDateTime(date);

    [Theory]
    [MemberData(nameof(Years))]
    public void Canadian_bank_holidays_are_the_statutory_holidays_the_public_holiday_package_computes_with_a_weekend_boxing_day_moved_to_a_weekday(int year)
    {
        var expected = new DateTime[]
        {
            CanadaPublicHoliday.NewYear(year), CanadaPublicHoliday.GoodFriday(year), CanadaPublicHoliday.VictoriaDay(year), CanadaPublicHoliday.CanadaDay(year), CanadaPublicHoliday.CivicHoliday(year),
            CanadaPublicHoliday.LabourDay(year), CanadaPublicHoliday.NationalDayForTruthAndReconciliation(year)!.Value, CanadaPublicHoliday.Thanksgiving(year), CanadaPublicHoliday.RemembranceDay(year),
            CanadaPublicHoliday.Christmas(year), CanadaPublicHoliday.BoxingDay(year),
        }.Select(Day).ToHashSet();
        // The package leaves Boxing Day on a weekend; the clearing system closes the next free weekday for it, as for
        // every holiday (Dec 28 2020 and 2026; Dec 28 2021 and 2027, after Christmas observed on the Monday).
        var boxingDay = Day(CanadaPublicHoliday.BoxingDay(year));
        if (boxingDay.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            expected.Remove(boxingDay);
            var observed = boxingDay.AddDays(1);
            while (observed.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || expected.Contains(observed))
            {
                observed = observed.AddDays(1);
            }
            expected.Add(observed);
        }

        Assert.Equal(expected.Order(), BankBusinessDays.Canada.Holidays(year).Order());
    }

    [Theory]
    [MemberData(nameof(Years))]
    public void Us_bank_holidays_are_the_federal_holidays_the_package_computes_less_the_fridays_the_federal_reserve_stays_open(int year)
    {
        var federal = new DateTime[]
        {
            USAPublicHoliday.NewYear(year), USAPublicHoliday.MartinLutherKing(year), USAPublicHoliday.PresidentsDay(year), USAPublicHoliday.MemorialDay(year), USAPublicHoliday.Juneteenth(year),
            USAPublicHoliday.IndependenceDay(year), USAPublicHoliday.LaborDay(year), USAPublicHoliday.ColumbusDay(year), USAPublicHoliday.VeteransDay(year), USAPublicHoliday.Thanksgiving(year),
            USAPublicHoliday.Christmas(year),
        }.Select(Day);
        // The package moves a Saturday holiday to the Friday before, as the federal government does; the Reserve Banks open that Friday.
        var expected = federal.Where(d => !(d.DayOfWeek == DayOfWeek.Friday && IsFixedDateHoliday(d.AddDays(1))));

        Assert.Equal(expected.Order(), BankBusinessDays.UnitedStates.Holidays(year).Order());
    }

    private static bool IsFixedDateHoliday(DateOnly day) => (day.Month, day.Day) is (1, 1) or (6, 19) or (7, 4) or (11, 11) or (12, 25);

    [Fact]
    public void Canadian_bank_holidays_of_2026_and_2027_are_those_payments_canada_publishes()
    {
        Assert.Equal(
            [new(2026, 1, 1), new(2026, 4, 3), new(2026, 5, 18), new(2026, 7, 1), new(2026, 8, 3), new(2026, 9, 7), new(2026, 9, 30), new(2026, 10, 12),
             new(2026, 11, 11), new(2026, 12, 25), new(2026, 12, 28)],
            BankBusinessDays.Canada.Holidays(2026).Order());
        Assert.Equal(
            [new(2027, 1, 1), new(2027, 3, 26), new(2027, 5, 24), new(2027, 7, 1), new(2027, 8, 2), new(2027, 9, 6), new(2027, 9, 30), new(2027, 10, 11),
             new(2027, 11, 11), new(2027, 12, 27), new(2027, 12, 28)],
            BankBusinessDays.Canada.Holidays(2027).Order());
    }

    [Fact]
    public void Us_bank_holidays_of_2026_and_2027_are_those_the_federal_reserve_publishes()
    {
        Assert.Equal(
            [new(2026, 1, 1), new(2026, 1, 19), new(2026, 2, 16), new(2026, 5, 25), new(2026, 6, 19), new(2026, 9, 7), new(2026, 10, 12),
             new(2026, 11, 11), new(2026, 11, 26), new(2026, 12, 25)],
            BankBusinessDays.UnitedStates.Holidays(2026).Order());
        Assert.Equal(
            [new(2027, 1, 1), new(2027, 1, 18), new(2027, 2, 15), new(2027, 5, 31), new(2027, 7, 5), new(2027, 9, 6), new(2027, 10, 11),
             new(2027, 11, 11), new(2027, 11, 25)],
            BankBusinessDays.UnitedStates.Holidays(2027).Order());
    }

    [Fact]
    public void The_federal_reserve_is_open_on_the_friday_before_a_saturday_holiday()
    {
        Assert.True(BankBusinessDays.UnitedStates.IsBusinessDay(new DateOnly(2026, 7, 3)));
        Assert.True(BankBusinessDays.UnitedStates.IsBusinessDay(new DateOnly(2027, 12, 24)));
        Assert.True(BankBusinessDays.UnitedStates.IsBusinessDay(new DateOnly(2027, 12, 31)));
    }

    [Theory]
    [InlineData("2026-11-29", "2026-11-30")]   // Sunday: Monday
    [InlineData("2026-11-30", "2026-11-30")]   // a business day stays
    [InlineData("2026-12-25", "2026-12-29")]   // Christmas Friday, weekend, Boxing Day observed Monday
    [InlineData("2027-12-25", "2027-12-29")]   // Christmas Saturday: closed Monday and Tuesday
    [InlineData("2026-04-03", "2026-04-06")]   // Good Friday: Easter Monday is a business day for banks
    [InlineData("2026-10-10", "2026-10-13")]   // Saturday before Thanksgiving
    public void A_canadian_due_date_is_the_next_bank_business_day_on_or_after_a_day(string day, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            BankBusinessDays.Canada.OnOrAfter(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("2026-11-25", "2026-11-27")]   // Wednesday: Thanksgiving Thursday closed, Friday open
    [InlineData("2026-11-27", "2026-11-30")]   // Friday: Monday
    [InlineData("2027-07-02", "2027-07-06")]   // Friday: Independence Day on Sunday closes Monday
    [InlineData("2026-07-02", "2026-07-03")]   // Thursday: Independence Day on Saturday, the Reserve Banks open Friday
    [InlineData("2026-01-16", "2026-01-20")]   // Friday before Martin Luther King Day
    public void A_us_effective_date_is_the_next_bank_business_day_after_a_day(string day, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            BankBusinessDays.UnitedStates.After(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));
    }
}
