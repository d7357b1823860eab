using Shouldly;
using TechCenters.Policy.Calendar;
using Xunit;
using static TechCenters.Policy.Tests.Calendar.RepoCalendar;

namespace TechCenters.Policy.Tests.Calendar;

/// <summary>
/// Cases worked out by hand from the notices: 2025 国庆节、中秋节 10月1日–8日放假，9月28日（周日）、10月11日（周六）上班；
/// 2026 春节 2月15日–23日放假，2月14日（周六）、2月28日（周六）上班；2026 中秋节 9月25日放假，
/// 国庆节 10月1日–7日放假，9月20日（周日）、10月10日（周六）上班。
/// </summary>
public sealed class WorkingDayCalendarTests
{
    private static WorkingDayCalendar Cal => Shared;

    private static DayStatus.Known Known(string date) => Cal.IsWorkingDay(D(date)).ShouldBeOfType<DayStatus.Known>();

    private static WorkingDayPeriod.End End(string publishedOn, int days) =>
        Cal.AddWorkingDays(D(publishedOn), days).ShouldBeOfType<WorkingDayPeriod.End>();

    [Fact]
    public void A_normal_weekday_is_a_working_day()
    {
        var day = Known("2026-03-04");

        day.Kind.ShouldBe(DayKind.Weekday);
        day.IsWorkingDay.ShouldBeTrue();
        day.Explanation.ShouldBe("2026年3月4日（星期三）是工作日");
    }

    [Fact]
    public void A_normal_weekend_is_not_a_working_day()
    {
        var day = Known("2026-03-07");

        day.Kind.ShouldBe(DayKind.Weekend);
        day.IsWorkingDay.ShouldBeFalse();
    }

    [Fact]
    public void A_holiday_on_a_weekday_is_not_a_working_day()
    {
        var day = Known("2026-10-01");

        day.Kind.ShouldBe(DayKind.Holiday);
        day.Name.ShouldBe("国庆节");
        day.IsWorkingDay.ShouldBeFalse();
        day.Explanation.ShouldBe("2026年10月1日（星期四）是国庆节假期，不是工作日");
    }

    [Fact]
    public void An_adjusted_saturday_is_a_working_day()
    {
        var day = Known("2026-10-10");

        day.Kind.ShouldBe(DayKind.AdjustedWorkingDay);
        day.IsWorkingDay.ShouldBeTrue();
        day.Explanation.ShouldBe("2026年10月10日（星期六）是国庆节调休上班日，是工作日");
        Known("2025-09-28").IsWorkingDay.ShouldBeTrue(); // 周日上班
    }

    [Fact]
    public void A_year_without_a_notice_is_not_published_never_a_weekend_guess()
    {
        // 2027-01-04 is a Monday: a weekend-only guess would call it a working day.
        var status = Cal.IsWorkingDay(D("2027-01-04")).ShouldBeOfType<DayStatus.NotPublished>();

        status.Year.ShouldBe(2027);
        status.Explanation.ShouldContain("国务院办公厅关于2027年部分节假日安排的通知尚未录入");
        Cal.IsWorkingDay(D("2003-12-31")).ShouldBeOfType<DayStatus.NotPublished>().Year.ShouldBe(2003);
    }

    [Fact]
    public void Late_december_waits_for_the_next_years_notice()
    {
        // 元旦 arrangements of the next year's notice have moved 12月29日–31日 before (2018, 2022).
        Known("2026-12-24").IsWorkingDay.ShouldBeTrue();
        var status = Cal.IsWorkingDay(D("2026-12-25")).ShouldBeOfType<DayStatus.NotPublished>();
        status.Year.ShouldBe(2027);
        status.Explanation.ShouldContain("取决于2027年元旦的调休安排");
        // With the next notice present, late December is known: 2018-12-29 was a 调休上班 Saturday.
        Known("2018-12-29").Kind.ShouldBe(DayKind.AdjustedWorkingDay);
        Known("2022-12-31").Kind.ShouldBe(DayKind.Holiday);
    }

    [Fact]
    public void Published_on_2025_09_30_five_working_days_run_past_the_national_day_holiday()
    {
        // 10月1日–8日放假；9日(1) 10日(2) 11日周六上班(3) 13日(4) 14日(5)
        var end = End("2025-09-30", 5);

        end.FirstDay.ShouldBe(D("2025-10-09"));
        end.Date.ShouldBe(D("2025-10-14"));
        end.ExtendedBy.ShouldBe(["国庆节", "中秋节"]);
        end.AdjustedWorkingDays.ShouldBe([D("2025-10-11")]);
        end.Explain("公示期").ShouldBe(
            "公示期自2025年9月30日之后的第一个工作日（2025年10月9日）起算，5个工作日，至2025年10月14日" +
            "（国庆节、中秋节假期顺延；2025年10月11日（星期六）调休上班，计入工作日）止");
    }

