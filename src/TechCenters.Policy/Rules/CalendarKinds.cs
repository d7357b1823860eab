using TechCenters.Policy.Yaml;

namespace TechCenters.Policy.Rules;

/// <summary>
/// kind: ban — after a revocation, no new application within a period (呼和浩特 第二十六条 “撤销其资格，3年内不得再行申报”).
/// The period starts the day after the revocation decision and ends at the end of the corresponding day (民法典第二百零一条、
/// 第二百零三条 reading, the same as <see cref="PeriodRule.EndAfter"/>): revoked 2026-03-10, a 3-year ban runs to 2029-03-10
/// inclusive and an application on 2029-03-11 is allowed. Which revocations carry the ban: <c>grounds</c> (the ground rule
/// ids the text attaches it to, 万州 第二十四条（一）至（五）) matched against the grounds the revocation carries as data
/// (<c>ground_fact</c>: <c>revocation.grounds</c>, a list; or one id). A ground the pack does not know is undefined, never a
/// silent pass. Judged only when a new application date is given.
/// </summary>
public sealed class BanRule : Rule
{
    public string Unit { get; private set; } = "years";
    public Quantity Value { get; private set; } = new(0, QuantityFormat.Number);
    public string Text { get; private set; } = "";
    public string FromFact { get; private set; } = "";
    public string DateFact { get; private set; } = "";
    /// <summary>The revocation grounds (ground rule ids) that carry the ban, read from <see cref="GroundFact"/>; empty = every revocation.</summary>
    public IReadOnlyList<string> Grounds { get; private set; } = [];
    public string? GroundFact { get; private set; }
    /// <summary>The ids of every ground rule of the pack (set by the loader), to tell a ground that carries no ban from an unknown one.</summary>
    public IReadOnlySet<string> KnownGrounds { get; internal set; } = new HashSet<string>();
    public override bool Evaluable => true;
    public override IEnumerable<string> FactsRead =>
        base.FactsRead.Append(FromFact).Append(DateFact).Concat(GroundFact is null ? [] : [GroundFact]);

    internal override void ReadParameters(MapReader m, PackReader p)
    {
        Unit = m.String("unit", required: true) ?? "years";
        if (Unit is not ("years" or "months"))
            m.Ctx.Error(m.KeyMark("unit"), $"unit 应为 years/months，实际为“{Unit}”");
        if (PackReader.TryQuantity(m, m.String("value", required: true), PeriodRule.UnitLabel(Unit), out var q))
        {
            Value = q;
            if (q.Value <= 0 || q.Value != decimal.Truncate(q.Value)) m.Ctx.Error(m.KeyMark("value"), "禁止申报期须为正整数");
        }
        Text = m.String("text", required: true) ?? "";
        FromFact = p.FactRef(m, "from_fact", FactType.Date) ?? "";
        DateFact = p.FactRef(m, "date_fact", FactType.Date) ?? "";
        if (m.Has("grounds")) Grounds = m.StringList("grounds", required: true);
        if (m.Has("ground_fact")) GroundFact = p.FactRef(m, "ground_fact", FactType.Text, FactType.TextList);
        if ((Grounds.Count == 0) != (GroundFact is null)) m.Ctx.Error(m.Mark, "grounds 与 ground_fact 须同时给出");
    }

    /// <summary>The last day on which a new application is still barred.</summary>
    public DateOnly LastBarredDay(DateOnly revokedOn) =>
        Unit == "months" ? revokedOn.AddMonths((int)Value.Value) : revokedOn.AddYears((int)Value.Value);

    public override string Describe(EvalEnv env) => $"{Text}（自撤销决定次日起{Value}内不得再行申报）";

    protected override void EvaluateCore(Facts facts, EvalEnv env, List<Reason> into)
    {
        var applied = facts.Date(DateFact);
        if (applied is null) return; // an event rule: judged only when a new application is recorded
        if (GroundFact is not null)
        {
            var grounds = facts.TextList(GroundFact) ?? (facts.Text(GroundFact) is { } one ? [one] : null);
            if (grounds is null || grounds.Count == 0) { into.Add(Missing(GroundFact, env, $"无法判断撤销是否依据{Cite}而须禁止再行申报")); return; }
            if (!grounds.Any(Grounds.Contains))
            {
                // Revoked on grounds that carry no ban — unless a ground is one this pack does not know.
                var unknown = grounds.Where(g => !KnownGrounds.Contains(g)).ToList();
                if (unknown.Count > 0)
                    into.Add(Undefined(GroundFact, string.Join("、", Grounds), string.Join("、", grounds),
                        $"撤销依据“{string.Join("、", unknown)}”不是本办法的撤销情形，无法判断是否适用{Cite}的禁止申报期"));
                return;
            }
        }
        var revoked = facts.Date(FromFact);
        if (revoked is null) { into.Add(Missing(FromFact, env)); return; }
        var last = LastBarredDay(revoked.Value);
        var required = $"{last.AddDays(1):yyyy-MM-dd} 及以后申报";
        var actual = applied.Value.ToString("yyyy-MM-dd");
        if (applied.Value < revoked.Value)
        {
            into.Add(Make(Outcome.Pass, required, actual, $"申报日期 {actual} 早于撤销日期 {revoked:yyyy-MM-dd}，不属于撤销后再行申报"));
            return;
        }
        into.Add(applied.Value <= last
            ? Make(Outcome.Fail, required, actual,
                $"{revoked:yyyy-MM-dd} 撤销资格，{actual} 再行申报，仍在{Cite}规定的{Value}内（至 {last:yyyy-MM-dd}），不得再行申报")
            : Make(Outcome.Pass, required, actual,
                $"{revoked:yyyy-MM-dd} 撤销资格，{actual} 申报时{Cite}规定的{Value}禁止申报期已满（至 {last:yyyy-MM-dd}）"));
    }
}

