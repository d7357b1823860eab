using TechCenters.Policy.Yaml;

namespace TechCenters.Policy.Rules;

/// <summary>One indicator of a weighted indicator system; leaves carry the 评估要点 (points) and are scored.</summary>
public sealed record Indicator(string Id, string Name, Quantity Weight, string Article, IReadOnlyList<string> Points, IReadOnlyList<Indicator> Children)
{
    public bool IsLeaf => Children.Count == 0;
    public IEnumerable<Indicator> Leaves() => IsLeaf ? [this] : Children.SelectMany(c => c.Leaves());
    /// <summary>What the indicator is worth in the 100-point total: its weight × 100 (权重5% = 5分).</summary>
    public decimal FullMarks => Weight.Value * 100m;
}

/// <summary>
/// kind: indicators — a weighted indicator system (沧州 附件《绩效评估指标体系》): first-level weights sum to 100%, each
/// parent's children sum to its weight. Leaf scores are facts <c>&lt;scores_fact&gt;.&lt;leaf id&gt;</c>; with scale: percent
/// a leaf is scored 0–100 and contributes weight × score, with scale: points it is scored 0–(weight × 100) and contributes
/// its score (沧州: 权重5% = 满分5分). The reason's value is the total (0–100), to be read with a grade_bands rule; the
/// message gives each first-level indicator's subtotal. Judged only once some score is recorded (an evaluation event).
/// </summary>
public sealed class IndicatorsRule : Rule
{
    public IReadOnlyList<Indicator> Indicators { get; private set; } = [];
    public string ScoresFact { get; private set; } = "evaluation.indicator_scores";
    public bool PercentScale { get; private set; } = true;
    public override bool Evaluable => true;
    // Each leaf's score, and any other score under the table's fact (refused when it is not a leaf).
    public override IEnumerable<string> FactsRead => base.FactsRead.Concat(Leaves.Select(l => $"{ScoresFact}.{l.Id}")).Append($"{ScoresFact}.*");

    /// <summary>The scored indicators (末级指标), in table order.</summary>
    public IReadOnlyList<Indicator> Leaves => Compiled.Leaves;

    /// <summary>The highest score an assessor may give a leaf: 100 on the percent scale, its full marks on the points scale.</summary>
    public decimal MaxScore(Indicator leaf) => PercentScale ? 100m : leaf.FullMarks;

    /// <summary>
    /// The table compiled once (packs do not change after loading): the leaves in table order with their fact paths, highest
    /// scores and weights, each first-level indicator's range of leaves, and the leaf index by id — so grading reads arrays
    /// instead of walking the tree. A race between threads at worst compiles it twice.
    /// </summary>
    private sealed class Table
    {
        public required Indicator[] Leaves { get; init; }
        public required string[] Paths { get; init; }
        public required decimal[] Max { get; init; }
        public required decimal[] Weight { get; init; }
        public required (int Start, int End, string Name, string FullMarks)[] Groups { get; init; }
        public required Dictionary<string, int> Index { get; init; }
    }

    private Table? _compiled;
    private Table Compiled => _compiled ??= Compile();