    [Fact]
    public void Published_on_a_friday_before_national_day_2025_the_sunday_working_day_counts_first()
    {
        // 9月26日周五发布；27日周六休息；28日周日上班(1) 29日(2) 30日(3)；10月9日(4) 10日(5)
        var end = End("2025-09-26", 5);

        end.FirstDay.ShouldBe(D("2025-09-28"));
        end.Date.ShouldBe(D("2025-10-10"));
    }

    [Fact]
    public void Published_on_a_holiday_counting_starts_after_the_holiday()
    {
        var end = End("2025-10-03", 5);

        end.FirstDay.ShouldBe(D("2025-10-09"));
        end.Date.ShouldBe(D("2025-10-14"));
    }

    [Fact]
    public void Published_on_an_ordinary_friday_ends_on_the_next_friday()
    {
        var end = End("2025-11-14", 5);

        end.FirstDay.ShouldBe(D("2025-11-17"));
        end.Date.ShouldBe(D("2025-11-21"));
        end.ExtendedBy.ShouldBeEmpty();
        end.Explanation.ShouldBe("期限自2025年11月14日之后的第一个工作日（2025年11月17日）起算，5个工作日，至2025年11月21日止");
    }

    [Fact]
    public void Spring_festival_2026_published_the_day_before_the_adjusted_saturday()
    {
        // 2月13日(1) 14日周六上班(2)；15日–23日放假；24日(3) 25日(4) 26日(5)
        var end = End("2026-02-12", 5);

        end.FirstDay.ShouldBe(D("2026-02-13"));
        end.Date.ShouldBe(D("2026-02-26"));
        end.ExtendedBy.ShouldBe(["春节"]);
        end.AdjustedWorkingDays.ShouldBe([D("2026-02-14")]);
    }

    [Fact]
    public void Spring_festival_2026_ten_days_from_a_friday_count_both_adjusted_saturdays()
    {
        // 14日(1)；24–27日(2–5)；28日周六上班(6)；3月2–5日(7–10)
        var end = End("2026-02-13", 10);

        end.Date.ShouldBe(D("2026-03-05"));
        end.AdjustedWorkingDays.ShouldBe([D("2026-02-14"), D("2026-02-28")]);
    }

    [Fact]
    public void Spring_festival_2026_published_during_the_holiday_can_end_on_an_adjusted_saturday()
    {
        // 24日(1) 25日(2) 26日(3) 27日(4) 28日周六上班(5)
        End("2026-02-17", 5).Date.ShouldBe(D("2026-02-28"));
        End("2026-02-17", 4).Date.ShouldBe(D("2026-02-27"));
        End("2026-02-17", 6).Date.ShouldBe(D("2026-03-02"));
    }

    [Fact]
    public void Mid_autumn_and_national_day_2026_example()
    {
        // 9月25日中秋放假（周五）；28日(1) 29日(2) 30日(3)；10月1日–7日放假；8日(4) 9日(5)
        var end = End("2026-09-25", 5);

        end.Date.ShouldBe(D("2026-10-09"));
        end.Explain("公示期").ShouldBe(
            "公示期自2026年9月25日之后的第一个工作日（2026年9月28日）起算，5个工作日，至2026年10月9日（国庆节假期顺延）止");
    }

    [Fact]
    public void One_working_day_is_the_first_working_day_after_publication()
    {
        End("2026-09-30", 1).Date.ShouldBe(D("2026-10-08"));
        End("2026-03-04", 1).Date.ShouldBe(D("2026-03-05"));
    }

    [Fact]
    public void A_period_reaching_into_2027_is_not_published()
    {
        var period = Cal.AddWorkingDays(D("2026-12-18"), 20).ShouldBeOfType<WorkingDayPeriod.NotPublished>();

        period.Year.ShouldBe(2027);
        period.Explain("公示期").ShouldStartWith("公示期自2026年12月18日之后的第一个工作日起算20个工作日，无法确定截止日期：");
    }

    [Fact]
    public void A_period_ending_just_before_the_late_december_window_is_known()
    {
        // 12月18日(1) 21–24日(2–5); one more day would reach 12月25日.
        End("2026-12-17", 5).Date.ShouldBe(D("2026-12-24"));
        Cal.AddWorkingDays(D("2026-12-17"), 6).ShouldBeOfType<WorkingDayPeriod.NotPublished>().Year.ShouldBe(2027);
    }

