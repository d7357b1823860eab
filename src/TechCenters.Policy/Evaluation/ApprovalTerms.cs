using TechCenters.Policy.Calendar;
using TechCenters.Policy.Rules;

namespace TechCenters.Policy;

/// <summary>
/// What a pack says follows from approval, for the approval notice and every other document: the construction period
/// (computed here, once — the web and the documents use this, never their own date arithmetic), and the duties the text
/// sets (annual report, performance evaluation), each with its article. A duty the text does not set is not said
/// (沧州 sets no annual report, so its notice does not ask for one).
/// </summary>
public sealed record ApprovalTerms(PeriodRule? ConstructionRule, DateOnly? ConstructionStarts, DateOnly? ConstructionEnds, IReadOnlyList<string> Duties)
{
    public int? ConstructionYears => ConstructionRule is { Unit: "years" } r ? (int)r.Value.Value : null;

    /// <summary>The construction period in a sentence: 建设期为3年（第九条第5项），自2024年9月2日起至2027年9月1日届满。</summary>
    public string? ConstructionSentence => ConstructionRule is { } r && ConstructionStarts is { } s && ConstructionEnds is { } e
        ? $"建设期为{r.Required}（{r.Article}），自批准次日即{ChineseDates.Format(s)}起算，至{ChineseDates.Format(e)}届满。"
        : null;

    public static ApprovalTerms For(PolicyPack pack, DateOnly approvedOn)
    {
        // 民法典第二百零一条、第二百零二条: a period starts the day after the event and ends on the corresponding day.
        var cycle = pack.Rules.OfType<PeriodRule>().FirstOrDefault(r => r.Topic == "construction_cycle");
        DateOnly? ends = cycle?.EndAfter(approvedOn);
        var duties = new List<string>();
        var reporting = pack.InArea("reporting").Where(r => r is not AbsentRule).ToList();
        if (reporting.OfType<DeadlineRule>().FirstOrDefault() is { } due)
            duties.Add($"于{(due.FollowingYear ? "次年" : "当年")}{due.DayText}报送{due.Event}（{due.Article}）");
        else if (reporting.FirstOrDefault() is { } report)
            duties.Add($"按要求报送年度报告（{report.Article}）");
        if (pack.Rules.OfType<PeriodRule>().FirstOrDefault(r => r.Area == "evaluation" && r.Topic == "cycle") is { } eval)
            duties.Add($"按{eval.Article}接受绩效评估（{eval.Describe(pack.Env)}）");
        else if (pack.InArea("evaluation").FirstOrDefault(r => r.Topic == "cycle" && r is not AbsentRule) is { } e2)
            duties.Add($"按{e2.Article}接受绩效评估");
        return new ApprovalTerms(cycle, ends is null ? null : approvedOn.AddDays(1), ends, duties);
    }
}
