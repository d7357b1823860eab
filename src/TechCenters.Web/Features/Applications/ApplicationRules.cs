using TechCenters.Policy;
using TechCenters.Policy.Rules;

namespace TechCenters.Web.Features.Applications;

/// <summary>Which of a pack's rules the applying pages use. Everything comes from the pack; nothing names a jurisdiction.</summary>
public static class ApplicationRules
{
    public const string EligibilityArea = "eligibility";
    public const string PlanSectionsFact = "application.plan_sections";

    /// <summary>Rules shown on the eligibility panel: the eligibility area, the naming rule and re-application bans.</summary>
    public static IReadOnlyList<string> PanelRuleIds(PolicyPack pack) =>
        pack.Rules.Where(r => r.Evaluable && (r.Area == EligibilityArea || r is NamingRule || r is BanRule)).Select(r => r.Id).ToList();

    /// <summary>A unit with no revocation on record is under no ban: ban rules are then left off the panel.</summary>
    public static Verdict Panel(PolicyPack pack, Facts facts)
    {
        var revoked = facts.Paths.Contains("revocation.revoked_on");
        var bans = pack.Rules.OfType<BanRule>().Select(r => r.Id).ToHashSet();
        // Credit and conduct rules read the integrity record too (a contradiction with the declaration is the officer's).
        return Integrity.IntegrityCheck.Evaluate(pack, facts, PanelRuleIds(pack).Where(id => revoked || !bans.Contains(id)).ToList());
    }

    /// <summary>Re-application bans (不得再行申报) that fail for these facts.</summary>
    public static IReadOnlyList<Reason> Bans(PolicyPack pack, Facts facts)
    {
        var ids = pack.Rules.OfType<BanRule>().Select(r => r.Id).ToList();
        return ids.Count == 0 ? [] : pack.Evaluate(facts, null, ids).Reasons.Where(r => r.Outcome == Outcome.Fail).ToList();
    }

    /// <summary>The construction plan outline: the pack's list rule over application.plan_sections (empty: one free-text plan).</summary>
    public static ListRule? PlanOutline(PolicyPack pack) =>
        pack.Rules.OfType<ListRule>().FirstOrDefault(r => r.Fact == PlanSectionsFact);

    public static SignaturePagesRule? SignaturePages(PolicyPack pack) => pack.Rules.OfType<SignaturePagesRule>().FirstOrDefault();

    /// <summary>The 申报书 as the pack's text lays it out (第十二师 附1), or null when the text lays out none.</summary>
    public static ApplicationFormRule? Form(PolicyPack pack) => pack.Rules.OfType<ApplicationFormRule>().FirstOrDefault();

    public static NamingRule? Naming(PolicyPack pack) => pack.Rules.OfType<NamingRule>().FirstOrDefault();

    /// <summary>Lists of the eligibility area with nothing to compute (申报书内容, 承诺事项, 建设类别): confirmed item by item on the form.</summary>
    public static IEnumerable<ListRule> Checklists(PolicyPack pack) =>
        pack.Rules.OfType<ListRule>().Where(r => r.Area == EligibilityArea && r.Fact is null);

    /// <summary>Facts the platform fills itself (from the registry, the plan, the clock, the revocation record).</summary>
    public static readonly IReadOnlySet<string> DerivedFacts = new HashSet<string>
    {
        "lead.type", "lead.reports_to_bureau_directly", "application.center_name", "application.submitted_on",
        "co_builders", "application.core_co_builder_count", PlanSectionsFact, "application.plan_chars",
        "revocation.revoked_on", "revocation.ground", "revocation.grounds", "application.submitted_at", Integrity.IntegrityCheck.RecordFactPath,
    };

    /// <summary>The facts the applicant types: what the panel's rules read, less what the platform derives.</summary>
    public static IReadOnlyList<string> TypedFacts(PolicyPack pack)
    {
        var ids = PanelRuleIds(pack).ToHashSet();
        return pack.Rules.Where(r => ids.Contains(r.Id)).SelectMany(r => r.FactsRead).Distinct()
            .Where(f => !DerivedFacts.Contains(f) && !f.EndsWith(".*", StringComparison.Ordinal)).ToList();
    }
}
