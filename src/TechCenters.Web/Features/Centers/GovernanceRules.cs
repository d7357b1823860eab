using TechCenters.Policy;
using TechCenters.Policy.Rules;

namespace TechCenters.Web.Features.Centers;

/// <summary>
/// What a center's pack says about its governance, read from the pack's rules (never from the jurisdiction): which bodies
/// it speaks of, who each is filed with, and the facts its rules read — member counts per affiliation as the pack counts
/// them, the chair's affiliation, filings of the current composition, an officer's answers to judgement words. Pure.
/// </summary>
public static class GovernanceRules
{
    public const string Area = "governance";

    /// <summary>A subject of the pack's governance rules: a body (理事会、专家委员会…) or the director, and whom it is filed with.</summary>
    public sealed record Subject(string Key, string Name, string? Topic, IReadOnlyList<FilingTo> FiledWith)
    {
        public bool IsDirector => Key == GovernanceBody.Director;
        public string FactPrefix => IsDirector ? "director" : $"bodies.{Key}";
    }

    /// <summary>A recipient the pack names for a filing (备案), with the rule and article that name it.</summary>
    public sealed record FilingTo(string Actor, string RuleId, string Article);

    /// <summary>The bodies the pack's governance rules speak of, in the order they first appear, then the director.</summary>
    public static IReadOnlyList<Subject> Subjects(PolicyPack pack)
    {
        var rules = pack.InArea(Area).ToList();
        var keys = new List<string>();
        foreach (var r in rules)
        {
            var named = r is BodyRule b ? [b.Body] : r.FactsRead.Where(f => f.StartsWith("bodies.", StringComparison.Ordinal)).Select(f => f.Split('.')[1]);
            foreach (var k in named) if (!keys.Contains(k)) keys.Add(k);
        }
        var subjects = keys.Select(k => new Subject(k, pack.Env.Vocabulary.Bodies.GetValueOrDefault(k, k),
            rules.FirstOrDefault(r => Names(r, k) && r.Topic is "decision_body" or "advisory_body")?.Topic, FilingOf(rules, $"bodies.{k}"))).ToList();
        subjects.Add(new Subject(GovernanceBody.Director, "中心主任（总经理）", "director", FilingOf(rules, "director")));
        return subjects;
    }

    private static bool Names(Rule r, string body) =>
        r is BodyRule b ? b.Body == body : r.FactsRead.Any(f => f.StartsWith($"bodies.{body}.", StringComparison.Ordinal));

    private static IReadOnlyList<FilingTo> FilingOf(IEnumerable<Rule> rules, string prefix)
    {
        var list = new List<FilingTo>();
        foreach (var (suffix, actor) in new[] { ("filed_with_bureau", Actors.Bureau), ("filed_with_department", Actors.Department) })
            if (rules.FirstOrDefault(r => r.FactsRead.Contains($"{prefix}.{suffix}")) is { } rule)
                list.Add(new FilingTo(actor, rule.Id, rule.Article ?? ""));
        return list;
    }

    /// <summary>The rules a body's composition is judged by (not its meetings or votes, which are judged per year and per matter).</summary>
    public static IReadOnlyList<string> CompositionRules(PolicyPack pack) =>
        pack.InArea(Area).Where(r => r.Evaluable && r is not BodyMeetingsRule and not BodyMajorityRule).Select(r => r.Id).ToList();

    /// <summary>The subject a rule is about (for an officer's judgement on it), or null.</summary>
    public static string? SubjectOf(Rule r) =>
        r is BodyRule b ? b.Body
        : r.FactsRead.FirstOrDefault(f => f.StartsWith("bodies.", StringComparison.Ordinal))?.Split('.')[1]
          ?? (r.FactsRead.Any(f => f.StartsWith("director.", StringComparison.Ordinal)) ? GovernanceBody.Director : null);

    /// <summary>
    /// The facts the governance rules read, from what is recorded: a body not recorded has no members (and is not
    /// established); filings count only for the composition version they filed; judgements only for the version judged.
    /// </summary>
    public static Facts FactsOf(PolicyPack pack, Center center, IReadOnlyList<GovernanceBody> bodies, IReadOnlyList<GovernanceFiling> filings,
        IReadOnlyList<GovernanceJudgement> judgements)
    {
        var v = new Dictionary<string, object?>();
        foreach (var s in Subjects(pack))
        {
            var rec = bodies.FirstOrDefault(b => b.Body == s.Key);
            var members = rec?.Members ?? [];
            if (s.IsDirector)
            {
                if (members.FirstOrDefault()?.FullTime is { } fullTime) v["director.full_time"] = fullTime;
            }
            else
            {
                v[$"{s.FactPrefix}.established"] = members.Count > 0;
                foreach (var aff in pack.Env.Vocabulary.Affiliations.Keys)
                    v[$"{s.FactPrefix}.members.{aff}"] = members.Count(m => m.Affiliation == aff);
                if (members.FirstOrDefault(m => m.Role == BodyMember.Chair) is { } chair) v[$"{s.FactPrefix}.chair"] = chair.Affiliation;
            }
            foreach (var (suffix, actor) in new[] { ("filed_with_bureau", Actors.Bureau), ("filed_with_department", Actors.Department) })
                v[$"{s.FactPrefix}.{suffix}"] = rec is not null && members.Count > 0
                    && filings.Any(f => f.Body == s.Key && f.Version == rec.Version && f.Recipient == actor);
            if (rec is not null)
                foreach (var j in judgements.Where(j => j.Body == s.Key && j.Version == rec.Version))
                {
                    v[Rule.AnswerPrefix + j.RuleId] = j.Answer;
                    v[Rule.AnswerReasonPrefix + j.RuleId] = j.Reason;
                }
        }
        // Being jointly built (沧州 第十四条 “联合共建的”) is read from the co-builders.
        v["co_builders"] = center.CoBuilders.OrderBy(b => b.Position).Select(b => (IReadOnlyDictionary<string, string>)new Dictionary<string, string>
        {
            ["name"] = b.Unit?.Name ?? "", ["core"] = b.Core ? "true" : "false",
        }).ToList();
        return Facts.From(v);
    }

    /// <summary>The composition judged against the pack: every composition rule of the governance area, with its article.</summary>
    public static Verdict Evaluate(PolicyPack pack, Facts facts) => pack.Evaluate(facts, [Area], CompositionRules(pack));

    /// <summary>Rules of the governance area whose reason for these facts carries an unanswered judgement word (the bureau's call).</summary>
    public static IEnumerable<Reason> Judgeable(Verdict v) =>
        v.Reasons.Where(r => r.Doubt is { Kind: DoubtKinds.Judgement });

    /// <summary>A composition as text, for the filing record and the history (姓名（单位，职称）主任；…).</summary>
    public static string Describe(GovernanceBody body, Vocabulary v) =>
        string.Join("；", body.Members.OrderBy(m => m.Position).Select(m =>
            $"{m.Name}（{m.Employer}，{v.Affiliations.GetValueOrDefault(m.Affiliation, m.Affiliation)}{(m.Title is { Length: > 0 } t ? "，" + t : "")}" +
            $"{(m.FullTime is { } ft ? (ft ? "，全职" : "，非全职") : "")}）{(m.Role == BodyMember.Chair && body.Body != GovernanceBody.Director ? "（主任）" : "")}"));
}
