using Shouldly;
using TechCenters.Policy.Calendar;
using Xunit;
using static TechCenters.Policy.Tests.Calendar.RepoCalendar;

namespace TechCenters.Policy.Tests.Calendar;

public sealed class CalendarYearFileTests
{
    private const string Valid = """
        year: 2030
        via: 手工录入
        sources:
          - title: 国务院办公厅关于2030年部分节假日安排的通知
            number: 国办发明电〔2029〕1号
        holidays:
          - { date: 2030-01-01, name: 元旦 }
          - { date: 2030-10-01, name: 国庆节 }
        workingDays:
          - { date: 2030-09-29, name: 国庆节 }
        """;

    private static CalendarDataException Fails(string yaml) =>
        Should.Throw<CalendarDataException>(() => CalendarYearFile.Parse(yaml, "2030.yaml"));

    [Fact]
    public void A_valid_file_loads_with_its_sources_and_lines()
    {
        var year = CalendarYearFile.Parse(Valid, "2030.yaml");

        year.Year.ShouldBe(2030);
        year.Via.ShouldBe("手工录入");
        year.Sources.ShouldHaveSingleItem().ShouldBe(new NoticeSource("国务院办公厅关于2030年部分节假日安排的通知", "国办发明电〔2029〕1号"));
        year.Holidays.Select(h => (h.Date, h.Name)).ShouldBe([(D("2030-01-01"), "元旦"), (D("2030-10-01"), "国庆节")]);
        year.WorkingDays.ShouldHaveSingleItem().Date.ShouldBe(D("2030-09-29"));
        year.Holidays[1].At!.Line.ShouldBe(8);
    }

    [Fact]
    public void An_unknown_top_level_key_is_an_error_with_its_line()
    {
        var e = Fails(Valid + "\nremarks: 备注\n");

        var error = e.Errors.ShouldHaveSingleItem();
        error.At.ToString().ShouldBe("2030.yaml:11:1");
        error.Message.ShouldContain("未知的键 \"remarks\"");
    }

    [Fact]
    public void An_unknown_key_in_an_entry_is_an_error()
    {
        var e = Fails(Valid.Replace("{ date: 2030-10-01, name: 国庆节 }", "{ date: 2030-10-01, name: 国庆节, paid: true }"));

        var error = e.Errors.ShouldHaveSingleItem();
        error.At.Line.ShouldBe(8);
        error.Message.ShouldContain("\"paid\"");
    }

    [Fact]
    public void A_duplicate_key_is_an_error()
    {
        var e = Fails(Valid.Replace("via: 手工录入", "via: 手工录入\nvia: 又一次"));

        var error = e.Errors.ShouldHaveSingleItem();
        error.At.Line.ShouldBe(3);
        error.Message.ShouldContain("重复的键 \"via\"");
    }

    [Fact]
    public void A_date_listed_twice_is_an_error_naming_both_lines()
    {
        var e = Fails(Valid.Replace("  - { date: 2030-10-01, name: 国庆节 }", "  - { date: 2030-10-01, name: 国庆节 }\n  - { date: 2030-10-01, name: 国庆节 }"));

        var error = e.Errors.ShouldHaveSingleItem();
        error.At.Line.ShouldBe(9);
        error.Message.ShouldContain("2030-10-01 在 holidays 中重复");
        error.Message.ShouldContain("2030.yaml:8");
    }

    [Fact]
    public void A_date_outside_the_files_year_is_an_error()
    {
        var e = Fails(Valid.Replace("2030-10-01", "2031-10-01"));

        var error = e.Errors.ShouldHaveSingleItem();
        error.At.Line.ShouldBe(8);
        error.Message.ShouldContain("不在 2030 年内");
    }

    [Fact]
    public void A_date_both_holiday_and_working_day_is_an_error()
    {
        // 2030-09-28 is a Saturday, so only the clash is wrong.
        var e = Fails(Valid.Replace("{ date: 2030-10-01, name: 国庆节 }", "{ date: 2030-09-28, name: 国庆节 }")
            .Replace("{ date: 2030-09-29, name: 国庆节 }", "{ date: 2030-09-28, name: 国庆节 }"));

        var error = e.Errors.ShouldHaveSingleItem();
        error.At.Line.ShouldBe(10);
        error.Message.ShouldContain("既是放假日又是调休上班日");
    }

    [Fact]
    public void A_working_day_on_a_weekday_is_an_error()
    {
        // 2030-09-30 is a Monday: listing it as 调休上班 is a typo, not data.
        var e = Fails(Valid.Replace("2030-09-29", "2030-09-30"));

        e.Errors.ShouldHaveSingleItem().Message.ShouldContain("是星期一，本来就是工作日");
    }

    [Theory]
    [InlineData("2030-02-30")]
    [InlineData("2030-1-5")]
    [InlineData("'2030-01-01'")]
    [InlineData("元旦")]
    public void A_malformed_date_is_an_error(string date)
    {
        var e = Fails(Valid.Replace("{ date: 2030-01-01, name: 元旦 }", $"{{ date: {date}, name: 元旦 }}"));

        var error = e.Errors.ShouldHaveSingleItem();
        error.At.Line.ShouldBe(7);
        error.Message.ShouldContain("YYYY-MM-DD");
    }

