using TechCenters.Bench;
using TechCenters.Policy.Rules;

namespace TechCenters.Policy.Tests;

/// <summary>
/// A rule's <see cref="Rule.FactsRead"/> must list every fact its evaluation reads: the forms ask for those facts, and
/// evaluation derives only the derived facts the evaluated rules list (a derived fact read but not listed would be
/// missing). Each evaluable rule of every pack is evaluated on facts that record what is read — the benchmark's
/// applications and their variants, and facts made from the vocabulary with every fact given, in several shapes, so
/// that the branches behind one fact's value are reached.
/// </summary>
public class FactsReadTests
{
    private static readonly Vocabulary Voc = Catalogs.Repo.Vocabulary;

    [Fact]
    public void Bug_0334_every_fact_a_rule_reads_is_in_its_FactsRead()
    {
        var corpus = Corpus().ToList();
        var unlisted = new SortedSet<string>(StringComparer.Ordinal);
        var evaluated = 0;
        foreach (var pack in Catalogs.Repo.Packs)
            foreach (var rule in pack.Rules.Where(r => r.Evaluable))
            {
                var listed = rule.FactsRead.Append(rule.AnswerFact).Append(rule.AnswerReasonFact).ToList();
                foreach (var facts in corpus)
                {
                    var reads = new HashSet<string>(StringComparer.Ordinal);
                    rule.Evaluate(facts.Recording(reads), pack.Env);
                    evaluated++;
                    foreach (var path in reads.Where(p => !Covered(p, listed)))
                        unlisted.Add($"{pack.Folder} {rule.Id}（{rule.Kind}）读取了 {path}");
                }
            }
        evaluated.ShouldBeGreaterThan(1000);
        unlisted.ShouldBeEmpty("规则读取了未列入 FactsRead 的事实：\n" + string.Join("\n", unlisted));
    }

    /// <summary>
    /// Evaluation derives only the derived facts the evaluated areas' rules read: every pack, on every facts of the
    /// corpus, area by area and all areas at once, gives the verdict it gives on facts with every derived fact computed.
    /// </summary>
    [Fact]
    public void Deriving_only_what_the_rules_read_keeps_every_verdict()
    {
        var differences = new List<string>();
        var compared = 0;
        foreach (var pack in Catalogs.Repo.Packs)
        {
            var areas = pack.Rules.Where(r => r.Evaluable).Select(r => r.Area).Distinct().Select(a => new[] { a }).Append([]).ToList();
            foreach (var raw in Corpus(derived: false))
            {
                var full = raw.Derive(Voc);
                foreach (var area in areas)
                {
                    var fresh = Show(pack.Evaluate(raw.With("test.fresh", null), area));
                    compared++;
                    if (fresh != Show(pack.Evaluate(full, area)))
                        differences.Add($"{pack.Folder} [{string.Join(",", area)}]:\n{fresh}\n——\n{Show(pack.Evaluate(full, area))}");
                }
            }
        }
        compared.ShouldBeGreaterThan(100);
        differences.ShouldBeEmpty(string.Join("\n\n", differences.Take(3)));
    }

    [Fact]
    public void A_partial_derivation_computes_what_it_needs_and_what_that_is_computed_from()
    {
        var facts = Facts.From(new Dictionary<string, object?>
        {
            ["application.submitted_at"] = new DateTimeOffset(2024, 10, 14, 20, 0, 0, TimeSpan.Zero), // 2024-10-15 in Beijing
            ["lead.bad_credit_dates"] = new List<DateOnly> { new(2021, 10, 16) },
            ["agreement.starts_on"] = new DateOnly(2024, 1, 1),
            ["agreement.ends_on"] = new DateOnly(2026, 12, 31),
            ["agreement.term_years"] = "5", // contradicts the dates: a conflict only a full derivation reports
        });
        var needed = Voc.DerivedNeeded(["lead.bad_credit_last_3y"]);
        var some = facts.DeriveFor(Voc, needed);
        some.Bool("lead.bad_credit_last_3y").ShouldBe(true); // 2021-10-16 is within the three years up to 2024-10-15
        some.Date("application.submitted_on").ShouldBe(new DateOnly(2024, 10, 15));
        some.Formulas.Keys.Order().ShouldBe(["application.submitted_on", "lead.bad_credit_last_3y"]);
        some.Number("agreement.term_years").ShouldBe(5m); // not needed: the typed figure, not computed
        some.IsDerivedWith(Voc).ShouldBeFalse();
        facts.DeriveFor(Voc, needed).ShouldBeSameAs(some);
        some.DeriveFor(Voc, needed).ShouldBeSameAs(some);
        facts.Validate(Voc).ShouldContain(e => e.Contains("agreement.term_years"));
        facts.DeriveFor(Voc, Voc.DerivedNeeded(["agreement.term_years"])).Number("agreement.term_years").ShouldBe(3m);
        facts.DeriveFor(Voc, 0).ShouldBeSameAs(facts);
        Voc.DerivedNeeded(["lead.type", "bodies.council.members.*"]).ShouldBe(0UL);
        Voc.DerivedNeeded(["evaluation.*"]).ShouldBe(Voc.DerivedNeeded(["evaluation.years_recognized"]));
    }

