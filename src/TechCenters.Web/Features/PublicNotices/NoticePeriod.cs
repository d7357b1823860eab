using TechCenters.Policy.Calendar;
using TechCenters.Policy.Rules;

namespace TechCenters.Web.Features.PublicNotices;

/// <summary>
/// 公示期, pure: the end is <c>calendar.AddWorkingDays(published, n)</c> when the pack states n working days. When the
/// period reaches a year whose holiday notice is not published, or the pack states no length, the officer must enter
/// and confirm the end; a "不少于" period may be set longer than the minimum, never shorter.
/// </summary>
public static class NoticePeriod
{
    public sealed record Result(DateOnly? EndsOn, int? WorkingDays, bool ConfirmedByOfficer, string Basis, string? Refusal, bool NeedsConfirmation = false);

    public static Result Decide(PeriodRule? rule, WorkingDayCalendar calendar, DateOnly publishedOn, DateOnly? officerEnd, bool confirmed)
    {
        if (officerEnd is { } e && e <= publishedOn) return Refuse("公示截止日期应晚于发布日期。");
        if (rule is null || rule.Unit != "working_days")
        {
            if (officerEnd is null || !confirmed)
                return new(null, null, false, "", "本办法未规定公示期的长度，请填写并确认公示截止日期。", NeedsConfirmation: true);
            return new(officerEnd, null, true, $"本办法未规定公示期长度，截止日期由经办人确认为{ChineseDates.Format(officerEnd.Value)}", null);
        }
        var n = (int)rule.Value.Value;
        var period = calendar.AddWorkingDays(publishedOn, n);
        var label = $"公示期（{rule.Article}：{rule.Required}）";
        switch (period)
        {
            case WorkingDayPeriod.End end when officerEnd is null || officerEnd == end.Date:
                return new(end.Date, n, false, end.Explain(label), null);
            case WorkingDayPeriod.End end when rule.Bound is not null && officerEnd > end.Date:
                return confirmed
                    ? new(officerEnd, n, true, $"{end.Explain(label)}；经办人确认延长至{ChineseDates.Format(officerEnd.Value)}", null)
                    : new(null, n, false, "", "所填截止日期晚于按工作日计算的截止日期，请勾选确认。", NeedsConfirmation: true);
            case WorkingDayPeriod.End end:
                return Refuse($"公示截止日期不得早于或不同于按工作日计算的{ChineseDates.Format(end.Date)}（{rule.Article}：{rule.Required}）。");
            case WorkingDayPeriod.NotPublished np:
                if (officerEnd is null || !confirmed)
                    return new(null, n, false, "", np.Explain(label) + "。请核实后填写并确认公示截止日期。", NeedsConfirmation: true);
                return new(officerEnd, n, true, $"{np.Explain(label)}；经办人确认截止日期为{ChineseDates.Format(officerEnd.Value)}", null);
            default:
                return Refuse("无法计算公示截止日期。");
        }
    }

    private static Result Refuse(string message) => new(null, null, false, "", message);
}
