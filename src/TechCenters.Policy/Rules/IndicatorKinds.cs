using TechCenters.Policy.Yaml;

namespace TechCenters.Policy.Rules;

/// <summary>One indicator of a weighted indicator system; leaves carry the 评估要点 (points) and are scored.</summary>
public sealed record Indicator(string Id, string Name, Quantity Weight, string Article, IReadOnlyList<string> Points, IReadOnlyList<Indicator> Children)
{
    public bool IsLeaf => Children.Count == 0;
    public IEnumerable<Indicator> Leaves() => IsLeaf ? [this] : Children.SelectMany(c => c.Leaves());
}

/// <summary>
/// kind: indicators — a weighted indicator system (沧州 绩效评估指标体系): first-level weights sum to 100%, each parent's
/// children sum to its weight. Leaf scores are facts <c>&lt;scores_fact&gt;.&lt;leaf id&gt;</c>; with scale: percent a leaf
/// is scored 0–100 and contributes weight × score, with scale: points it is scored 0–(weight × 100) and contributes its score.
/// The reason's value is the weighted total (0–100), to be read with a grade_bands rule.
/// </summary>
public sealed class IndicatorsRule : Rule
{
    public IReadOnlyList<Indicator> Indicators { get; private set; } = [];
    public string ScoresFact { get; private set; } = "evaluation.indicator_scores";
    public bool PercentScale { get; private set; } = true;
    public override bool Evaluable => true;
    public override IEnumerable<string> FactsRead => base.FactsRead.Concat(Indicators.SelectMany(i => i.Leaves()).Select(l => $"{ScoresFact}.{l.Id}"));

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
        foreach (var parent in Indicators.SelectMany(Flatten).Where(i => !i.IsLeaf))
        {
            var sum = parent.Children.Sum(c => c.Weight.Value);
            if (sum != parent.Weight.Value)
                m.Ctx.Error(m.KeyMark("indicators"), $"指标“{parent.Name}”的下级权重合计 {Quantity.Percent(sum)}，应等于其权重 {parent.Weight}");
        }
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
            if (weight is not null) list.Add(new Indicator(id, name, weight, article, points, children));
        }
        return list;
    }

    public override string Describe(EvalEnv env) =>
        $"{Title}（{(PercentScale ? "末级指标按百分制打分，乘以权重" : "末级指标按权重分值打分")}）：" +
        string.Join("；", Indicators.Select(i => $"{i.Name} {i.Weight}" +
            (i.IsLeaf ? "" : "（" + string.Join("、", i.Leaves().Select(l => $"{l.Name} {l.Weight}")) + "）")));

    /// <summary>The weighted total for the given leaf scores.</summary>
    public decimal Total(Func<string, decimal> leafScore) =>
        Indicators.SelectMany(i => i.Leaves()).Sum(l => PercentScale ? l.Weight.Value * leafScore(l.Id) : leafScore(l.Id));

    protected override void EvaluateCore(Facts facts, EvalEnv env, List<Reason> into)
    {
        var leaves = Indicators.SelectMany(i => i.Leaves()).ToList();
        var scores = leaves.Select(l => (Leaf: l, Score: facts.Number($"{ScoresFact}.{l.Id}"))).ToList();
        if (scores.All(s => s.Score is null)) return; // judged only when an evaluation is scored
        var missing = scores.Where(s => s.Score is null).Select(s => s.Leaf.Name).ToList();
        if (missing.Count > 0)
        {
            into.Add(Make(Outcome.NeedsJudgement, "每个末级指标均有得分", $"缺{missing.Count}项", $"缺少指标得分：{string.Join("、", missing)}，无法计算{Title}总分"));
            return;
        }
        var over = scores.Where(s => s.Score < 0 || s.Score > (PercentScale ? 100m : s.Leaf.Weight.Value * 100m)).Select(s => s.Leaf.Name).ToList();
        if (over.Count > 0)
        {
            into.Add(Make(Outcome.Fail, "得分在满分以内", string.Join("、", over), $"指标得分超出范围：{string.Join("、", over)}"));
            return;
        }
        var total = Math.Round(Total(id => scores.First(s => s.Leaf.Id == id).Score!.Value), 2);
        into.Add(Make(Outcome.Pass, "按权重加总", $"{Quantity.Trim(total)}分", $"依{Cite}{Title}加权总分 {Quantity.Trim(total)} 分", Quantity.Trim(total)));
    }
}
