using Shouldly;
using TechCenters.Policy.Calendar;
using Xunit;

namespace TechCenters.Policy.Tests.Calendar;

public sealed class CalendarCommandTests
{
    [Fact]
    public void Add_working_days_prints_the_explanation()
    {
        var output = CalendarCommand.AddWorkingDays(RepoCalendar.Shared, "2026-09-25", "5", "公示期");

        output.ExitCode.ShouldBe(CalendarCommand.Ok);
        output.Text.ShouldBe("公示期自2026年9月25日之后的第一个工作日（2026年9月28日）起算，5个工作日，至2026年10月9日（国庆节假期顺延）止");
    }

    [Fact]
    public void Add_working_days_into_an_unpublished_year_exits_with_not_published()
    {
        var output = CalendarCommand.AddWorkingDays(RepoCalendar.Shared, "2026-12-18", "20");

        output.ExitCode.ShouldBe(CalendarCommand.NotPublished);
        output.Text.ShouldContain("2027年");
    }

    [Theory]
    [InlineData("2026-02-30", "5", "--from")]
    [InlineData("2026/09/25", "5", "--from")]
    [InlineData("2026-09-25", "0", "--days")]
    [InlineData("2026-09-25", "-3", "--days")]
    [InlineData("2026-09-25", "五", "--days")]
    public void Bad_options_are_reported_not_thrown(string from, string days, string option)
    {
        var output = CalendarCommand.AddWorkingDays(RepoCalendar.Shared, from, days);

        output.ExitCode.ShouldBe(CalendarCommand.BadInput);
        output.Text.ShouldStartWith(option);
    }
}
