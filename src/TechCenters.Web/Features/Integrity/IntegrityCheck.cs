using TechCenters.Policy;
using TechCenters.Policy.Rules;

namespace TechCenters.Web.Features.Integrity;

/// <summary>
/// Every credit/conduct gate reads the record, pure. The facts carry what the record says (<see cref="RecordFact"/>,
/// the vocabulary's <c>integrity.record</c>, filled by the platform); a rule reading a fact the record bears on is judged
/// on the record — the finding cited — where the applicant declared nothing; where the declaration agrees, the record
/// is cited as agreeing; where the record contradicts the declaration, the rule is the officer's to decide
/// (NeedsJudgement with both sources, answered as <c>judgements.&lt;rule&gt;</c> with a reason): never a silent pass or fail.
/// </summary>
public static class IntegrityCheck
{
    public const string RecordFactPath = "integrity.record";
    public const string Word = "申报与科研诚信记录不一致";

    public static Facts WithRecord(Facts facts, IReadOnlyList<RecordFact> record) =>
        record.Count == 0 ? facts : facts.With(RecordFactPath, IntegrityRules.ToJson(record));

    public static Verdict Evaluate(PolicyPack pack, Facts facts, IReadOnlyCollection<string> ruleIds)
    {
        var declared = pack.Evaluate(facts, null, ruleIds);
        var record = IntegrityRules.FromJson(facts.Text(RecordFactPath));
        if (record.Count == 0) return declared;
        var vocabulary = pack.Env.Vocabulary;
        var recordPaths = record.Select(r => r.Path).ToHashSet();
        // The record's facts and the facts derived from them (近三年有不良信用记录 from the dates).
        var inputsOf = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var (path, def) in vocabulary.Facts)
            if (def.Derive is { } d && d.Inputs.Any(recordPaths.Contains)) inputsOf[path] = d.Inputs;
        var bearing = recordPaths.Concat(inputsOf.Keys).ToHashSet();
        var rules = pack.Rules.Where(r => ruleIds.Contains(r.Id) && r.FactsRead.Any(bearing.Contains)).ToDictionary(r => r.Id);
        if (rules.Count == 0) return declared;

        var withRecord = Apply(facts, record);
        // Contradiction is judged without the officer's answers (an answer settles it, it does not hide it).
        var bare = facts;
        foreach (var id in rules.Keys) bare = bare.With(Rule.AnswerPrefix + id, null).With(Rule.AnswerReasonPrefix + id, null);
        var ids = rules.Keys.ToList();
        var recorded = pack.Evaluate(withRecord, null, ids).Reasons.ToLookup(r => r.RuleId);
        var declaredBare = pack.Evaluate(bare, null, ids).Reasons.ToLookup(r => r.RuleId);
        var recordedBare = pack.Evaluate(Apply(bare, record), null, ids).Reasons.ToLookup(r => r.RuleId);

        var reasons = new List<Reason>();
        foreach (var group in declared.Reasons.GroupBy(r => r.RuleId))
        {
            if (!rules.TryGetValue(group.Key, out var rule)) { reasons.AddRange(group); continue; }
            var reads = rule.FactsRead.Where(bearing.Contains).ToList();
            var sources = reads.SelectMany(f => inputsOf.TryGetValue(f, out var i) ? i : [f]).ToHashSet();
            var cites = record.Where(r => sources.Contains(r.Path)).SelectMany(r => r.Cites).Distinct().ToList();
            var citeText = $"科研诚信记录：{string.Join("；", cites)}";
            var typed = reads.Any(facts.Has);
            if (!typed)
            {
                reasons.AddRange(recorded[group.Key].Select(r => r with { Message = r.Message + $"（平台依{citeText}）" }));
                continue;
            }
            var d0 = declaredBare[group.Key].ToList();
            var r0 = recordedBare[group.Key].ToList();
            if (d0.Select(r => r.Outcome).SequenceEqual(r0.Select(r => r.Outcome)))
            {
                reasons.AddRange(group.Select(r => r with { Message = r.Message + $"；与{citeText}一致" }));
                continue;
            }
            reasons.Add(Contradiction(rule, facts, d0, r0, citeText));
        }
        return declared with { Reasons = reasons, Outcome = Verdict.Combine(reasons) };
    }

    private static Reason Contradiction(Rule rule, Facts facts, IReadOnlyList<Reason> declared, IReadOnlyList<Reason> recorded, string citeText)
    {
        var d = string.Join("；", declared.Select(r => r.Message));
        var r = string.Join("；", recorded.Select(x => x.Message));
        var first = recorded.FirstOrDefault() ?? declared[0];
        var message = $"申报自述：{d}。{citeText}，据此：{r}。两者不一致，须经办人判断（答复 {rule.AnswerFact}，并写明理由）";
        var actual = $"申报：{string.Join("、", declared.Select(x => x.Actual))}；记录：{string.Join("、", recorded.Select(x => x.Actual))}";
        var answer = facts.Text(rule.AnswerFact);
        var why = facts.Text(rule.AnswerReasonFact);
        if (answer is null || string.IsNullOrWhiteSpace(why))
            return new Reason(rule.Id, first.Article, Outcome.NeedsJudgement, first.Required, actual, message, Doubt: new Doubt(DoubtKinds.Judgement, rule.AnswerFact, [Word]));
        var pass = answer == "pass";
        return new Reason(rule.Id, first.Article, pass ? Outcome.Pass : Outcome.Fail, first.Required, actual,
            message + $"；经办人判断为{(pass ? "符合" : "不符合")}，理由：{why}", Doubt: new Doubt(DoubtKinds.Judgement, rule.AnswerFact, [Word], answer, why));
    }

    private static Facts Apply(Facts facts, IReadOnlyList<RecordFact> record)
    {
        foreach (var r in record) facts = r.Dates is { } dates ? facts.With(r.Path, dates.ToList()) : facts.With(r.Path, r.Bool);
        return facts;
    }
}