/// <summary>
/// kind: evaluation_schedule — which evaluation a center takes in a year (呼和浩特 第二十三条): the year in which a
/// construction cycle of <c>cycle_years</c> counted from approval expires (批复期满3年, 6年…) gets <c>at_cycle_end</c>;
/// otherwise a year that is a funding milestone (分期拨款节点) gets <c>at_milestone</c>; every other year gets
/// <c>otherwise</c>. The reason's value is the evaluation's name. A cycle expires on the anniversary of the approval
/// (period counted from the day after approval, like <see cref="PeriodRule.EndAfter"/>).
/// </summary>
public sealed class EvaluationScheduleRule : Rule
{
    public int CycleYears { get; private set; } = 3;
    public string AtCycleEnd { get; private set; } = "";
    public string? AtMilestone { get; private set; }
    public string Otherwise { get; private set; } = "";
    public string ApprovedFact { get; private set; } = "";
    public string YearFact { get; private set; } = "";
    public string? MilestoneFact { get; private set; }
    public override bool Evaluable => true;
    public override IEnumerable<string> FactsRead =>
        base.FactsRead.Append(ApprovedFact).Append(YearFact).Concat(MilestoneFact is null ? [] : [MilestoneFact]);

    internal override void ReadParameters(MapReader m, PackReader p)
    {
        CycleYears = m.Int("cycle_years", required: true) ?? 3;
        if (CycleYears < 1) m.Ctx.Error(m.KeyMark("cycle_years"), "cycle_years 须为正整数");
        AtCycleEnd = m.String("at_cycle_end", required: true) ?? "";
        AtMilestone = m.String("at_milestone");
        Otherwise = m.String("otherwise", required: true) ?? "";
        ApprovedFact = p.FactRef(m, "approved_fact", FactType.Date) ?? "";
        YearFact = p.FactRef(m, "year_fact", FactType.Number) ?? "";
        if (m.Has("milestone_fact")) MilestoneFact = p.FactRef(m, "milestone_fact", FactType.Bool);
        if ((AtMilestone is null) != (MilestoneFact is null)) m.Ctx.Error(m.Mark, "at_milestone 与 milestone_fact 须同时给出");
    }

    /// <summary>The day within <paramref name="year"/> on which a construction cycle expires, if one does.</summary>
    public DateOnly? CycleEndIn(DateOnly approvedOn, int year)
    {
        for (var k = 1; ; k++)
        {
            var end = approvedOn.AddYears(CycleYears * k);
            if (end.Year == year) return end;
            if (end.Year > year) return null;
        }
    }

    public override string Describe(EvalEnv env) =>
        $"{Title}：批复期满{CycleYears}年（每个建设周期届满）的年度开展{AtCycleEnd}" +
        (AtMilestone is null ? "" : $"，分期拨款节点开展{AtMilestone}") + $"，其它年度为{Otherwise}";

    protected override void EvaluateCore(Facts facts, EvalEnv env, List<Reason> into)
    {
        var year = facts.Number(YearFact);
        if (year is null) return; // judged only for a given evaluation year
        var approved = facts.Date(ApprovedFact);
        if (approved is null) { into.Add(Missing(ApprovedFact, env)); return; }
        var y = (int)year.Value;
        var required = Describe(env);
        if (y < approved.Value.Year)
        {
            into.Add(Pending(required, $"{y}年", $"评价年度 {y} 早于批复日期 {approved:yyyy-MM-dd}，无须评价"));
            return;
        }
        if (CycleEndIn(approved.Value, y) is { } end)
        {
            into.Add(Make(Outcome.Pass, required, $"{y}年",
                $"{approved:yyyy-MM-dd} 批复，{end:yyyy-MM-dd} 批复期满{(end.Year - approved.Value.Year)}年，依{Cite}{y}年开展{AtCycleEnd}", AtCycleEnd));
            return;
        }
        if (MilestoneFact is not null)
        {
            var milestone = facts.Bool(MilestoneFact);
            if (milestone is null) { into.Add(Missing(MilestoneFact, env, $"无法判断{y}年应开展{AtMilestone}还是{Otherwise}")); return; }
            if (milestone == true)
            {
                into.Add(Make(Outcome.Pass, required, $"{y}年", $"{y}年为分期拨款节点，依{Cite}开展{AtMilestone}", AtMilestone));
                return;
            }
        }
        into.Add(Make(Outcome.Pass, required, $"{y}年",
            $"{approved:yyyy-MM-dd} 批复，{y}年既非批复期满{CycleYears}年的年度{(MilestoneFact is null ? "" : "，也非分期拨款节点")}，依{Cite}为{Otherwise}", Otherwise));
    }
}
