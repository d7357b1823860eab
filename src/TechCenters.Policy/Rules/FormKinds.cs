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

/// <summary>
/// One item of an application form (申报书) as its text lists it: a fact the applicant states (<c>fact</c>), data the
/// platform already holds (<c>source</c>: the unit registry, the co-builders, the plan), blanks to fill in words
/// (<c>fields</c>: key → label, kept with the form), an attachment to upload (<c>attachment: true</c>), or a signature and
/// seal (<c>signer</c>, an actor).
/// </summary>
public sealed record FormItem(string Label, string Article, string? Fact, string? Source, IReadOnlyList<(string Key, string Label)> Fields,
    bool Attachment, string? Signer, string? Note);

public sealed record FormSection(string Title, string Article, IReadOnlyList<FormItem> Items);

/// <summary>
/// kind: application_form — the 申报书 a pack's text lays out (第十二师 附1), section by section, so the web form asks
/// what this text asks and nothing another text asks. Checks no fact; the facts it names are asked on the form.
/// </summary>
public sealed class ApplicationFormRule : Rule
{
    public static readonly IReadOnlyList<string> DataSources = ["registry", "co_builders", "plan"];
    public IReadOnlyList<FormSection> Sections { get; private set; } = [];
    public IEnumerable<FormItem> Items => Sections.SelectMany(s => s.Items);
    /// <summary>The facts the form asks the applicant (vocabulary paths).</summary>
    public IEnumerable<string> AskedFacts => Items.Where(i => i.Fact is not null).Select(i => i.Fact!);
    public IEnumerable<(string Key, string Label)> TextFields => Items.SelectMany(i => i.Fields);
    public IEnumerable<FormItem> Attachments => Items.Where(i => i.Attachment);
    public IEnumerable<FormItem> Signatures => Items.Where(i => i.Signer is not null);
    public override IEnumerable<string> FactsRead => base.FactsRead.Concat(AskedFacts);

    internal override void ReadParameters(MapReader m, PackReader p)
    {
        var sections = new List<FormSection>();
        var keys = new HashSet<string>();
        foreach (var s in m.MapList("sections", required: true))
        {
            var title = s.String("title", required: true) ?? "";
            var article = p.Article(s, required: true) ?? "";
            var items = new List<FormItem>();
            foreach (var i in s.MapList("items", required: true))
            {
                var label = i.String("label", required: true) ?? "";
                var itemArticle = i.Has("article") ? p.Article(i, required: true) ?? article : article;
                var fact = i.Has("fact") ? p.FactRef(i, "fact") : null;
                var source = i.String("source");
                var fields = new List<(string, string)>();
                if (i.Map("fields") is { } fm)
                {
                    foreach (var k in fm.Keys)
                    {
                        if (!keys.Add(k)) i.Ctx.Error(fm.KeyMark(k), $"申报书字段“{k}”重复");
                        fields.Add((k, fm.String(k, required: true) ?? k));
                    }
                    fm.Finish();
                }
                var attachment = i.Bool("attachment") ?? false;
                var signer = p.ActorRef(i, "signer");
                var note = i.String("note");
                i.Finish($"申报书项目 {label}");
                var forms = (fact is not null ? 1 : 0) + (source is not null ? 1 : 0) + (fields.Count > 0 ? 1 : 0) + (attachment ? 1 : 0) + (signer is not null ? 1 : 0);
                if (forms != 1) i.Ctx.Error(i.Mark, $"申报书项目“{label}”须且只能是 fact、source、fields、attachment、signer 之一");
                if (source is not null && !DataSources.Contains(source))
                    i.Ctx.Error(i.KeyMark("source"), $"source 应为 {string.Join("/", DataSources)}（单位库、共建单位、建设方案），实际为“{source}”");
                items.Add(new FormItem(label, itemArticle, fact, source, fields, attachment, signer, note));
            }
            s.Finish($"申报书部分 {title}");
            sections.Add(new FormSection(title, article, items));
        }
        Sections = sections;
    }

    public override string Describe(EvalEnv env) => $"{Title}：" + string.Join("；", Sections.Select(s =>
        $"{s.Title}（{string.Join("、", s.Items.Select(i => i.Label + (i.Attachment ? "〔附件〕" : i.Signer is not null ? $"〔{env.Actor(i.Signer)}签字盖章〕" : "")))}）"));
}
