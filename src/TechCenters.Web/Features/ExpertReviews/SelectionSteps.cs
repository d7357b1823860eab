using TechCenters.Policy;
using TechCenters.Policy.Rules;

namespace TechCenters.Web.Features.ExpertReviews;

/// <summary>What the pack says about the selecting half, read generically (no jurisdiction names). Pure.</summary>
public static class SelectionSteps
{
    /// <summary>The decision meeting as the pack names it (会议研究 / 局长办公会审议 / 局党组会研究同意), or the decision stage's name.</summary>
    public static string MeetingName(PolicyPack pack)
    {
        var rule = pack.Rules.OfType<DutyRule>().FirstOrDefault(r => r.Topic == "decision" && r.Actor == Actors.DecisionMeeting);
        return rule?.Title ?? pack.Stages?.FirstOf(StageSteps.Decision)?.Name ?? "科技局研究决定";
    }

    public enum SiteVisitMode { None, Optional, Required }

    /// <summary>实地考察: absent → none; an officer's call (必要时) → optional; otherwise the panel records one.</summary>
    public static SiteVisitMode SiteVisit(PolicyPack pack)
    {
        var rules = pack.Rules.Where(r => r.Topic == "site_visit").ToList();
        if (rules.Count == 0 || rules.All(r => r.Kind == "absent")) return SiteVisitMode.None;
        return rules.Any(r => r.Kind != "absent" && !r.Judgement) ? SiteVisitMode.Required : SiteVisitMode.Optional;
    }

    public static bool HasPublicNotice(PolicyPack pack) => pack.Stages?.FirstOf(StageSteps.PublicNotice) is not null;

    public static PeriodRule? NoticePeriod(PolicyPack pack) => pack.RuleOf<PeriodRule>("process", "public_notice");
    public static NamingRule? Naming(PolicyPack pack) => pack.RuleOf<NamingRule>("process", "naming");
    public static AmountRule? Subsidy(PolicyPack pack) => pack.RuleOf<AmountRule>("process", "subsidy");
}
