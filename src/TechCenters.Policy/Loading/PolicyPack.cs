using TechCenters.Policy.Rules;

namespace TechCenters.Policy;

/// <summary>A statement that is either given or explicitly absent from the regulation (with a note saying why).</summary>
public sealed record Stated(string? Value, string? Note, string? Article)
{
    public bool Absent => Value is null;
    public override string ToString() => Value ?? $"（无：{Note}）";
}

/// <summary>One version of one jurisdiction's regulation: its metadata and every rule, by area.</summary>
public sealed class PolicyPack
{
    public required string Jurisdiction { get; init; }
    public required string JurisdictionName { get; init; }
    public required string Level { get; init; }
    public required string Title { get; init; }
    public required Stated DocumentNumber { get; init; }
    public required string Issuer { get; init; }
    public required DateOnly InForceFrom { get; init; }
    /// <summary>How the start date was found: stated (the text gives it), document_date (印发/发布 date of the document), inferred.</summary>
    public required string InForceFromBasis { get; init; }
    public required string InForceFromArticle { get; init; }
    /// <summary>Last day in force as the text states it (新疆: 2025-01-26), or null.</summary>
    public DateOnly? InForceTo { get; init; }
    public string? InForceToArticle { get; init; }
    public string? InForceNote { get; init; }
    public required Stated Replaces { get; init; }
    public required IReadOnlyDictionary<string, string> Actors { get; init; }
    public required IReadOnlyList<Rule> Rules { get; init; }
    /// <summary>The pack folder relative to the policies root, e.g. xpcc-12th-division/2024-07-19.</summary>
    public required string Folder { get; init; }
    internal Vocabulary Vocabulary { get; init; } = null!;

    /// <summary>Last day in force after taking a later version into account (the day before its start), or null if open-ended.</summary>
    public DateOnly? EffectiveTo { get; internal set; }

    public string Version => InForceFrom.ToString("yyyy-MM-dd");
    /// <summary>The document number if there is one, else the title.</summary>
    public string Document => DocumentNumber.Value ?? Title;

    public bool InForceOn(DateOnly date) => date >= InForceFrom && (EffectiveTo is null || date <= EffectiveTo);

    private EvalEnv? _env;
    public EvalEnv Env => _env ??= new EvalEnv(Vocabulary, Actors);

    // Evaluable rules grouped by area, in pack order (areas follow the vocabulary's order), with the derived facts the
    // area's rules read (Vocabulary.DerivedNeeded): evaluating an area derives those and no others.
    private (string Area, Rule[] Rules, ulong Derived)[]? _evaluableByArea;
    private (string Area, Rule[] Rules, ulong Derived)[] EvaluableByArea => _evaluableByArea ??=
        Rules.Where(r => r.Evaluable).GroupBy(r => r.Area)
            .Select(g => (g.Key, g.ToArray(), Vocabulary.DerivedNeeded(g.SelectMany(r => r.FactsRead)))).ToArray();

    public IEnumerable<Rule> InArea(string area) => Rules.Where(r => r.Area == area);

    public Rule? Rule(string id) => Rules.FirstOrDefault(r => r.Id == id);

    /// <summary>The facts the evaluable rules of these areas read, in rule order (all areas if none given) — what a form must ask.</summary>
    public IReadOnlyList<string> FactsFor(params string[] areas) =>
        Rules.Where(r => r.Evaluable && (areas.Length == 0 || areas.Contains(r.Area))).SelectMany(r => r.FactsRead).Distinct().ToList();

    public T? RuleOf<T>(string area, string topic) where T : Rule => Rules.OfType<T>().FirstOrDefault(r => r.Area == area && r.Topic == topic);

    /// <summary>The process of each kind of case this version gives (a stages rule, or one made from a review chain).</summary>
    public IReadOnlyDictionary<string, StagesRule> Processes { get; init; } = new Dictionary<string, StagesRule>();

    /// <summary>The process for a kind of case (<see cref="ProcessKinds"/>), or null when this version gives none (沧州 sets no annual report).</summary>
    public StagesRule? Process(string kind) => Processes.GetValueOrDefault(kind);

    /// <summary>The application lifecycle: <c>Process(ProcessKinds.Application)</c>.</summary>
    public StagesRule? Stages => Process(ProcessKinds.Application);

    /// <summary>
    /// Evaluates the evaluable rules of the given areas (all areas if none given) against the facts.
    /// Rules whose applies_when is false are skipped; grounds and recorded decisions are judged only when their fact is given.
    /// </summary>
    public Verdict Evaluate(Facts facts, params string[] areas) => Evaluate(facts, areas, null);

