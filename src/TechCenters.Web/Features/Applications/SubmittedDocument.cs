using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using TechCenters.Policy;
using TechCenters.Web.Features.Units;

namespace TechCenters.Web.Features.Applications;

public sealed record DocRow(string Key, string Label, string Value, bool Long = false);
public sealed record DocSection(string Title, IReadOnlyList<DocRow> Rows);

/// <summary>
/// A submitted version of the 申报书 as its readers see it: every part of it — basic information, co-builders, the facts
/// the pack asks (with their labels and units), the checklists, the construction plan section by section, the
/// attachments submitted with it — read from the frozen version, never from the draft. One content for the page, the PDF
/// and the comparison of two versions. Pure.
/// </summary>
public static class SubmittedDocument
{
    public sealed record Header(string CenterName, string LeadName, string LeadCreditCode, string LeadType, ApplicationVersion Version, string PackTitle, string PackDocument);

    private sealed record CoBuilderJson(int UnitId, string? CreditCode, string? Name, decimal? WorkShare, bool Core, string? Region);

    public static string CenterName(ApplicationVersion v, string fallback) =>
        ApplicationFacts.Parse(v.FactsJson).GetValueOrDefault("application.center_name") is { Length: > 0 } n ? n : fallback;

    public static IReadOnlyList<DocSection> Build(PolicyPack pack, Vocabulary vocabulary, ApplicationVersion v, Unit lead, string centerName,
        IReadOnlyList<Attachment> files, bool maskContacts)
    {
        var sections = new List<DocSection>();
        var form = ApplicationFacts.Parse(v.FormJson);
        var facts = ApplicationFacts.Parse(v.FactsJson);
        var plan = ApplicationFacts.Parse(v.PlanJson);
        string Masked(string s) => maskContacts ? ExpertReviews.ReviewModel.Mask(s) : s;

        var basic = new List<DocRow>
        {
            new("CenterName", "拟定中心名称", centerName),
            new("lead.name", "牵头（依托）单位", lead.Name),
            new("lead.credit_code", "统一社会信用代码", lead.CreditCode),
            new("lead.type_name", "单位类型", lead.Type.ToChinese()),
        };
        basic.AddRange(ApplicationForm.BasicFields(pack).Select(f => new DocRow("form:" + f.Name, f.Label, (form.GetValueOrDefault(f.Name) is { Length: > 0 } given ? Masked(given) : "未填"))));
        sections.Add(new("基本信息", basic));

        var cbs = JsonSerializer.Deserialize<List<CoBuilderJson>>(v.CoBuildersJson, new JsonSerializerOptions { PropertyNameCaseInsensitive = true }) ?? [];
        var regions = vocabulary.Fact("co_builders")?.Items.GetValueOrDefault("region")?.Values ?? new Dictionary<string, string>();
        sections.Add(new("共建单位", cbs.Count == 0 ? [new DocRow("co_builders", "共建单位", "无")]
            : cbs.Select((c, i) => new DocRow($"cb:{c.CreditCode ?? c.UnitId.ToString(CultureInfo.InvariantCulture)}", $"共建单位{i + 1}",
                $"{c.Name}（{c.CreditCode}）" + (c.Core ? "，核心共建单位" : "") + (c.Region is { } r ? $"，{regions.GetValueOrDefault(r, r)}" : "")
                + (c.WorkShare is { } w ? $"，任务分工 {(w * 100).ToString("0.##", CultureInfo.InvariantCulture)}%" : ""))).ToList()));

        foreach (var g in ApplicationForm.Groups(pack, vocabulary))
            sections.Add(new(g.Title, g.Fields.Select(f => new DocRow("f:" + f.Name, f.Label + (f.Unit is { } u && u != "%" ? $"（{u}）" : ""),
                Value(vocabulary, f.Name, facts.GetValueOrDefault(f.Name)))).ToList()));

        foreach (var list in ApplicationRules.Checklists(pack))
            sections.Add(new($"{list.Title}（{list.Article}）", list.Items.Select((item, i) =>
                new DocRow($"form:check.{list.Id}.{i}", item, form.GetValueOrDefault($"check.{list.Id}.{i}") == "true" ? "已确认" : "未确认")).ToList()));

        var planSections = ApplicationForm.PlanSections(pack).Concat(plan.Keys).Distinct().ToList();
        sections.Add(new($"建设方案（共 {plan.Values.Sum(ApplicationFacts.CountChars)} 字，不计空白）",
            planSections.Select(s => new DocRow("plan:" + s, s, plan.GetValueOrDefault(s) ?? "", Long: true)).ToList()));

        sections.Add(new("附件", files.Count == 0 ? [new DocRow("attachments", "附件", "无")]
            : files.Select(f => new DocRow($"file:{f.Kind}:{f.FileName}", f.Kind, $"{f.FileName}（{f.Size / 1024} KB，SM3 {f.Sm3[..16]}…）")).ToList()));
        return sections;
    }

    /// <summary>A typed fact as people read it: 是/否, the enum's label, a ratio as a percentage, a figure with its unit.</summary>
    public static string Value(Vocabulary vocabulary, string path, string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw)) return "未填";
        var def = vocabulary.Fact(path);
        if (def is null) return raw;
        return def.Type switch
        {
            FactType.Bool => raw == "true" ? "是" : raw == "false" ? "否" : raw,
            FactType.Enum => def.ValueLabel(raw),
            FactType.Ratio when decimal.TryParse(raw, NumberStyles.Number, CultureInfo.InvariantCulture, out var r) => (r * 100).ToString("0.####", CultureInfo.InvariantCulture) + "%",
            FactType.Number when decimal.TryParse(raw, NumberStyles.Number, CultureInfo.InvariantCulture, out var n) => Figure(n) + (def.Unit is { } u && u != "%" ? u : ""),
            _ => raw,
        };
    }

    /// <summary>12000000 → 1,200万; 150000000 → 1.5亿; small figures as they are.</summary>
    public static string Figure(decimal n) =>
        n >= 100_000_000 ? $"{(n / 100_000_000m).ToString("0.####", CultureInfo.InvariantCulture)}亿"
        : n >= 10_000 ? $"{(n / 10_000m).ToString("#,0.####", CultureInfo.InvariantCulture)}万"
        : n.ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>What changed from one version to another, row by row (added, removed, changed), in document order.</summary>
    public static IReadOnlyList<(string Section, string Label, string? Before, string? After)> Compare(IReadOnlyList<DocSection> before, IReadOnlyList<DocSection> after)
    {
        static string Norm(string t) => t.Contains("（共 ", StringComparison.Ordinal) ? t[..t.IndexOf("（共 ", StringComparison.Ordinal)] : t;
        var old = before.SelectMany(s => s.Rows.Select(r => (Section: Norm(s.Title), Row: r))).ToDictionary(x => x.Row.Key, x => x);
        var changes = new List<(string, string, string?, string?)>();
        var seen = new HashSet<string>();
        foreach (var s in after)
            foreach (var r in s.Rows)
            {
                seen.Add(r.Key);
                var was = old.TryGetValue(r.Key, out var o) ? o.Row.Value : null;
                if (was != r.Value) changes.Add((Norm(s.Title), r.Label, was, r.Value));
            }
        foreach (var (key, o) in old.Where(x => !seen.Contains(x.Key)))
            changes.Add((o.Section, o.Row.Label, o.Row.Value, null));
        return changes;
    }

    /// <summary>The whole application as one printable HTML page (A4), its receipt number on every page's header line.</summary>
    public static string Html(Header h, IReadOnlyList<DocSection> sections, Verdict? verdict, string appendix = "")
    {
        static string E(string? s) => WebUtility.HtmlEncode(s ?? "");
        var v = h.Version;
        var sb = new StringBuilder();
        sb.Append($$"""
            <!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{{E(h.CenterName)}} 申报书</title><style>
            @page { size: A4; margin: 22mm 18mm 20mm 18mm; }
            body { font-family: "Noto Serif CJK SC", serif; font-size: 11pt; line-height: 1.6; color: #000; }
            h1 { font-family: "Noto Sans CJK SC", sans-serif; font-size: 20pt; text-align: center; margin: 0 0 4pt; }
            .sub { text-align: center; margin-bottom: 14pt; }
            .receipt { border: 1pt solid #000; padding: 6pt 10pt; margin-bottom: 14pt; font-family: "Noto Sans CJK SC", sans-serif; font-size: 10pt; }
            h2 { font-family: "Noto Sans CJK SC", sans-serif; font-size: 13pt; border-bottom: 1pt solid #000; margin: 14pt 0 6pt; }
            table { width: 100%; border-collapse: collapse; } td { border: 0.5pt solid #666; padding: 3pt 5pt; vertical-align: top; }
            td.l { width: 32%; background: #f2f2f2; } .long { white-space: pre-wrap; }
            .fail { color: #b00; } .judge { color: #a60; }
            td.n { width: 12%; background: #f2f2f2; white-space: nowrap; }
            .picture { break-before: page; text-align: center; } .picture img { max-width: 100%; max-height: 240mm; margin-top: 6pt; }
            </style></head><body>
            <h1>{{E(h.CenterName)}}</h1><div class="sub">技术创新中心申报书 · 第 {{v.Number}} 版</div>
            <div class="receipt">回执编号：<strong>{{E(v.ReceiptNumber)}}</strong>　提交时间：{{v.SubmittedAt.ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd HH:mm}}（北京时间）　提交人：{{E(v.SubmittedBy)}}<br>
            牵头（依托）单位：{{E(h.LeadName)}}（{{E(h.LeadCreditCode)}}，{{E(h.LeadType)}}）<br>适用：{{E(Shared.Readable.Document(h.PackTitle, h.PackDocument))}}（{{E(v.PackVersion)}} 起施行）</div>
            """);
        var n = 0;
        string[] cn = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五"];
        foreach (var s in sections)
        {
            sb.Append($"<h2>{cn[Math.Min(n++, cn.Length - 1)]}、{E(s.Title)}</h2>");
            if (s.Rows.All(r => r.Long))
                foreach (var r in s.Rows) sb.Append($"<h3>{E(r.Label)}</h3><div class=\"long\">{E(r.Value.Length == 0 ? "（未填写）" : r.Value)}</div>");
            else
            {
                sb.Append("<table>");
                foreach (var r in s.Rows) sb.Append($"<tr><td class=\"l\">{E(r.Label)}</td><td>{E(r.Value)}</td></tr>");
                sb.Append("</table>");
            }
        }
        if (verdict is not null)
        {
            sb.Append($"<h2>{cn[Math.Min(n, cn.Length - 1)]}、提交时的组建条件自查</h2><table>");
            foreach (var r in verdict.Reasons.OrderBy(r => r.Outcome == Outcome.Fail ? 0 : r.Outcome == Outcome.NeedsJudgement ? 1 : 2))
                sb.Append($"<tr><td class=\"l {(r.Outcome == Outcome.Fail ? "fail" : r.Outcome == Outcome.NeedsJudgement ? "judge" : "")}\">{E(Verdict.OutcomeLabel(r.Outcome))}（{E(r.Article)}）</td><td>{E(Shared.Readable.Text(r.Message))}</td></tr>");
            sb.Append("</table>");
        }
        sb.Append(appendix).Append("</body></html>");
        return sb.ToString();
    }
}
