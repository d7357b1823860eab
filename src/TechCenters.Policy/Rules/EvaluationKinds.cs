using TechCenters.Policy.Yaml;

namespace TechCenters.Policy.Rules;

/// <summary>kind: grades — the evaluation grades, best first (优秀、良好、基本合格、不合格).</summary>
/// <remarks>With <c>fact</c> (evaluation.grade) the rule checks a recorded grade is one of them: any other word is undefined by
/// this text (needs the officer), never passed or failed silently by the consequence rules.</remarks>
public sealed class GradesRule : Rule
{
    public IReadOnlyList<string> Grades { get; private set; } = [];
    public string? Fact { get; private set; }
    public override bool Evaluable => Fact is not null;
    public override IEnumerable<string> FactsRead => Fact is null ? base.FactsRead : base.FactsRead.Append(Fact);
    internal override void ReadParameters(MapReader m, PackReader p)
    {
        Grades = m.StringList("grades", required: true);
        if (m.Has("fact")) Fact = p.FactRef(m, "fact", FactType.Text, FactType.Enum);
    }
    public override string Describe(EvalEnv env) => $"评估结果分为{string.Join("、", Grades)}{Grades.Count}档";

    protected override void EvaluateCore(Facts facts, EvalEnv env, List<Reason> into)
    {
        var g = facts.Text(Fact!);
        if (g is null) return; // judged only when a grade is recorded
        var all = string.Join("、", Grades);
        into.Add(Grades.Contains(g)
            ? Make(Outcome.Pass, all, g, $"评估等级“{g}”是{Cite}规定的等级（{all}）", g)
            : Undefined(Fact!, all, g, $"评估等级“{g}”不是{Cite}规定的等级（{all}），本办法未规定其后果"));
    }
}

/// <summary>One score band; each end has its own bound word, so 60（含）至90 and 90（含）以上 are exact.</summary>
public sealed record GradeBand(string Grade, Quantity? Min, Bound? MinBound, Quantity? Max, Bound? MaxBound, string Article, string? Note)
{
    public bool Contains(decimal score) =>
        (Min is null || MinBound!.IsSatisfiedBy(score, Min.Value)) && (Max is null || MaxBound!.IsSatisfiedBy(score, Max.Value));

    public string Describe() =>
        $"{(Min is null ? "" : MinBound!.Phrase(Min))}{(Min is not null && Max is not null ? "且" : "")}{(Max is null ? "" : MaxBound!.Phrase(Max))}为{Grade}";
}

/// <summary>kind: grade_bands — a score mapped to a grade (沧州第二十八条). The loader checks the bands neither overlap nor leave a gap.</summary>
public sealed class GradeBandsRule : Rule
{
    public string Fact { get; private set; } = "";
    public IReadOnlyList<GradeBand> Bands { get; private set; } = [];
    public override bool Evaluable => true;
    public override IEnumerable<string> FactsRead => base.FactsRead.Append(Fact);

    internal override void ReadParameters(MapReader m, PackReader p)
    {
        Fact = p.FactRef(m, "fact", FactType.Number) ?? "";
        var bands = new List<GradeBand>();
        foreach (var b in m.MapList("bands", required: true))
        {
            var grade = b.String("grade", required: true) ?? "";
            Quantity? min = null, max = null; Bound? minB = null, maxB = null;
            if (b.Has("min"))
            {
                PackReader.TryQuantity(b, b.String("min", required: true), "分", out min);
                if (PackReader.TryBound(b, b.String("min_bound", required: true), out minB) && minB!.Direction != BoundDirection.AtLeast)
                    b.Ctx.Error(b.KeyMark("min_bound"), $"min_bound 应为下限词（以上/不低于/超过…），“{minB.Word}”是上限词");
            }
            if (b.Has("max"))
            {
                PackReader.TryQuantity(b, b.String("max", required: true), "分", out max);
                if (PackReader.TryBound(b, b.String("max_bound", required: true), out maxB) && maxB!.Direction != BoundDirection.AtMost)
                    b.Ctx.Error(b.KeyMark("max_bound"), $"max_bound 应为上限词（以下/不超过/低于…），“{maxB.Word}”是下限词");
            }
            var article = p.Article(b, required: true) ?? "";
            var note = b.String("note");
            b.Finish("band");
            if ((min is null) != (minB is null) || (max is null) != (maxB is null)) continue;
            bands.Add(new GradeBand(grade, min, minB, max, maxB, article, note));
        }
        Bands = bands;
        // Consecutive bands (by lower end, descending) must meet exactly: one includes the shared figure, the other excludes it.
        var ordered = bands.OrderByDescending(x => x.Min?.Value ?? decimal.MinValue).ToList();
        for (var i = 0; i + 1 < ordered.Count; i++)
        {
            var upper = ordered[i]; var lower = ordered[i + 1];
            if (upper.Min is null || lower.Max is null || upper.Min.Value != lower.Max.Value || upper.MinBound!.Inclusive == lower.MaxBound!.Inclusive)
                m.Ctx.Error(m.KeyMark("bands"), $"分数段“{upper.Grade}”与“{lower.Grade}”之间有重叠或空隙 (bands overlap or leave a gap)");
        }
        if (ordered.Count > 0 && (ordered[0].Max is not null || ordered[^1].Min is not null))
            m.Ctx.Error(m.KeyMark("bands"), "最高分数段不应有上限、最低分数段不应有下限 (bands must cover every score)");
    }