    private static string Show(Verdict v) =>
        $"{v.Outcome}\n" + string.Join("\n", v.Reasons.Select(r => $"{r with { Doubt = null, Derived = null }} | {r.Doubt?.Kind} {r.Doubt?.Fact} " +
            $"[{string.Join(",", r.Doubt?.Words ?? [])}] {r.Doubt?.Answer} {r.Doubt?.AnswerReason} | [{string.Join(";", r.Derived ?? [])}]")) +
        $"\n{string.Join(";", v.Presumptions ?? [])}";

    [Fact]
    public void The_recording_sees_reads_and_wildcard_listings()
    {
        var reads = new List<string>();
        var facts = Facts.From([new("a.b", 1m), new("s.x", "1"), new("s.y", "2")]).Recording(reads);
        facts.Number("a.b").ShouldBe(1m);
        facts.Text("c").ShouldBeNull();
        facts.PathsUnder("s.").Order().ShouldBe(["s.x", "s.y"]);
        reads.ShouldBe(["a.b", "c", "s.*"]);
        Covered("bodies.council.members.lead", ["bodies.council.members.*"]).ShouldBeTrue();
        Covered("s.*", ["s.*"]).ShouldBeTrue();
        Covered("bodies.council.chair", ["bodies.council.members.*"]).ShouldBeFalse();
        Covered("bodies.council.members", ["bodies.council.members.*"]).ShouldBeFalse();
    }

    private static bool Covered(string path, IReadOnlyList<string> listed) =>
        listed.Any(f => f == path || f.EndsWith(".*", StringComparison.Ordinal) && path.StartsWith(f[..^1], StringComparison.Ordinal));

    /// <summary>The facts evaluated, by default already derived (every derived fact) as a rule evaluated alone needs them.</summary>
    private static IEnumerable<Facts> Corpus(bool derived = true)
    {
        IEnumerable<Facts> Raw()
        {
            yield return Facts.Empty;
            foreach (var j in EvaluationBenchmarks.Jurisdictions)
            {
                var app = Facts.FromYaml(Applications.For(j));
                yield return app;
                foreach (var variant in Applications.Variants(j))
                    yield return variant.Aggregate(app, (f, kv) => f.With(kv.Key, kv.Value));
            }
            for (var shape = 0; shape < 4; shape++) yield return Generated(shape);
        }
        return derived ? Raw().Select(f => f.Derive(Voc)) : Raw();
    }

    /// <summary>Every fact of the vocabulary given a value; <paramref name="shape"/> picks which (true/false, high/low/zero, first/last value).</summary>
    private static Facts Generated(int shape)
    {
        var values = new List<KeyValuePair<string, object?>>();
        foreach (var (path, def) in Voc.Facts)
        {
            var at = path.EndsWith(".*", StringComparison.Ordinal) ? path[..^1] + "other" : path;
            // A year is a figure too, but one the calendar must be able to hold (annual_report.year: 2025).
            values.Add(new(at, path.EndsWith(".year", StringComparison.Ordinal) ? 2023m + shape : Value(def, shape)));
        }
        // An answer to every judgement word, with and without a reason.
        foreach (var rule in Catalogs.Repo.Packs.SelectMany(p => p.Rules).Where(r => r.Judgement))
        {
            values.Add(new(rule.AnswerFact, shape % 2 == 0 ? "pass" : "fail"));
            if (shape < 2) values.Add(new(rule.AnswerReasonFact, "理由"));
        }
        return Facts.From(values);
    }

    private static object? Value(FactDefinition def, int shape) => def.Type switch
    {
        FactType.Bool => shape % 2 == 0,
        FactType.Number => new[] { 100_000_000m, 0m, 3m, 12m }[shape],
        FactType.Ratio => new[] { 0.9m, 0m, 0.3m, 0.6m }[shape],
        FactType.Date => new[] { new DateOnly(2024, 6, 30), new DateOnly(2019, 1, 1), new DateOnly(2026, 12, 31), new DateOnly(2025, 3, 1) }[shape],
        FactType.Timestamp => new DateTimeOffset(2024, 6, 30, 23, 30, 0, TimeSpan.FromHours(shape)),
        FactType.Enum => def.Values.Keys.ElementAtOrDefault(shape % Math.Max(1, def.Values.Count)) ?? "x",
        FactType.TextList => shape == 1 ? new List<string>() : shape == 2 ? def.Values.Keys.Take(1).ToList() : def.Values.Keys.DefaultIfEmpty("甲").ToList(),
        FactType.DateList => shape == 1 ? new List<DateOnly>() : new List<DateOnly> { new(2023, 5, 1), new(2010, 1, 1) },
        FactType.List => shape == 1 ? new List<string>()
            : Enumerable.Range(0, shape == 2 ? 1 : 6).Select(i => (IReadOnlyDictionary<string, string>)def.Items.ToDictionary(
                kv => kv.Key, kv => Value(kv.Value, (shape + i) % 4) switch
                {
                    bool b => b ? "true" : "false",
                    DateOnly d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture), var o => o?.ToString() ?? "",
                })).ToList<object>(),
        _ => shape == 1 ? "" : "某单位",
    };
}
