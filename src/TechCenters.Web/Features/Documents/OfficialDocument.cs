using System.Globalization;
using System.Net;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace TechCenters.Web.Features.Documents;

/// <summary>
/// An official document (公文) in the national layout (GB/T 9704): the issuer's red heading, the document number, a red
/// rule, the title, the addressees, the body, the signature and the date in Chinese numerals. One content, two renderings:
/// DOCX (OpenXml) and PDF (the same content as HTML printed by Chromium). Approval notices and revocation decisions are these.
/// </summary>
public sealed record OfficialDocument(string Issuer, string Number, string Title, string Addressees, IReadOnlyList<string> Body, string Signature, string Date)
{
    /// <summary>The SM2 verification line (Features/Security/DocumentSigner), printed under the date; not part of what is signed.</summary>
    public string? Verification { get; init; }

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

    public Task<byte[]> ToPdfAsync() => HtmlPdf.PrintAsync(ToHtml());
}