    public override string Describe(EvalEnv env) => $"{Title}：" + string.Join("；", Bands.Select(b => $"{b.Describe()}（{b.Article}）"));

    /// <summary>The band a score falls in (the loader checks the bands cover every score without overlap).</summary>
    public GradeBand? BandFor(decimal score)
    {
        var bands = _bands ??= [.. Bands];
        foreach (var b in bands)
            if (b.Contains(score)) return b;
        return null;
    }
    private GradeBand[]? _bands;

    // Each band's wording (“不低于60分且低于90分为合格”), worked out once: it never changes and every reason states it.
    private string Described(GradeBand band)
    {
        var described = _described ??= [.. Bands.Select(b => b.Describe())];
        var bands = _bands ??= [.. Bands];
        return described[Array.IndexOf(bands, band)];
    }
    private string[]? _described;

    protected override void EvaluateCore(Facts facts, EvalEnv env, List<Reason> into)
    {
        var score = facts.Number(Fact);
        if (score is null) { into.Add(Missing(Fact, env)); return; }
        var band = BandFor(score.Value)!;
        var s = Quantity.Trim(score.Value);
        into.Add(new Reason(Id, band.Article, Outcome.Pass, Described(band), $"{s}分",
            $"评估得分 {s} 分，依{band.Article}为“{band.Grade}”", band.Grade));
    }
}

/// <summary>kind: quota — the most a grade may take of those evaluated (优秀名额不超过参加评估数量的20%).</summary>
public sealed class QuotaRule : Rule
{
    public string Grade { get; private set; } = "";
    public Bound Bound { get; private set; } = Bound.Parse("不超过");
    public Quantity Value { get; private set; } = new(0.2m, QuantityFormat.Percent);
    public string TotalFact { get; private set; } = "";
    public string CountFact { get; private set; } = "";
    public override bool Evaluable => true;
    public override IEnumerable<string> FactsRead => base.FactsRead.Append(TotalFact).Append(CountFact);
    internal override void ReadParameters(MapReader m, PackReader p)
    {
        Grade = m.String("grade", required: true) ?? "";
        if (PackReader.TryBound(m, m.String("bound", required: true), out var b)) Bound = b;
        if (PackReader.TryQuantity(m, m.String("value", required: true), "%", out var q)) Value = q;
        TotalFact = p.FactRef(m, "total_fact", FactType.Number) ?? "";
        CountFact = p.FactRef(m, "count_fact", FactType.Number) ?? "";
    }
    public override string Describe(EvalEnv env) => $"“{Grade}”名额{Bound.Phrase("参加评估数量的" + Value)}";

    /// <summary>The largest number of the grade allowed among <paramref name="total"/> evaluated.</summary>
    public int MaxAllowed(int total)
    {
        var n = (int)Math.Floor(total * Value.Value);
        while (n >= 0 && !Bound.IsSatisfiedBy(total == 0 ? 0 : (decimal)n / total, Value.Value)) n--;
        return Math.Max(n, 0);
    }

    protected override void EvaluateCore(Facts facts, EvalEnv env, List<Reason> into)
    {
        var total = facts.Number(TotalFact);
        if (total is null) return; // a check on an evaluation round, judged only when the round is recorded
        var count = facts.Number(CountFact);
        if (count is null) { into.Add(Missing(CountFact, env)); return; }
        if (total.Value <= 0) { into.Add(Pending(Describe(env), "0", "参加评估数量为 0，无法计算名额")); return; }
        var share = count.Value / total.Value;
        into.Add(Compare($"“{Grade}”名额占比", share, $"{Quantity.Percent(share)}（{Quantity.Trim(count.Value)}/{Quantity.Trim(total.Value)}）", Bound, Value,
            suffix: $"；{Quantity.Trim(total.Value)}家参评时最多{MaxAllowed((int)total.Value)}家"));
    }
}

