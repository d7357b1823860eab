using TechCenters.Policy.Yaml;

namespace TechCenters.Policy.Rules;

/// <summary>
/// kind: ground — one enumerated revocation ground. The incident is a yes/no <c>fact</c>, or <c>when</c> conditions where the
/// text joins several (沧州 “重大质量、安全、环境事故”: any_of two facts). When it occurred the center is to be revoked
/// (removed from the list, or — effect handle, “按有关规定处理” — dealt with under rules this text does not give: then the
/// officer decides, the consequence being undefined here).
/// </summary>
public sealed class GroundRule : Rule
{
    public string Text { get; private set; } = "";
    public string? Fact { get; private set; }
    public IReadOnlyList<Condition> When { get; private set; } = [];
    public string Effect { get; private set; } = "revoke";
    public int? BanYears { get; private set; }
    public override bool Evaluable => Fact is not null || When.Count > 0;
    public override IEnumerable<string> FactsRead =>
        base.FactsRead.Concat(Fact is null ? [] : [Fact]).Concat(When.SelectMany(c => c.FactsRead));
    internal override void ReadParameters(MapReader m, PackReader p)
    {
        Text = m.String("text", required: true) ?? "";
        if (m.Has("fact")) Fact = p.FactRef(m, "fact", FactType.Bool);
        When = Condition.ReadList(m, "when", p.Vocabulary);
        if (Fact is not null && When.Count > 0) m.Ctx.Error(m.Mark, "ground 的 fact 与 when 只能给出其一");
        Effect = m.String("effect", required: true) ?? "revoke";
        if (Effect is not ("revoke" or "remove" or "handle"))
            m.Ctx.Error(m.KeyMark("effect"), $"effect 应为 revoke（撤销）、remove（不再列入序列）或 handle（按有关规定处理），实际为“{Effect}”");
        BanYears = m.Int("ban_years");
    }
    public string EffectText => Effect switch { "revoke" => "撤销资格", "remove" => "不再列入序列", _ => "按有关规定处理" }
        + (BanYears is { } y ? $"，{y}年内不得再行申报" : "");
    public override string Describe(EvalEnv env) => $"{Text}：{EffectText}" + JudgementNote;
    protected override void EvaluateCore(Facts facts, EvalEnv env, List<Reason> into)
    {
        var occurred = Fact is not null ? facts.Bool(Fact) : Condition.All(When, facts, out _);
        if (occurred is null) return; // a ground is judged only when reported
        if (occurred == false) { into.Add(Make(Outcome.Pass, $"无“{Text}”情形", "无", $"不存在{Cite}所列“{Text}”情形")); return; }
        if (Effect == "handle")
        {
            into.Add(Undefined(Fact ?? When[0].Fact, $"无“{Text}”情形", "有",
                $"存在{Cite}所列“{Text}”情形；本办法只规定“按有关规定处理”，未规定处理结果"));
            return;
        }
        into.Add(Make(Outcome.Fail, $"无“{Text}”情形", "有", $"存在{Cite}所列“{Text}”情形，应{EffectText}", EffectText));
    }
}