    public Verdict Evaluate(Facts facts, IReadOnlyCollection<string>? areas, IReadOnlyCollection<string>? ruleIds)
    {
        var env = Env;
        var byArea = EvaluableByArea;
        // Size the list for one reason per rule up front, instead of growing it 4 → 8 → 16 → 32.
        var capacity = 0;
        ulong derived = 0;
        // Which areas are asked for, looked up once (a pack has a handful of areas).
        Span<bool> asked = byArea.Length <= 32 ? stackalloc bool[byArea.Length] : new bool[byArea.Length];
        for (var i = 0; i < byArea.Length; i++)
        {
            var (area, rules, needs) = byArea[i];
            if (areas is { Count: > 0 } && !areas.Contains(area)) continue;
            asked[i] = true;
            capacity += rules.Length;
            derived |= needs;
        }
        // Ratios, sums, terms and windows the rules read are computed from the figures typed, once per set of facts.
        facts = facts.DeriveFor(Vocabulary, derived);
        var reasons = new List<Reason>(capacity);
        for (var i = 0; i < byArea.Length; i++)
        {
            if (!asked[i]) continue;
            foreach (var rule in byArea[i].Rules)
            {
                if (ruleIds is { Count: > 0 } && !ruleIds.Contains(rule.Id)) continue;
                rule.Evaluate(facts, env, reasons);
            }
        }
        var outcome = Outcome.Pass;
        foreach (var r in reasons) if (r.Outcome > outcome) outcome = r.Outcome; // Verdict.Combine without boxing the enumerator
        return new Verdict(Jurisdiction, Version, Document, outcome, reasons, Presumptions);
    }

    /// <summary>
    /// The dates of this version the text does not state (推定), each with its source: every verdict of this version rests on
    /// its in-force date, so an inferred one is said with the verdict. Null when there is none.
    /// </summary>
    public IReadOnlyList<string>? Presumptions => InForceFromBasis != "inferred" ? null
        : _presumptions ??= [$"本版本施行日期 {Version} 为推定（{InForceFromArticle}）：{InForceNote}"];
    private IReadOnlyList<string>? _presumptions;

    /// <summary>The pack in Chinese, one line per rule with its article (for `policy explain`).</summary>
    public IReadOnlyList<string> Explain()
    {
        var env = Env;
        var lines = new List<string>
        {
            $"{Title}",
            $"辖区：{JurisdictionName}　层级：{Level}　发布机关：{Issuer}　文号：{DocumentNumber}",
            $"施行：{Version}（{BasisLabel}，{InForceFromArticle}）" + (EffectiveTo is { } to ? $" 至 {to:yyyy-MM-dd}" : " 起，未定终止日期") +
                (InForceNote is null ? "" : $"　说明：{InForceNote}"),
            $"废止/替代：{Replaces}",
        };
        foreach (var (area, areaLabel) in Vocabulary.Areas)
        {
            lines.Add($"【{areaLabel}】");
            foreach (var r in InArea(area))
            {
                if (r is StagesRule stages)
                {
                    // The lifecycle reads better one stage and one move per line.
                    lines.Add($"　{r.Article}　{r.Title}：" + Extras(r));
                    foreach (var (st, i) in stages.Stages.Select((st, i) => (st, i)))
                        lines.Add($"　　{i + 1}. {st.Name}（{env.Actor(st.Actor)}，{st.Article}）{(st.Final ? "［终止］" : "")}");
                    foreach (var t in stages.Transitions)
                        lines.Add($"　　{stages.StageName(t.From)} → {stages.StageName(t.To)}：{env.Actor(t.Actor)}（{t.Article}）" +
                            (t.When.Count > 0 ? $"，仅当{Condition.DescribeAll(t.When, Vocabulary)}" : "") +
                            (t.Unless.Count > 0 ? $"，{Condition.DescribeAll(t.Unless, Vocabulary)}的除外" : "") +
                            (t.Note is null ? "" : $"（{t.Note}）"));
                    continue;
                }
                lines.Add(r is AbsentRule
                    ? $"　{Vocabulary.Checklist[area].GetValueOrDefault(r.Topic, r.Topic)}：未规定（{r.Note}）"
                    : $"　{r.Article}　{r.Describe(env)}" + Extras(r));
            }
        }
        return lines;
    }

    /// <summary>What explain adds after a rule: when it applies, its judgement words, its sources and its note.</summary>
    private string Extras(Rule r) =>
        (r.AppliesWhen.Count > 0 ? $"（适用条件：{Condition.DescribeAll(r.AppliesWhen, Vocabulary)}）" : "") +
        (r.Judgement && !r.Describe(Env).Contains("需经办人判断", StringComparison.Ordinal)
            ? $"（{string.Join("、", r.JudgementWords.Select(w => $"“{w}”"))}，需经办人判断）" : "") +
        (r.Sources.Count > 0 ? $"（依据：{string.Join("；", r.Sources)}）" : "") +
        (r.Note is null ? "" : $"（注：{r.Note}）");

    private string BasisLabel => InForceFromBasis switch
    {
        "stated" => "文本明确规定",
        "document_date" => "按发文日期",
        _ => "推定",
    };
}
