using TechCenters.Policy.Yaml;

namespace TechCenters.Policy.Rules;

/// <summary>One 二级指标: its weight (share of the total score), what the assessors look at (评估要点), and its points at full marks.</summary>
public sealed record TableIndicator(string Id, string Name, Quantity Weight, IReadOnlyList<string> Points, decimal MaxScore);

/// <summary>One 一级指标 with its weight and its weighted 二级指标.</summary>
public sealed record TableIndicatorGroup(string Id, string Name, Quantity Weight, IReadOnlyList<TableIndicator> Indicators, decimal MaxScore);

/// <summary>
/// kind: indicator_table — a weighted indicator system (沧州 附件《绩效评估指标体系》: 一级指标 with weights, each split into
/// weighted 二级指标). The loader checks that the sub-weights of each group add up to the group's weight and the groups to 100%.
/// An indicator weighted w is worth w × scale points (5% of a 100-point score = 5分). Scoring each indicator is the
/// assessors' call; the rule checks the scores given (each within 0…its points, none missing or unknown) and adds them up.
/// </summary>
public sealed class IndicatorTableRule : Rule
{
    public decimal Scale { get; private set; } = 100m;
    public IReadOnlyList<TableIndicatorGroup> Groups { get; private set; } = [];
    public string ScoresFact { get; private set; } = "evaluation.indicator_scores";
    public override bool Evaluable => true;
    public override IEnumerable<string> FactsRead => base.FactsRead.Append(ScoresFact);

    public IEnumerable<TableIndicator> Indicators => Groups.SelectMany(g => g.Indicators);

    internal override void ReadParameters(MapReader m, PackReader p)
    {
        if (m.Has("scale")) Scale = m.Int("scale", required: true) ?? 100;
        if (Scale <= 0) m.Ctx.Error(m.KeyMark("scale"), "scale（满分）应为正数");
        ScoresFact = p.FactRef(m, "scores_fact", FactType.List) ?? ScoresFact;
        if (p.Vocabulary.Fact(ScoresFact) is { } def && (!def.Items.ContainsKey("indicator") || !def.Items.ContainsKey("score")))
            m.Ctx.Error(m.KeyMark("scores_fact"), $"事实“{ScoresFact}”的列表项须有 indicator 与 score 字段");

        var ids = new HashSet<string>();
        var groups = new List<TableIndicatorGroup>();
        foreach (var g in m.MapList("groups", required: true))
        {
            var gid = g.String("id", required: true) ?? "";
            var gname = g.String("name", required: true) ?? "";
            Quantity? gw = null;
            if (g.String("weight", required: true) is { } gwt && PackReader.TryQuantity(g, gwt, "%", out var q)) gw = q;
            if (!ids.Add(gid)) g.Ctx.Error(g.KeyMark("id"), $"指标 id“{gid}”重复 (duplicate indicator id)");
            var indicators = new List<TableIndicator>();
            foreach (var i in g.MapList("indicators", required: true))
            {
                var iid = i.String("id", required: true) ?? "";
                var iname = i.String("name", required: true) ?? "";
                Quantity? iw = null;
                if (i.String("weight", required: true) is { } iwt && PackReader.TryQuantity(i, iwt, "%", out var iq)) iw = iq;
                var points = i.StringList("points", required: true);
                i.Finish($"指标 {iid}");
                if (!ids.Add(iid)) i.Ctx.Error(i.KeyMark("id"), $"指标 id“{iid}”重复 (duplicate indicator id)");
                if (iw is null) continue;
                if (iw.Value <= 0) i.Ctx.Error(i.KeyMark("weight"), $"指标“{iname}”的权重应大于 0");
                indicators.Add(new TableIndicator(iid, iname, iw, points, iw.Value * Scale));
            }
            g.Finish($"一级指标 {gid}");
            if (gw is null) continue;
            var sum = indicators.Sum(x => x.Weight.Value);
            if (sum != gw.Value)
                g.Ctx.Error(g.KeyMark("weight"),
                    $"一级指标“{gname}”权重 {gw}，其二级指标权重之和为 {Quantity.Percent(sum)}，二者不等 (sub-weights do not add up)");
            groups.Add(new TableIndicatorGroup(gid, gname, gw, indicators, gw.Value * Scale));
        }
        Groups = groups;
        var total = groups.Sum(x => x.Weight.Value);
        if (groups.Count > 0 && total != 1m)
            m.Ctx.Error(m.KeyMark("groups"), $"一级指标权重之和为 {Quantity.Percent(total)}，应为 100% (weights must add up to 100%)");
    }

    public override string Describe(EvalEnv env) =>
        $"{Title}（满分{Quantity.Trim(Scale)}分）：" + string.Join("；", Groups.Select(g =>
            $"{g.Name}（{g.Weight}）：{string.Join("、", g.Indicators.Select(i => $"{i.Name}{i.Weight}"))}"));

    /// <summary>The total of the given scores (indicator id → points); only known indicators count.</summary>
    public decimal Total(IReadOnlyDictionary<string, decimal> scores) =>
        Indicators.Sum(i => scores.TryGetValue(i.Id, out var s) ? s : 0m);

    protected override void EvaluateCore(Facts facts, EvalEnv env, List<Reason> into)
    {
        var list = facts.List(ScoresFact);
        if (list is null) { into.Add(Missing(ScoresFact, env)); return; }
        var required = $"各二级指标得分不超过其权重对应分值（满分{Quantity.Trim(Scale)}分）";
        var byId = Indicators.ToDictionary(i => i.Id);
        var scores = new Dictionary<string, decimal>();
        var problems = new List<string>();
        foreach (var item in list)
        {
            var id = item.GetValueOrDefault("indicator");
            var score = item.TryGetValue("score", out var s) ? Facts.ParseNumber(s) : null;
            if (id is null || !byId.TryGetValue(id, out var ind)) { problems.Add($"“{id ?? "（未填指标）"}”不是{Title}中的指标"); continue; }
            if (score is null) { problems.Add($"“{ind.Name}”未填得分"); continue; }
            if (!scores.TryAdd(id, score.Value)) { problems.Add($"“{ind.Name}”重复评分"); continue; }
            if (score.Value < 0) problems.Add($"“{ind.Name}”得分 {Quantity.Trim(score.Value)} 分，低于 0 分");
            else if (score.Value > ind.MaxScore)
                problems.Add($"“{ind.Name}”得分 {Quantity.Trim(score.Value)} 分，超过该指标权重{ind.Weight}对应的 {Quantity.Trim(ind.MaxScore)} 分");
        }
        if (problems.Count > 0)
        {
            into.Add(Make(Outcome.Fail, required, $"{scores.Count}项得分", $"{string.Join("；", problems)}，不符合{Cite}")); return;
        }
        var missing = Indicators.Where(i => !scores.ContainsKey(i.Id)).Select(i => i.Name).ToList();
        if (missing.Count > 0)
        {
            into.Add(Make(Outcome.NeedsJudgement, required, $"{scores.Count}项得分",
                $"未提供{string.Join("、", missing)}的得分，无法依{Cite}计算评估得分")); return;
        }
        var total = Total(scores);
        var parts = Groups.Select(g => $"{g.Name} {Quantity.Trim(g.Indicators.Sum(i => scores[i.Id]))}/{Quantity.Trim(g.MaxScore)}");
        into.Add(Make(Outcome.Pass, required, $"{Quantity.Trim(total)}分",
            $"依{Cite}计算，评估得分 {Quantity.Trim(total)} 分（{string.Join("，", parts)}）", Quantity.Trim(total)));
    }
}
