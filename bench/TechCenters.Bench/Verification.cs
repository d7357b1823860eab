using TechCenters.Policy;

namespace TechCenters.Bench;

/// <summary>
/// Proves the hand-written baseline does the pack's work before anything is measured: the same verdict (outcome, reasons
/// with ids, articles, outcomes, required/actual values, messages and doubts, presumptions) for the benchmarked application
/// and for variants that take the other branches and fail rules. Run by Program before benchmarking and by a policy test
/// (Bug_0333), so a pack change the baseline does not follow fails the tests instead of rotting the benchmark.
/// </summary>
public static class Verification
{
    /// <summary>One line per jurisdiction that agrees, and the differences of those that do not.</summary>
    public static (IReadOnlyList<string> Summary, IReadOnlyList<string> Differences) Run()
    {
        var summary = new List<string>();
        var differences = new List<string>();
        foreach (var j in EvaluationBenchmarks.Jurisdictions)
        {
            var b = new EvaluationBenchmarks { Jurisdiction = j };
            b.Setup();
            var pack = b.PackDriven();
            var ok = Compare(pack, b.HandWrittenCsharp(), null, differences);
            var variants = Applications.Variants(j);
            foreach (var v in variants)
            {
                var facts = v.Aggregate(b.Facts, (f, kv) => f.With(kv.Key, kv.Value));
                facts.EnsureValid(b.Vocabulary); // a variant that names a fact the vocabulary no longer has is refused, not silently ignored
                ok &= Compare(b.Pack.Evaluate(facts, "eligibility", "governance"), b.Hand(facts), string.Join(", ", v.Select(kv => $"{kv.Key}={kv.Value}")), differences);
            }
            if (ok) summary.Add($"{j}: {pack.Reasons.Count} reasons, outcome {pack.Outcome}; hand-written identical: True (and for {variants.Count} variants)");
        }
        return (summary, differences);
    }

    private static bool Compare(Verdict pack, Verdict hand, string? variant, List<string> differences)
    {
        var same = pack.Jurisdiction == hand.Jurisdiction && pack.Version == hand.Version && pack.Document == hand.Document
            && pack.Outcome == hand.Outcome && pack.Reasons.Count == hand.Reasons.Count && pack.Reasons.Zip(hand.Reasons).All(x => Same(x.First, x.Second))
            && SameList(pack.Presumptions, hand.Presumptions);
        if (same) return true;
        differences.Add($"{pack.Jurisdiction}{(variant is null ? "" : $" [{variant}]")}: hand-written differs (outcome {pack.Outcome} vs {hand.Outcome})");
        foreach (var (p, h) in pack.Reasons.Zip(hand.Reasons).Where(x => !Same(x.First, x.Second)))
            differences.Add($"  pack: {Show(p)}\n  hand: {Show(h)}");
        if (pack.Reasons.Count != hand.Reasons.Count)
        {
            differences.Add($"  counts differ: {pack.Reasons.Count} vs {hand.Reasons.Count}");
            differences.Add($"  pack ids: {string.Join(" ", pack.Reasons.Select(r => r.RuleId))}\n  hand ids: {string.Join(" ", hand.Reasons.Select(r => r.RuleId))}");
        }
        if (!SameList(pack.Presumptions, hand.Presumptions))
            differences.Add($"  presumptions differ:\n  pack: {string.Join(" | ", pack.Presumptions ?? [])}\n  hand: {string.Join(" | ", hand.Presumptions ?? [])}");
        return false;
    }

    // Reason and Doubt are records, but their lists (Doubt.Words, Derived) compare by reference: compare them item by item.
    private static bool Same(Reason a, Reason b) =>
        a with { Doubt = null, Derived = null } == b with { Doubt = null, Derived = null }
        && SameList(a.Derived, b.Derived)
        && (a.Doubt is null ? b.Doubt is null : b.Doubt is not null && a.Doubt with { Words = null } == b.Doubt with { Words = null } && SameList(a.Doubt.Words, b.Doubt.Words));

    private static bool SameList(IReadOnlyList<string>? a, IReadOnlyList<string>? b) => a is null ? b is null : b is not null && a.SequenceEqual(b);

    private static string Show(Reason r) =>
        $"{r}{(r.Doubt is { } d ? $" doubt {d.Kind} {d.Fact} [{string.Join(",", d.Words ?? [])}] {d.Answer} {d.AnswerReason}" : "")}{(r.Derived is { } dv ? $" derived [{string.Join(";", dv)}]" : "")}";
}
