using System.Net;
using System.Text;
using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;
using TechCenters.Policy;
using TechCenters.Web.Features.Documents;

namespace TechCenters.Web.Features.Applications;

/// <summary>
/// The whole application as one PDF: the printed 申报书 (with its receipt number), then every attachment submitted with
/// the version — PDF pages joined after it (PDFsharp), pictures printed as pages — each listed in the appendix with the
/// page it starts on. An attachment that cannot be joined (a damaged or encrypted PDF, a file whose SM3 no longer
/// matches) is listed with why, never silently left out.
/// </summary>
public static class ApplicationBundle
{
    /// <summary>An attachment and its verified bytes (null when the stored file is missing or no longer matches its SM3).</summary>
    public sealed record Enclosure(Attachment File, byte[]? Bytes);

    private sealed record Part(Enclosure E, PdfDocument? Pdf, string? Image, string? Problem)
    {
        public int Pages => Pdf?.PageCount ?? (Image is null ? 0 : 1);
    }

    public static async Task<byte[]> PrintAsync(SubmittedDocument.Header h, IReadOnlyList<DocSection> sections, Verdict? verdict, IReadOnlyList<Enclosure> files)
    {
        var parts = files.Select(Read).ToList();
        // The appendix names the page each attachment starts on, which depends on the length of the printed part: print,
        // count, and print again until the count holds (it does at the second print unless the numbers add a page).
        var mainPages = 0;
        byte[] printed = [];
        for (var round = 0; round < 3; round++)
        {
            printed = await HtmlPdf.PrintAsync(SubmittedDocument.Html(h, sections, verdict, Appendix(parts, mainPages)));
            var pages = PageCount(printed);
            if (pages == mainPages) break;
            mainPages = pages;
        }
        using var output = new PdfDocument();
        Append(output, printed);
        foreach (var p in parts.Where(p => p.Pdf is not null))
            foreach (var page in p.Pdf!.Pages) output.AddPage(page);
        using var ms = new MemoryStream();
        output.Save(ms, false);
        foreach (var p in parts) p.Pdf?.Dispose();
        return ms.ToArray();
    }

    private static Part Read(Enclosure e)
    {
        if (e.Bytes is null) return new(e, null, null, "文件校验未通过（SM3 摘要不符或文件缺失），未并入");
        switch (e.File.ContentType)
        {
            case "application/pdf":
                try { return new(e, PdfReader.Open(new MemoryStream(e.Bytes), PdfDocumentOpenMode.Import), null, null); }
                // PDFsharp reports a damaged, unsupported or encrypted file through several exception types.
                catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
                {
                    return new(e, null, null, "PDF 文件无法读取或已加密，未并入，请单独下载");
                }
            case "image/png" or "image/jpeg":
                return new(e, null, $"data:{e.File.ContentType};base64,{Convert.ToBase64String(e.Bytes)}", null);
            default:
                return new(e, null, null, "文件类型不能并入 PDF，请单独下载");
        }
    }

    private static int PageCount(byte[] pdf)
    {
        using var d = PdfReader.Open(new MemoryStream(pdf), PdfDocumentOpenMode.Import);
        return d.PageCount;
    }

    private static void Append(PdfDocument output, byte[] pdf)
    {
        using var d = PdfReader.Open(new MemoryStream(pdf), PdfDocumentOpenMode.Import);
        foreach (var page in d.Pages) output.AddPage(page);
    }

    /// <summary>The appendix: where each attachment starts (pictures are pages of the printed part, PDFs follow it), and the pictures.</summary>
    private static string Appendix(IReadOnlyList<Part> parts, int mainPages)
    {
        if (parts.Count == 0) return "";
        static string E(string? s) => WebUtility.HtmlEncode(s ?? "");
        string N(int n) => mainPages == 0 ? "?" : n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var images = parts.Where(p => p.Image is not null).ToList();
        // Pictures are printed at the end of the printed part, one page each; PDFs start after the printed part.
        var imageStart = mainPages - images.Count + 1;
        var next = mainPages + 1;
        var sb = new StringBuilder("<h2 class=\"appendix\">附件并入情况</h2><table>");
        foreach (var (p, i) in parts.Select((p, i) => (p, i + 1)))
        {
            string where;
            if (p.Problem is not null) where = p.Problem;
            else if (p.Image is not null) where = $"图片，见本文件第 {N(imageStart + images.IndexOf(p))} 页";
            else { where = $"并入本文件第 {N(next)} 页起，共 {p.Pages} 页"; next += p.Pages; }
            sb.Append($"<tr><td class=\"n\">附件{i}</td><td>{E(p.E.File.Kind)}　{E(p.E.File.FileName)}<br>{E(where)}</td></tr>");
        }
        sb.Append("</table>");
        foreach (var p in images)
            sb.Append($"<div class=\"picture\"><div>{E(p.E.File.Kind)}：{E(p.E.File.FileName)}</div><img src=\"{p.Image}\" alt=\"{E(p.E.File.FileName)}\"></div>");
        return sb.ToString();
    }
}
