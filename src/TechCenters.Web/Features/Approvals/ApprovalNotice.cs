using System.Globalization;
using System.Net;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.Playwright;
using TechCenters.Policy;
using TechCenters.Web.Features.Centers;

namespace TechCenters.Web.Features.Approvals;

/// <summary>
/// 批准（认定）通知 in the layout of a Chinese official document (GB/T 9704 in spirit): 红头, 文号, 标题, 主送, 正文, 落款,
/// 日期 in Chinese numerals. One content, two renderings: DOCX (OpenXml) and PDF (the same content as HTML printed by Chromium).
/// </summary>
public sealed record ApprovalNotice(string Issuer, string Number, string Title, string Addressees, IReadOnlyList<string> Body, string Signature, string Date)
{
    /// <summary>The SM2 verification line (Features/Security/DocumentSigner), printed under the date; not part of what is signed.</summary>
    public string? Verification { get; init; }

    public static ApprovalNotice For(Center c, PolicyPack pack, string bureauName)
    {
        var approval = pack.Rules.FirstOrDefault(r => r.Topic == "approval" && r.Article is not null);
        var verb = approval?.Title is { Length: > 0 and <= 6 } t ? t : "认定";
        var body = new List<string>
        {
            $"根据《{pack.Title}》（{pack.Document}）{approval?.Article ?? ""}的规定，经申报推荐、专家评审{(pack.Stages?.FirstOf("decision") is not null ? "、会议研究" : "")}{(pack.Stages?.FirstOf("public_notice") is not null ? "和公示" : "")}，" +
            $"{c.Name}符合条件，现予{verb}。",
            $"{c.Name}由{c.LeadUnitName}牵头建设" + (c.CoBuilders.Any() ? $"，共建单位为{string.Join("、", c.CoBuilders)}。" : "。"),
        };
        if (c.ConstructionYears is { } y && c.ConstructionEndsOn is { } end)
            body.Add($"建设期为{y}年，自{OfficialDate.Format(c.ApprovedOn)}至{OfficialDate.Format(end)}。");
        if (c.SubsidyYuan is { } s)
            body.Add($"给予认定补助{s.ToString("#,0.##", CultureInfo.InvariantCulture)}元。");
        body.Add("请你单位按照建设方案加强组织建设和运行管理，健全管理制度，按要求报送年度报告，接受绩效评估。");
        body.Add("特此通知。");
        var addressees = c.CoBuilders.Any() ? $"{c.LeadUnitName}，{string.Join("、", c.CoBuilders)}：" : $"{c.LeadUnitName}：";
        return new(bureauName, c.ApprovalNumber, $"{bureauName}关于{verb}{c.Name}的通知", addressees, body, bureauName, OfficialDate.Format(c.ApprovedOn));
    }

    private const string SerifFont = "Noto Serif CJK SC";
    private const string SansFont = "Noto Sans CJK SC";

    public byte[] ToDocx()
    {
        using var ms = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(ms, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            var body = new Body();
            body.Append(Para(Issuer + "文件", size: 60, bold: true, color: "C00000", center: true, font: SansFont, after: 200));
            body.Append(Para(Number, size: 32, center: true, after: 120));
            body.Append(new Paragraph(new ParagraphProperties(new ParagraphBorders(new BottomBorder { Val = BorderValues.Single, Color = "C00000", Size = 18 }))));
            body.Append(Para(Title, size: 44, bold: true, center: true, font: SansFont, before: 300, after: 300));
            body.Append(Para(Addressees, size: 32));
            foreach (var p in Body) body.Append(Para(p, size: 32, indent: true));
            body.Append(Para(Signature, size: 32, right: true, before: 600));
            body.Append(Para(Date, size: 32, right: true));
            if (Verification is not null) body.Append(Para(Verification, size: 21, before: 400));
            body.Append(new SectionProperties(new PageSize { Width = 11906, Height = 16838 },
                new PageMargin { Top = 2098, Bottom = 1984, Left = 1588, Right = 1474 }));
            main.Document = new Document(body);
            main.Document.Save();
        }
        return ms.ToArray();
    }

    private static Paragraph Para(string text, int size, bool bold = false, string? color = null, bool center = false, bool right = false,
        bool indent = false, string font = SerifFont, int before = 0, int after = 0)
    {
        var pp = new ParagraphProperties();
        if (center || right) pp.Append(new Justification { Val = center ? JustificationValues.Center : JustificationValues.Right });
        if (indent) pp.Append(new Indentation { FirstLineChars = 200 });
        pp.Append(new SpacingBetweenLines { Before = before.ToString(CultureInfo.InvariantCulture), After = after.ToString(CultureInfo.InvariantCulture), Line = "560", LineRule = LineSpacingRuleValues.Exact });
        var rp = new RunProperties(new RunFonts { Ascii = font, HighAnsi = font, EastAsia = font }, new FontSize { Val = size.ToString(CultureInfo.InvariantCulture) });
        if (bold) rp.Append(new Bold());
        if (color is not null) rp.Append(new Color { Val = color });
        return new Paragraph(pp, new Run(rp, new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
    }

    public string ToHtml()
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var sb = new StringBuilder();
        sb.Append($$"""
            <!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{{E(Title)}}</title><style>
            @page { size: A4; margin: 37mm 26mm 35mm 28mm; }
            body { font-family: "{{SerifFont}}", serif; font-size: 16pt; line-height: 28pt; color: #000; }
            .red { color: #c00000; font-family: "{{SansFont}}", sans-serif; font-size: 30pt; font-weight: 700; text-align: center; letter-spacing: 2pt; margin: 0 0 14pt; }
            .no { text-align: center; margin: 0 0 6pt; }
            hr { border: 0; border-top: 2pt solid #c00000; margin: 0 0 24pt; }
            h1 { font-family: "{{SansFont}}", sans-serif; font-size: 22pt; line-height: 32pt; text-align: center; margin: 0 0 20pt; }
            p { margin: 0; } .body { text-indent: 2em; } .sign { text-align: right; margin-top: 40pt; } .date { text-align: right; } .verify { margin-top: 30pt; font-size: 10.5pt; }
            </style></head><body>
            <div class="red">{{E(Issuer)}}文件</div><div class="no">{{E(Number)}}</div><hr>
            <h1>{{E(Title)}}</h1><p>{{E(Addressees)}}</p>
            """);
        foreach (var p in Body) sb.Append($"<p class=\"body\">{E(p)}</p>");
        sb.Append($"<p class=\"sign\">{E(Signature)}</p><p class=\"date\">{E(Date)}</p>");
        if (Verification is not null) sb.Append($"<p class=\"verify\">{E(Verification)}</p>");
        sb.Append("</body></html>");
        return sb.ToString();
    }

    /// <summary>Prints <see cref="ToHtml"/> with the Debian Chromium (no browser download, no network).</summary>
    public async Task<byte[]> ToPdfAsync(string chromiumPath = "/usr/bin/chromium")
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromiumPath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync();
        await page.SetContentAsync(ToHtml());
        return await page.PdfAsync(new PagePdfOptions { Format = "A4", PrintBackground = true, PreferCSSPageSize = true });
    }
}
