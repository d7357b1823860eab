using FsCheck;
using FsCheck.Fluent;
using Shouldly;
using TechCenters.Policy.Calendar;
using Xunit;
using static TechCenters.Policy.Tests.Calendar.RepoCalendar;

namespace TechCenters.Policy.Tests.Calendar;

public sealed class WorkingDayPropertyTests
{
    // Publication dates from before the first published year to the end of the last one, so that
    // both "end" and "not published" answers are drawn.
    private static readonly DateOnly From = D("2003-11-01");
    private static readonly DateOnly To = D("2026-12-31");

    private static Arbitrary<(DateOnly PublishedOn, int Days)> Periods() =>
        (from offset in Gen.Choose(0, To.DayNumber - From.DayNumber)
         from days in Gen.Choose(1, 60)
         select (DateOnly.FromDayNumber(From.DayNumber + offset), days)).ToArbitrary();

    private static Config Config => Config.QuickThrowOnFailure.WithMaxTest(2000);

    [Fact]
    public void The_end_of_a_period_is_a_working_day_and_exactly_n_working_days_follow_publication()
    {
        var calendar = Shared;
        Prop.ForAll(Periods(), p =>
        {
            switch (calendar.AddWorkingDays(p.PublishedOn, p.Days))
            {
                case WorkingDayPeriod.End end:
                    return calendar.IsWorkingDay(end.Date) is DayStatus.Known { IsWorkingDay: true }
                        && calendar.IsWorkingDay(end.FirstDay) is DayStatus.Known { IsWorkingDay: true }
                        && end.FirstDay > p.PublishedOn && end.FirstDay <= end.Date
                        && calendar.CountWorkingDays(p.PublishedOn.AddDays(1), end.Date) is WorkingDayCount.Counted c && c.Days == p.Days
                        && calendar.CountWorkingDays(p.PublishedOn.AddDays(1), end.FirstDay) is WorkingDayCount.Counted first && first.Days == 1;
                case WorkingDayPeriod.NotPublished missing:
                    // Only a missing year stops the count, and it is one the period really reaches.
                    return !calendar.Years.Contains(missing.Year) && missing.Missing.Date > p.PublishedOn
                        && calendar.IsWorkingDay(missing.Missing.Date) is DayStatus.NotPublished;
                default:
                    return false;
            }
        }).Check(Config);
    }

    [Fact]
    public void Counting_is_additive_over_adjacent_ranges()
    {
        var calendar = Shared;
        var published = D("2004-01-01").DayNumber;
        var last = D("2026-12-24").DayNumber;
        var ranges = (from a in Gen.Choose(published, last)
                      from b in Gen.Choose(published, last)
                      from c in Gen.Choose(published, last)
                      let sorted = new[] { a, b, c }.Order().ToArray()
                      select (sorted[0], sorted[1], sorted[2])).ToArbitrary();

        Prop.ForAll(ranges, r =>
        {
            var (a, b, c) = (DateOnly.FromDayNumber(r.Item1), DateOnly.FromDayNumber(r.Item2), DateOnly.FromDayNumber(r.Item3));
            var whole = ((WorkingDayCount.Counted)calendar.CountWorkingDays(a, c)).Days;
            var left = ((WorkingDayCount.Counted)calendar.CountWorkingDays(a, b)).Days;
            var right = b == c ? 0 : ((WorkingDayCount.Counted)calendar.CountWorkingDays(b.AddDays(1), c)).Days;
            return whole == left + right;
        }).Check(Config);
    }

    [Fact]
    public void The_generator_reaches_both_kinds_of_answer()
    {
        // Guards the property above against a generator that never leaves the published years.
        Shared.AddWorkingDays(From, 5).ShouldBeOfType<WorkingDayPeriod.NotPublished>();
        Shared.AddWorkingDays(To.AddDays(-30), 5).ShouldBeOfType<WorkingDayPeriod.End>();
    }
}
