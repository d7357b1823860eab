using TechCenters.Web.Features.PublicNotices;

namespace TechCenters.Web.Features.Approvals;

/// <summary>
/// 公示无异议后方可批准, pure: where the pack has a public notice, approval waits for a published notice whose period
/// has ended and for a recorded resolution of every objection; an upheld objection blocks approval for good.
/// </summary>
public static class ApprovalGate
{
    public static string? Refusal(bool packHasNotice, PublicNotice? notice, IReadOnlyCollection<Objection> objections, DateOnly today)
    {
        if (!packHasNotice) return null;
        if (notice is null) return "尚未发布公示，公示无异议后方可批准。";
        if (!notice.EndedBefore(today))
            return $"公示期至{notice.EndsOn:yyyy年M月d日}止，公示期内不能批准（公示无异议后方可批准）。";
        var open = objections.Count(o => o.Upheld is null);
        if (open > 0) return $"尚有{open}件异议未处理，须记录处理结果后方可批准。";
        if (objections.Any(o => o.Upheld == true)) return "异议经核查成立，不能批准。";
        return null;
    }
}

/// <summary>Dates written the way an official document writes them: 二〇二六年十一月二十三日.</summary>
public static class OfficialDate
{
    private static readonly string[] Digits = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

    public static string Format(DateOnly d) =>
        string.Concat(d.Year.ToString(System.Globalization.CultureInfo.InvariantCulture).Select(c => Digits[c - '0'])) + "年" + Number(d.Month) + "月" + Number(d.Day) + "日";

    private static string Number(int n) => n switch
    {
        < 10 => Digits[n],
        10 => "十",
        < 20 => "十" + Digits[n % 10],
        _ => Digits[n / 10] + "十" + (n % 10 == 0 ? "" : Digits[n % 10]),
    };
}