    private Table Compile()
    {
        var leaves = new List<Indicator>();
        var groups = new List<(int, int, string, string)>();
        foreach (var i in Indicators)
        {
            var start = leaves.Count;
            leaves.AddRange(i.Leaves());
            groups.Add((start, leaves.Count, i.Name, Quantity.Trim(i.FullMarks)));
        }
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var k = 0; k < leaves.Count; k++) index.TryAdd(leaves[k].Id, k);
        return new Table
        {
            Leaves = [.. leaves], Paths = [.. leaves.Select(l => $"{ScoresFact}.{l.Id}")], Max = [.. leaves.Select(MaxScore)],
            Weight = [.. leaves.Select(l => l.Weight.Value)], Groups = [.. groups], Index = index,
        };
    }

    /// <summary>The position of a leaf in <see cref="Leaves"/> (the order of a score span), or -1 when no leaf has that id.</summary>
    public int LeafIndex(string id) => Compiled.Index.TryGetValue(id, out var k) ? k : -1;

    /// <summary>The first leaf whose score (in <see cref="Leaves"/> order) is below 0 or above <see cref="MaxScore"/>, or -1 when every score is in range.</summary>
    public int OutOfRange(ReadOnlySpan<decimal> scores)
    {
        var max = Compiled.Max;
        if (scores.Length != max.Length) throw new ArgumentException($"应有 {max.Length} 项末级指标得分，实际为 {scores.Length} 项", nameof(scores));
        for (var k = 0; k < scores.Length; k++)
            if (scores[k] < 0 || scores[k] > max[k]) return k;
        return -1;
    }

    /// <summary>The weighted total (not rounded) for leaf scores in <see cref="Leaves"/> order.</summary>
    public decimal Total(ReadOnlySpan<decimal> scores)
    {
        var c = Compiled;
        if (scores.Length != c.Leaves.Length) throw new ArgumentException($"应有 {c.Leaves.Length} 项末级指标得分，实际为 {scores.Length} 项", nameof(scores));
        return Sum(c, scores, 0, scores.Length);
    }

    private decimal Sum(Table c, ReadOnlySpan<decimal> scores, int start, int end)
    {
        decimal total = 0;
        if (PercentScale) for (var k = start; k < end; k++) total += c.Weight[k] * scores[k];
        else for (var k = start; k < end; k++) total += scores[k];
        return total;
    }

    internal override void ReadParameters(MapReader m, PackReader p)
    {
        ScoresFact = m.String("scores_fact", required: true) ?? ScoresFact;
        if (p.Vocabulary.Facts.ContainsKey(ScoresFact + ".*") == false)
            m.Ctx.Error(m.KeyMark("scores_fact"), $"词汇表中没有“{ScoresFact}.*”（每个末级指标一个得分） (unknown scores fact)");
        var scale = m.String("scale", required: true);
        if (scale is not null and not ("percent" or "points")) m.Ctx.Error(m.KeyMark("scale"), $"scale 应为 percent 或 points，实际为“{scale}”");
        PercentScale = scale != "points";
        Indicators = ReadList(m, "indicators", p, Article ?? "", required: true);
        var ids = new HashSet<string>();
        foreach (var i in Indicators.SelectMany(Flatten))
            if (!ids.Add(i.Id)) m.Ctx.Error(m.KeyMark("indicators"), $"指标 id“{i.Id}”重复");
        var total = Indicators.Sum(i => i.Weight.Value);
        if (total != 1m) m.Ctx.Error(m.KeyMark("indicators"), $"一级指标权重合计应为 100%，实际为 {Quantity.Percent(total)}");
    }

    private static IEnumerable<Indicator> Flatten(Indicator i) => new[] { i }.Concat(i.Children.SelectMany(Flatten));

    private static List<Indicator> ReadList(MapReader m, string key, PackReader p, string inheritedArticle, bool required)
    {
        var list = new List<Indicator>();
        foreach (var r in m.MapList(key, required))
        {
            var id = r.String("id", required: true) ?? "";
            var name = r.String("name", required: true) ?? "";
            PackReader.TryQuantity(r, r.String("weight", required: true), "%", out var weight);
            var article = r.Has("article") ? p.Article(r, required: true) ?? inheritedArticle : inheritedArticle;
            var points = r.Has("points") ? r.StringList("points", required: true) : [];
            var children = r.Has("children") ? ReadList(r, "children", p, article, required: true) : [];
            r.Finish($"指标 {id}");
            if (children.Count == 0 && points.Count == 0) r.Ctx.Error(r.Mark, $"末级指标“{name}”须列出评估要点 points");
            if (weight is null) continue;
            // Reported at the parent's line: the 附件 table a reader checks it against is laid out the same way.
            var sum = children.Sum(c => c.Weight.Value);
            if (children.Count > 0 && sum != weight.Value)
                r.Ctx.Error(r.Mark, $"指标“{name}”权重 {weight}，其下级指标权重合计 {Quantity.Percent(sum)}，两者应相等");
            list.Add(new Indicator(id, name, weight, article, points, children));
        }
        return list;
    }

    public override string Describe(EvalEnv env) =>
        $"{Title}（{(PercentScale ? "末级指标按百分制打分，乘以权重" : "末级指标按权重对应分值打分，权重5%即满分5分")}）：" +
        string.Join("；", Indicators.Select(i => $"{i.Name} {i.Weight}" +
            (i.IsLeaf ? "" : "（" + string.Join("、", i.Leaves().Select(l => $"{l.Name} {l.Weight}")) + "）")));

    /// <summary>What a leaf adds to the total for a given score.</summary>
    public decimal Contribution(Indicator leaf, decimal score) => PercentScale ? leaf.Weight.Value * score : score;

    /// <summary>The weighted total for the given leaf scores.</summary>
    public decimal Total(Func<string, decimal> leafScore)
    {
        decimal total = 0;
        foreach (var l in Compiled.Leaves) total += Contribution(l, leafScore(l.Id));
        return total;
    }

    /// <summary>The subtotal of a (first-level) indicator for the given leaf scores, out of its <see cref="Indicator.FullMarks"/>.</summary>
    public decimal Subtotal(Indicator indicator, Func<string, decimal> leafScore) => indicator.Leaves().Sum(l => Contribution(l, leafScore(l.Id)));

    protected override void EvaluateCore(Facts facts, EvalEnv env, List<Reason> into)
    {
        var c = Compiled;
        var scores = new decimal[c.Leaves.Length];
        var scored = 0;
        List<string>? missing = null, problems = null;
        for (var k = 0; k < c.Leaves.Length; k++)
        {
            var leaf = c.Leaves[k];
            if (facts.Number(c.Paths[k]) is not { } s) { (missing ??= []).Add(leaf.Name); continue; }
            scores[k] = s;
            scored++;
            var max = c.Max[k];
            if (s < 0) (problems ??= []).Add($"“{leaf.Name}”得分 {Quantity.Trim(s)} 分，低于 0 分");
            else if (s > max)
                (problems ??= []).Add(PercentScale
                    ? $"“{leaf.Name}”得分 {Quantity.Trim(s)} 分，超过百分制满分 100 分"
                    : $"“{leaf.Name}”得分 {Quantity.Trim(s)} 分，超过该指标权重{leaf.Weight}对应的 {Quantity.Trim(max)} 分");
        }
        // A score under the table's fact that is not one of its leaves (a first-level indicator, a typo) is refused, never dropped.
        if (facts.Count > scored)
        {
            var prefix = ScoresFact + ".";
            foreach (var path in facts.PathsUnder(prefix))
                if (!c.Index.ContainsKey(path[prefix.Length..]))
                    (problems ??= []).Add($"“{path[prefix.Length..]}”不是{Title}中的末级指标");
        }
        if (scored == 0 && problems is null) return; // judged only when an evaluation is scored
        var required = PercentScale ? "各末级指标得分在 0–100 分之间" : "各末级指标得分在 0 分至其权重对应分值之间";
        if (problems is not null)
        {
            into.Add(Make(Outcome.Fail, required, $"{scored}项得分", $"{string.Join("；", problems)}，不符合{Cite}"));
            return;
        }
        if (missing is not null)
        {
            into.Add(new Reason(Id, Cite, Outcome.NeedsJudgement, required, $"缺{missing.Count}项",
                $"未提供{string.Join("、", missing)}的得分，无法依{Cite}计算{Title}总分", Doubt: new Doubt(DoubtKinds.Missing, $"{ScoresFact}.*")));
            return;
        }
        var total = Quantity.Trim(Math.Round(Sum(c, scores, 0, scores.Length), 2));
        var parts = new string[c.Groups.Length];
        for (var g = 0; g < parts.Length; g++)
        {
            var (start, end, name, full) = c.Groups[g];
            parts[g] = $"{name} {Quantity.Trim(Math.Round(Sum(c, scores, start, end), 2))}/{full}";
        }
        into.Add(Make(Outcome.Pass, required, $"{total}分", $"依{Cite}计算，{Title}总分 {total} 分（{string.Join("，", parts)}）", total));
    }
}
