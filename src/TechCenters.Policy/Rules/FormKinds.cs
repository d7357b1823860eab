using TechCenters.Policy.Yaml;

namespace TechCenters.Policy.Rules;

/// <summary>
/// One signature page of an application form (签章页): whose opinion it records, the blanks to fill, and — for a page
/// several units sign, such as 新疆's “核心共建单位意见（不超过5家）” — how many may sign it.
/// </summary>
public sealed record SignaturePage(string Title, string Signer, IReadOnlyList<string> Fields, Bound? Bound, Quantity? Limit, string? Note)
{
    /// <summary>Whether <paramref name="signers"/> units may sign this page: exactly one without a limit, else by the bound word.</summary>
    public bool Allows(int signers) => Bound is null || Limit is null ? signers == 1 : Bound.IsSatisfiedBy(signers, Limit.Value);

    /// <summary>The most signature blocks the form should print for this page (null when the bound sets no upper end).</summary>
    public int? MaxSigners => Bound is null || Limit is null ? 1
        : Bound.Direction == BoundDirection.AtLeast ? null
        : Bound.Inclusive ? (int)Math.Floor(Limit.Value) : (int)Math.Ceiling(Limit.Value) - 1;
}

/// <summary>
/// kind: signature_pages — the signature pages of an application form, in order, as data the web app renders
/// (新疆 附件签章页: 牵头单位意见, 核心共建单位意见（不超过5家）, 推荐部门审查意见). It checks no fact itself: a limit on
/// the number of signers is checked by a co_builders rule citing the same article.
/// </summary>
public sealed class SignaturePagesRule : Rule
{
    public IReadOnlyList<SignaturePage> Pages { get; private set; } = [];

    internal override void ReadParameters(MapReader m, PackReader p)
    {
        var pages = new List<SignaturePage>();
        foreach (var s in m.MapList("pages", required: true))
        {
            var title = s.String("title", required: true) ?? "";
            var signer = p.ActorRef(s, "signer", required: true) ?? "";
            var fields = s.StringList("fields", required: true);
            Bound? bound = null;
            Quantity? limit = null;
            var bw = s.String("bound");
            var vt = s.String("value");
            if ((bw is null) != (vt is null)) s.Ctx.Error(s.Mark, "签章页的 bound 与 value（可签署单位数）须同时给出");
            else if (bw is not null)
            {
                if (PackReader.TryBound(s, bw, out var b)) bound = b;
                if (PackReader.TryQuantity(s, vt, "家", out var q)) limit = q;
                if (limit is not null && (limit.Value <= 0 || limit.Value != Math.Floor(limit.Value)))
                    s.Ctx.Error(s.KeyMark("value"), $"可签署单位数应为正整数，实际为“{vt}”");
            }
            var note = s.String("note");
            s.Finish("signature page");
            if (pages.Any(x => x.Title == title)) s.Ctx.Error(s.KeyMark("title"), $"重复的签章页“{title}”");
            pages.Add(new SignaturePage(title, signer, fields, bound, limit, note));
        }
        if (pages.Count == 0) m.Ctx.Error(m.KeyMark("pages"), "signature_pages 至少应有一页 (no signature pages)");
        Pages = pages;
    }

    public override string Describe(EvalEnv env) => $"{Title}：" + string.Join("；", Pages.Select((pg, i) =>
        $"{i + 1}. {pg.Title}（{env.Actor(pg.Signer)}" +
        (pg.Bound is null ? "" : $"，{pg.Bound.Phrase(pg.Limit!)}") +
        $"签署：{string.Join("、", pg.Fields)}）"));
}
