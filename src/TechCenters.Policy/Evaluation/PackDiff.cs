using TechCenters.Policy.Rules;

namespace TechCenters.Policy;

/// <summary>One rule that differs between two versions: added, removed, or changed (what it says, where, when it applies).</summary>
public sealed record RuleChange(string Change, string RuleId, string Area, string? Before, string? After)
{
    public const string Added = "added";
    public const string Removed = "removed";
    public const string Changed = "changed";
}

/// <summary>A case or center whose verdict differs under the new version: the outcome before and after, and the rules that moved.</summary>
public sealed record VerdictChange(string Id, string Label, Verdict Old, Verdict New, IReadOnlyList<string> Moves);

/// <summary>
/// `policy diff`: what changed, rule by rule, between two dated versions of a jurisdiction's pack, and which cases and
/// centers would get a different verdict under the new one — so a bureau sees a revision's effect before it takes effect.
/// Pure: the caller supplies the cases' facts (from the database, a folder of facts files…).
/// </summary>
public static class PackDiff
{
    public static IReadOnlyList<RuleChange> Compare(PolicyPack old, PolicyPack @new)
    {
        var changes = new List<RuleChange>();
        foreach (var (label, a, b) in new (string, string, string)[]
        {
            ("标题", old.Title, @new.Title), ("文号", old.Document, @new.Document),
            ("施行", Period(old), Period(@new)), ("废止/替代", old.Replaces.ToString(), @new.Replaces.ToString()),
        })
            if (a != b) changes.Add(new RuleChange(RuleChange.Changed, $"pack.yaml {label}", "pack", a, b));
        var before = old.Rules.ToDictionary(r => r.Id);
        var after = @new.Rules.ToDictionary(r => r.Id);
        foreach (var r in old.Rules.Where(r => !after.ContainsKey(r.Id)))
            changes.Add(new RuleChange(RuleChange.Removed, r.Id, r.Area, Say(old, r), null));
        foreach (var r in @new.Rules)
        {
            if (!before.TryGetValue(r.Id, out var o)) { changes.Add(new RuleChange(RuleChange.Added, r.Id, r.Area, null, Say(@new, r))); continue; }
            var (a, b) = (Say(old, o), Say(@new, r));
            if (a != b) changes.Add(new RuleChange(RuleChange.Changed, r.Id, r.Area, a, b));
        }
        return changes;
    }

    private static string Period(PolicyPack p) => $"{p.InForceFrom:yyyy-MM-dd}" + (p.InForceTo is { } to ? $" 至 {to:yyyy-MM-dd}" : " 起");

    /// <summary>Everything a reader of the rule sees, in one line: where, what, when it applies, its judgement words and note.</summary>
    private static string Say(PolicyPack pack, Rule r) =>
        $"［{r.Kind}］{r.Article ?? "（未规定）"} {r.Describe(pack.Env)}" +
        (r.AppliesWhen.Count > 0 ? $"（适用条件：{Condition.DescribeAll(r.AppliesWhen, pack.Env.Vocabulary)}）" : "") +
        (r.Judgement ? $"（判断用语：{string.Join("、", r.JudgementWords)}）" : "") +
        (r.Note is null ? "" : $"（注：{r.Note}）");

    /// <summary>The cases whose verdict would differ if judged by <paramref name="new"/> instead of <paramref name="old"/>.</summary>
    public static IReadOnlyList<VerdictChange> Affected(PolicyPack old, PolicyPack @new, IEnumerable<(string Id, string Label, Facts Facts)> cases,
        IReadOnlyCollection<string>? areas = null)
    {
        var result = new List<VerdictChange>();
        foreach (var (id, label, facts) in cases)
        {
            var a = old.Evaluate(facts, areas, null);
            var b = @new.Evaluate(facts, areas, null);
            var moves = new List<string>();
            var ruleIds = a.Reasons.Select(r => r.RuleId).Concat(b.Reasons.Select(r => r.RuleId)).Distinct();
            foreach (var rule in ruleIds)
            {
                var x = a.Reasons.Where(r => r.RuleId == rule).ToList();
                var y = b.Reasons.Where(r => r.RuleId == rule).ToList();
                var ox = x.Count == 0 ? "不适用" : Verdict.OutcomeLabel(Verdict.Combine(x));
                var oy = y.Count == 0 ? "不适用" : Verdict.OutcomeLabel(Verdict.Combine(y));
                if (ox != oy) moves.Add($"{rule}：{ox} → {oy}" + (y.Count > 0 ? $"（{y[0].Article}）" : ""));
            }
            if (a.Outcome != b.Outcome || moves.Count > 0) result.Add(new VerdictChange(id, label, a, b, moves));
        }
        return result;
    }

    /// <summary>The rule changes in Chinese lines, one block per rule.</summary>
    public static IEnumerable<string> Lines(PolicyPack old, PolicyPack @new, IReadOnlyList<RuleChange> changes)
    {
        yield return $"《{@new.Title}》{old.Version} 版 → {@new.Version} 版：{changes.Count} 处变化";
        foreach (var c in changes)
        {
            var head = c.Change switch { RuleChange.Added => "＋ 新增", RuleChange.Removed => "－ 删除", _ => "＊ 修改" };
            yield return $"{head} {c.RuleId}（{c.Area}）";
            if (c.Before is not null) yield return $"    旧：{c.Before}";
            if (c.After is not null) yield return $"    新：{c.After}";
        }
    }
}