    [Fact]
    public void A_period_starting_before_the_first_published_year_is_not_published()
    {
        Cal.AddWorkingDays(D("2003-12-20"), 5).ShouldBeOfType<WorkingDayPeriod.NotPublished>().Year.ShouldBe(2003);
        // Published on the last day of 2003: only 2004 is counted.
        End("2003-12-31", 1).Date.ShouldBe(D("2004-01-02"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void Zero_or_negative_days_is_a_clear_error(int days)
    {
        var e = Should.Throw<ArgumentOutOfRangeException>(() => Cal.AddWorkingDays(D("2026-03-04"), days));

        e.ParamName.ShouldBe("days");
        e.Message.ShouldContain("工作日数必须是正整数");
    }

    [Fact]
    public void Counting_october_2025()
    {
        // 23 weekdays, 6 of them holidays (1–3, 6–8), plus 11日周六上班.
        var count = Cal.CountWorkingDays(D("2025-10-01"), D("2025-10-31")).ShouldBeOfType<WorkingDayCount.Counted>();

        count.Days.ShouldBe(18);
        count.Explanation.ShouldBe("2025年10月1日至2025年10月31日（含首尾）共18个工作日");
    }

    [Fact]
    public void Counting_across_new_year_2026()
    {
        // 2025-12-29..31 (3); 2026-01-01..03 元旦; 01-04 周日上班 (1); 01-05 (1)
        Cal.CountWorkingDays(D("2025-12-29"), D("2026-01-05")).ShouldBeOfType<WorkingDayCount.Counted>().Days.ShouldBe(5);
        Cal.CountWorkingDays(D("2026-01-01"), D("2026-01-01")).ShouldBeOfType<WorkingDayCount.Counted>().Days.ShouldBe(0);
        Cal.CountWorkingDays(D("2026-01-04"), D("2026-01-04")).ShouldBeOfType<WorkingDayCount.Counted>().Days.ShouldBe(1);
    }

    [Fact]
    public void Counting_over_many_years_adds_up()
    {
        var count = Cal.CountWorkingDays(D("2004-01-01"), D("2026-12-24")).ShouldBeOfType<WorkingDayCount.Counted>();
        var byDay = 0;
        for (var d = D("2004-01-01"); d <= D("2026-12-24"); d = d.AddDays(1))
        {
            if (Cal.IsWorkingDay(d) is DayStatus.Known { IsWorkingDay: true })
                byDay++;
        }

        count.Days.ShouldBe(byDay);
    }

    [Fact]
    public void Counting_into_a_missing_year_is_not_published()
    {
        Cal.CountWorkingDays(D("2026-12-01"), D("2027-01-10")).ShouldBeOfType<WorkingDayCount.NotPublished>().Year.ShouldBe(2027);
        Cal.CountWorkingDays(D("2026-12-01"), D("2026-12-28")).ShouldBeOfType<WorkingDayCount.NotPublished>().Year.ShouldBe(2027);
        Cal.CountWorkingDays(D("2003-12-01"), D("2004-01-10")).ShouldBeOfType<WorkingDayCount.NotPublished>().Year.ShouldBe(2003);
    }

    [Fact]
    public void Counting_backwards_is_a_clear_error()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => Cal.CountWorkingDays(D("2026-03-05"), D("2026-03-04")))
            .Message.ShouldContain("早于开始日期");
    }

    [Fact]
    public void An_empty_calendar_publishes_nothing()
    {
        var empty = WorkingDayCalendar.FromYears([]);

        empty.IsWorkingDay(D("2026-03-04")).ShouldBeOfType<DayStatus.NotPublished>().Year.ShouldBe(2026);
        empty.AddWorkingDays(D("2026-03-04"), 1).ShouldBeOfType<WorkingDayPeriod.NotPublished>();
    }

    [Fact]
    public void A_gap_between_years_is_not_published()
    {
        var years = CalendarYearFile.LoadDirectory(RepoCalendar.DataDirectory).Where(y => y.Year != 2025);
        var gapped = WorkingDayCalendar.FromYears(years);

        gapped.IsWorkingDay(D("2024-06-03")).ShouldBeOfType<DayStatus.Known>();
        gapped.AddWorkingDays(D("2024-12-30"), 5).ShouldBeOfType<WorkingDayPeriod.NotPublished>().Year.ShouldBe(2025);
        gapped.IsWorkingDay(D("2024-12-27")).ShouldBeOfType<DayStatus.NotPublished>().Year.ShouldBe(2025);
        gapped.IsWorkingDay(D("2026-06-03")).ShouldBeOfType<DayStatus.Known>();
    }

    [Theory]
    [InlineData("2015-09-03", DayKind.Holiday)]            // 抗战胜利70周年纪念日（星期四）
    [InlineData("2015-09-06", DayKind.AdjustedWorkingDay)] // 同一通知：9月6日（星期日）上班
    [InlineData("2019-05-03", DayKind.Holiday)]            // 调整2019年劳动节假期：5月1日–4日
    [InlineData("2019-05-05", DayKind.AdjustedWorkingDay)]
    [InlineData("2020-01-31", DayKind.Holiday)]            // 延长2020年春节假期至2月2日
    [InlineData("2020-02-01", DayKind.Holiday)]            // 原定2月1日（星期六）上班已取消
    [InlineData("2020-02-03", DayKind.Weekday)]
    public void Notices_that_changed_a_year_afterwards_are_in_the_data(string date, DayKind kind)
    {
        Known(date).Kind.ShouldBe(kind);
    }
}