    [Fact]
    public void Missing_keys_are_errors()
    {
        var e = Fails("""
            year: 2030
            sources:
              - title: 国务院办公厅关于2030年部分节假日安排的通知
            holidays:
              - { date: 2030-01-01 }
            """);

        e.Errors.Select(x => (x.At.Line, x.Message)).ShouldBe(
            [(1, "缺少必需的键 \"workingDays\""), (5, "缺少必需的键 \"name\"")], ignoreOrder: true);
    }

    [Fact]
    public void A_year_without_a_notice_is_an_error()
    {
        var e = Fails(Valid.Replace("""
            sources:
              - title: 国务院办公厅关于2030年部分节假日安排的通知
                number: 国办发明电〔2029〕1号
            """, "sources: []"));

        e.Errors.ShouldHaveSingleItem().Message.ShouldBe("2030年没有列出依据的通知（sources）");
    }

    [Fact]
    public void Yaml_syntax_errors_and_aliases_are_reported_with_position()
    {
        Fails("year: 2030\nsources: [\n").Errors.ShouldHaveSingleItem().Message.ShouldStartWith("YAML 语法错误");
        Fails(Valid.Replace("name: 元旦 }", "name: &n 元旦 }")).Errors.ShouldHaveSingleItem().At.Line.ShouldBe(7);
        Fails("").Errors.ShouldHaveSingleItem().Message.ShouldBe("文件为空");
    }

    [Fact]
    public void The_file_name_must_be_the_year()
    {
        var dir = Directory.CreateTempSubdirectory("calendar-");
        try
        {
            var path = Path.Combine(dir.FullName, "2031.yaml");
            File.WriteAllText(path, Valid);

            var e = Should.Throw<CalendarDataException>(() => CalendarYearFile.Load(path));

            e.Errors.ShouldHaveSingleItem().Message.ShouldContain("文件名应为 2030.yaml");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_directory_reports_the_errors_of_every_file_together()
    {
        var dir = Directory.CreateTempSubdirectory("calendar-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "2030.yaml"), Valid);
            // 2031-09-29 is a Monday, so this file's 调休上班 day is wrong.
            File.WriteAllText(Path.Combine(dir.FullName, "2031.yaml"), Valid.Replace("2030", "2031"));
            File.WriteAllText(Path.Combine(dir.FullName, "2032.yaml"), Valid.Replace("2030", "2032") + "\nextra: 1\n");
            File.WriteAllText(Path.Combine(dir.FullName, "README.md"), "not data");

            var e = Should.Throw<CalendarDataException>(() => CalendarYearFile.LoadDirectory(dir.FullName));

            e.Errors.Count.ShouldBe(2);
            e.Errors.ShouldContain(x => x.At.Origin.EndsWith("2031.yaml") && x.Message.Contains("本来就是工作日"));
            e.Errors.ShouldContain(x => x.At.Origin.EndsWith("2032.yaml") && x.Message.Contains("\"extra\""));
            e.Message.ShouldContain("2032.yaml:11:1");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Years_from_another_source_get_the_same_checks()
    {
        // As the web app would build them from database rows: no file, no line.
        var row = new SourceLocation("calendar_days");
        var sources = new[] { new NoticeSource("国务院办公厅关于2030年部分节假日安排的通知") };
        var good = new CalendarYear(2030, sources,
            [new CalendarEntry(D("2030-10-01"), "国庆节", row)], [new CalendarEntry(D("2030-09-29"), "国庆节", row)], row);
        var clash = good with { Holidays = [new CalendarEntry(D("2030-09-29"), "国庆节", row)] };

        WorkingDayCalendar.FromYears([good]).Years.ShouldBe([2030]);
        Should.Throw<CalendarDataException>(() => WorkingDayCalendar.FromYears([clash]))
            .Errors.ShouldHaveSingleItem().ToString().ShouldStartWith("calendar_days: 日期 2030-09-29 既是放假日又是调休上班日");
        Should.Throw<CalendarDataException>(() => WorkingDayCalendar.FromYears([good, good]))
            .Errors.ShouldHaveSingleItem().Message.ShouldContain("2030年的日历重复");
    }

    [Fact]
    public void Every_data_file_in_the_repository_loads()
    {
        var years = CalendarYearFile.LoadDirectory(RepoCalendar.DataDirectory);

        years.Select(y => y.Year).ShouldBe(Enumerable.Range(2004, 23));
        foreach (var year in years)
        {
            year.Sources[0].Title.ShouldBe($"国务院办公厅关于{year.Year}年部分节假日安排的通知");
            year.Via.ShouldBe("chinese-days 1.5.7");
            year.Holidays.ShouldNotBeEmpty();
            year.Holidays.ShouldContain(h => h.Name == "春节");
            year.Holidays.ShouldContain(h => h.Name == "国庆节");
        }
        // Late-December 元旦 days decided by the next year's notice are attributed to it.
        years.Single(y => y.Year == 2018).Sources.ShouldContain(s => s.Title == "国务院办公厅关于2019年部分节假日安排的通知");
        years.Single(y => y.Year == 2020).Sources.ShouldContain(s => s.Title == "国务院办公厅关于延长2020年春节假期的通知");
    }
}