/// <summary>kind: consequence — what follows from a grade: next cycle, recommendation, support, funds, rectification, revocation, ban.</summary>
public sealed class ConsequenceRule : Rule
{
    public string Grade { get; private set; } = "";
    public bool NextCycle { get; private set; }
    public string? Recommend { get; private set; }
    public string? Support { get; private set; }
    public Quantity? FundsYuan { get; private set; }
    public int? RectificationMonths { get; private set; }
    public Bound? RectificationBound { get; private set; }
    public bool RevokeIfUnrectified { get; private set; }
    public bool Revoke { get; private set; }
    public int? BanYears { get; private set; }
    /// <summary>
    /// The revocation ground (a <c>kind: ground</c> rule of the same version) that applies when this grade revokes — directly
    /// (<see cref="Revoke"/>) or once a rectification has not been completed (<see cref="RevokeIfUnrectified"/>): what a
    /// revocation proposed for this grade rests on (its article, its effect, its ban).
    /// </summary>
    public string? Ground { get; private set; }
    public string GradeFact { get; private set; } = "evaluation.grade";
    public override bool Evaluable => true;
    public override IEnumerable<string> FactsRead => base.FactsRead.Append(GradeFact);

    internal override void ReadParameters(MapReader m, PackReader p)
    {
        Grade = m.String("grade", required: true) ?? "";
        NextCycle = m.Bool("next_cycle") ?? false;
        Recommend = m.String("recommend");
        Support = m.String("support");
        if (m.String("funds_yuan") is { } f && PackReader.TryQuantity(m, f, "元", out var q)) FundsYuan = q;
        var rect = m.Map("rectification");
        if (rect is not null)
        {
            RectificationMonths = rect.Int("months", required: true);
            var bw = rect.String("bound");
            if (bw is not null && PackReader.TryBound(rect, bw, out var b)) RectificationBound = b;
            rect.Finish("rectification");
        }
        RevokeIfUnrectified = m.Bool("revoke_if_unrectified") ?? false;
        Revoke = m.Bool("revoke") ?? false;
        BanYears = m.Int("ban_years");
        Ground = m.String("ground");
        if (Ground is not null && !Revoke && !RevokeIfUnrectified)
            m.Ctx.Error(m.KeyMark("ground"), "ground 只用于撤销的结果（revoke 或 revoke_if_unrectified）");
        if (m.Has("grade_fact")) GradeFact = p.FactRef(m, "grade_fact", FactType.Text, FactType.Enum) ?? GradeFact;
        else if (p.Vocabulary.Fact(GradeFact) is null) m.Ctx.Error(m.Mark, $"词汇表缺少事实 {GradeFact}");
        if (RevokeIfUnrectified && RectificationMonths is null) m.Ctx.Error(m.Mark, "revoke_if_unrectified 需要 rectification");
    }

    // Months, as the period rule of the same pack counts them (不超过12个月), so a grade's consequence and the rectification
    // rule read the same in every message and page.
    private static string Span(int months) => $"{months}个月";

    public string Summary()
    {
        var parts = new List<string>();
        if (NextCycle) parts.Add("进入下一轮建设（运行）周期");
        if (Recommend is not null) parts.Add(Recommend);
        if (Support is not null) parts.Add(Support);
        if (FundsYuan is not null) parts.Add($"给予{FundsYuan}经费支持");
        if (RectificationMonths is { } mo) parts.Add($"限期整改（{(RectificationBound is null ? Span(mo) : RectificationBound.Phrase(Span(mo)))}）");
        if (RevokeIfUnrectified) parts.Add("整改后仍未达标的撤销");
        if (Revoke) parts.Add("撤销资格");
        if (BanYears is { } y) parts.Add($"{y}年内不得再行申报");
        return string.Join("；", parts);
    }

    public override string Describe(EvalEnv env) => $"评估结果为“{Grade}”的：{Summary()}";

    /// <summary>Whether this grade opens a rectification (限期整改).</summary>
    public bool Rectifies => RectificationMonths is not null;

    protected override void EvaluateCore(Facts facts, EvalEnv env, List<Reason> into)
    {
        var g = facts.Text(GradeFact);
        if (g is null || g != Grade) return;
        var message = $"评估结果为“{g}”，依{Cite}：{Summary()}";
        // Under rectification the outcome waits for the re-check; that is pending, not a judgement call.
        into.Add(Revoke ? Make(Outcome.Fail, Summary(), g, message, Summary())
            : RectificationMonths is not null ? Pending(Summary(), g, message, Summary())
            : Make(Outcome.Pass, Summary(), g, message, Summary()));
    }
}
