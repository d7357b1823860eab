using TechCenters.Policy;
using TechCenters.Web.Features.Units;

namespace TechCenters.Web.Features.ExpertReviews;

/// <summary>The pack's expert-panel rules (size, expertise mix) applied to a proposed panel, pure.</summary>
public static class PanelCheck
{
    public static string Code(ExpertiseKind k) => k switch
    {
        ExpertiseKind.Technical => "technical",
        ExpertiseKind.Management => "management",
        _ => "finance",
    };

    /// <summary>
    /// The panel as facts; an officer's reason for an exception the text allows (万州 “原则上不少于5人”) is the officer's
    /// answer to every judgement word of the panel rules, so the verdict keeps it.
    /// </summary>
    public static Facts FactsOf(PolicyPack pack, IReadOnlyCollection<Expert> members, string? exceptionReason = null)
    {
        var values = new Dictionary<string, object?>
        {
            ["expert_panel.size"] = members.Count,
            ["expert_panel.expertise"] = members.Select(m => Code(m.Kind)).Distinct().ToList(),
        };
        if (!string.IsNullOrWhiteSpace(exceptionReason))
            foreach (var r in PanelRules(pack).Where(r => r.Judgement))
            {
                values[r.AnswerFact] = "pass";
                values[r.AnswerReasonFact] = exceptionReason.Trim();
            }
        return Facts.From(values);
    }

    private static IEnumerable<TechCenters.Policy.Rules.Rule> PanelRules(PolicyPack pack) => pack.Rules.Where(r => r.Topic == "expert_panel" && r.Evaluable);

    /// <summary>Every rule of the pack about the panel, evaluated (pass and fail), for display.</summary>
    public static IReadOnlyList<Reason> Evaluate(PolicyPack pack, IReadOnlyCollection<Expert> members, string? exceptionReason = null)
    {
        var ids = PanelRules(pack).Select(r => r.Id).ToList();
        if (ids.Count == 0) return [];
        return pack.Evaluate(FactsOf(pack, members, exceptionReason), ["process"], ids).Reasons;
    }

    /// <summary>
    /// Null when the panel may be formed; else why not. A shortfall the text allows “in principle” (原则上) needs the
    /// officer's recorded reason; without one it is refused like a failure, never formed silently.
    /// </summary>
    public static string? Refusal(PolicyPack pack, IReadOnlyCollection<Expert> members, string? exceptionReason = null)
    {
        if (members.Count == 0) return "专家组至少须有一名专家。";
        var reasons = Evaluate(pack, members, exceptionReason);
        var failed = reasons.Where(r => r.Outcome == Outcome.Fail).Select(f => f.Message).ToList();
        var unanswered = reasons.Where(r => r.Outcome == Outcome.NeedsJudgement && r.Doubt?.Kind == DoubtKinds.Judgement).Select(f => f.Message).ToList();
        if (failed.Count + unanswered.Count == 0) return null;
        return "专家组不符合规定：" + string.Join("；", failed.Concat(unanswered)) + "。" +
               (unanswered.Count > 0 ? "低于“原则上”要求的，如确需例外，请填写例外理由后再组建。" : "");
    }

    /// <summary>What the pack requires of the panel, for the page (e.g. 专家组人数：原则上不少于5人).</summary>
    public static IEnumerable<string> Requirements(PolicyPack pack) =>
        pack.Rules.Where(r => r.Topic == "expert_panel" && r.Kind != "absent").Select(r => $"{r.Describe(pack.Env)}（{r.Article}）");
}

/// <summary>The panel's result for one application: every member's opinion, the mean score, how many recommend. Pure.</summary>
public sealed record ReviewSummary(int Members, int Submitted, decimal? MeanScore, decimal? MinScore, decimal? MaxScore, int Recommending)
{
    public bool Complete => Members > 0 && Submitted == Members;
    public bool MajorityRecommends => Recommending * 2 > Members;

    public static ReviewSummary Of(int members, IReadOnlyCollection<ExpertReview> reviews) => new(
        members, reviews.Count,
        reviews.Count == 0 ? null : Math.Round(reviews.Average(r => r.Score), 2),
        reviews.Count == 0 ? null : reviews.Min(r => r.Score),
        reviews.Count == 0 ? null : reviews.Max(r => r.Score),
        reviews.Count(r => r.Recommend));
}
