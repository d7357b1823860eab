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

    public static Facts FactsOf(IReadOnlyCollection<Expert> members) => Facts.From(new Dictionary<string, object?>
    {
        ["expert_panel.size"] = members.Count,
        ["expert_panel.expertise"] = members.Select(m => Code(m.Kind)).Distinct().ToList(),
    });

    /// <summary>Every rule of the pack about the panel, evaluated (pass and fail), for display.</summary>
    public static IReadOnlyList<Reason> Evaluate(PolicyPack pack, IReadOnlyCollection<Expert> members)
    {
        var ids = pack.Rules.Where(r => r.Topic == "expert_panel" && r.Evaluable).Select(r => r.Id).ToList();
        if (ids.Count == 0) return [];
        return pack.Evaluate(FactsOf(members), ["process"], ids).Reasons;
    }

    /// <summary>Null when the panel may be formed; else why not.</summary>
    public static string? Refusal(PolicyPack pack, IReadOnlyCollection<Expert> members)
    {
        if (members.Count == 0) return "专家组至少须有一名专家。";
        var failed = Evaluate(pack, members).Where(r => r.Outcome == Outcome.Fail).ToList();
        return failed.Count == 0 ? null : "专家组不符合规定：" + string.Join("；", failed.Select(f => f.Message)) + "。";
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
