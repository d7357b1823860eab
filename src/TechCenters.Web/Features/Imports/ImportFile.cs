using System.Data;
using System.Globalization;
using System.IO.Compression;
using MiniExcelLibs;

namespace TechCenters.Web.Features.Imports;

/// <summary>One column of an import template: its Chinese heading (the list export's), whether it must be filled, its length.</summary>
public sealed record ImportColumn(string Header, bool Required, int MaxLength, string Note);

/// <summary>One data row of an uploaded sheet: its row number as Excel shows it (the heading is row 1) and its cells by heading.</summary>
public sealed record ImportRow(int Number, IReadOnlyDictionary<string, string> Cells)
{
    /// <summary>The trimmed cell under the heading, or null when empty.</summary>
    public string? this[string header] => Cells.TryGetValue(header, out var v) && v.Length > 0 ? v : null;
}

/// <summary>A wrong cell: "第 5 行「统一社会信用代码」校验位应为“3”，实际为“4”".</summary>
public sealed record ImportError(int Row, string Column, string Message)
{
    public string Text => $"第 {Row} 行「{Column}」{Message}";
}

/// <summary>A file that cannot be an import at all (not XLSX, empty, wrong headings, too large, too many rows): a 400.</summary>
public sealed class ImportFileException(string message) : Exception(message);

/// <summary>Reads an uploaded import sheet and writes the templates (MiniExcel, as the exports).</summary>
public static class ImportFile
{
    public const long MaxBytes = 5 * 1024 * 1024;
    public const int MaxRows = 10_000;
    /// <summary>What the workbook may inflate to (the sum of its parts): more is an archive bomb, not a sheet.</summary>
    public const long MaxExpandedBytes = 100L * 1024 * 1024;
    public const string NotesSheet = "填写说明";
    public const string ValuesSheet = "可选值";

    /// <summary>The first sheet's data rows by heading; throws <see cref="ImportFileException"/> with a Chinese message for a bad file.</summary>
    public static List<ImportRow> Read(byte[] content, IReadOnlyList<ImportColumn> columns)
    {
        if (content.Length == 0) throw new ImportFileException("上传的文件是空的，请选择填写好的导入模板（.xlsx）。");
        if (content.Length > MaxBytes) throw new ImportFileException($"文件超过 {MaxBytes / 1024 / 1024} MB 的上限，请分批导入。");
        if (content.Length < 4 || content[0] != 'P' || content[1] != 'K' || content[2] != 3 || content[3] != 4)
            throw new ImportFileException("文件不是 Excel 工作簿（.xlsx），请使用平台生成的导入模板填写后上传。");
        try
        {
            using (var zip = new ZipArchive(new MemoryStream(content), ZipArchiveMode.Read))
            {
                long expanded = 0;
                foreach (var entry in zip.Entries) expanded += entry.Length;
                if (expanded > MaxExpandedBytes) throw new ImportFileException("文件解压后过大，不是正常的导入模板，请检查后重新上传。");
                if (zip.GetEntry("xl/workbook.xml") is null) throw new ImportFileException("文件不是 Excel 工作簿（.xlsx），请使用平台生成的导入模板填写后上传。");
            }
            return ReadRows(content, columns);
        }
        catch (ImportFileException) { throw; }
        catch (Exception e) when (e is InvalidDataException or IOException or InvalidOperationException or System.Xml.XmlException
                                      or FormatException or ArgumentException or NotSupportedException or IndexOutOfRangeException or NullReferenceException)
        {
            throw new ImportFileException("文件无法读取：不是有效的 Excel 工作簿（.xlsx），请使用平台生成的导入模板填写后上传。");
        }
    }

    private static List<ImportRow> ReadRows(byte[] content, IReadOnlyList<ImportColumn> columns)
    {
        using var stream = new MemoryStream(content);
        using var rows = MiniExcel.Query(stream, useHeaderRow: false).Cast<IDictionary<string, object?>>().GetEnumerator();
        if (!rows.MoveNext()) throw new ImportFileException("工作表是空的：第 1 行应为列标题，请使用平台生成的导入模板。");
        var byLetter = new Dictionary<string, string>();
        var seen = new HashSet<string>();
        foreach (var (letter, value) in rows.Current)
        {
            var heading = Text(value);
            if (heading.Length == 0) continue;
            if (!seen.Add(heading)) throw new ImportFileException($"列标题「{heading}」出现了两次，请使用平台生成的导入模板。");
            byLetter[letter] = heading;
        }
        var missing = columns.Where(c => !seen.Contains(c.Header)).Select(c => $"「{c.Header}」").ToList();
        if (missing.Count > 0)
            throw new ImportFileException($"第 1 行的列标题不对：缺少{string.Join("", missing)}。请下载平台生成的导入模板，按其列标题填写。");
        var wanted = columns.Select(c => c.Header).ToHashSet();
        var result = new List<ImportRow>();
        var number = 1;
        while (rows.MoveNext())
        {
            number++;
            var cells = new Dictionary<string, string>();
            foreach (var (letter, value) in rows.Current)
                if (byLetter.TryGetValue(letter, out var heading) && wanted.Contains(heading)) cells[heading] = Text(value);
            if (cells.Values.All(v => v.Length == 0)) continue;
            if (result.Count == MaxRows) throw new ImportFileException($"数据行超过单次导入上限 {MaxRows:N0} 行，请分批导入。");
            result.Add(new ImportRow(number, cells));
        }
        if (result.Count == 0) throw new ImportFileException("文件中没有数据行：请在列标题下方逐行填写后再上传。");
        return result;
    }

    /// <summary>A cell as text: numbers without exponent or grouping (a phone typed as a number), dates as yyyy-MM-dd.</summary>
    private static string Text(object? value) => value switch
    {
        null => "",
        string s => s.Trim(),
        double d when d == Math.Floor(d) && Math.Abs(d) < 1e15 => d.ToString("0", CultureInfo.InvariantCulture),
        double d => d.ToString(CultureInfo.InvariantCulture),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        DateTime t => t.ToString(t.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        bool b => b ? "是" : "否",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture).Trim(),
        _ => value.ToString()?.Trim() ?? "",
    };

    /// <summary>
    /// The template: the data sheet with the headings only, a sheet that says for each column whether it is required, its
    /// length and what it takes, and a sheet of the values a column allows (this jurisdiction's departments, the types…).
    /// </summary>
    public static byte[] Template(string sheet, IReadOnlyList<ImportColumn> columns, IReadOnlyList<(string Title, IReadOnlyList<string> Values)> allowed)
    {
        var data = new DataTable(sheet);
        foreach (var c in columns) data.Columns.Add(c.Header, typeof(string));
        var notes = columns.Select(c => new Dictionary<string, object?>
        {
            ["列标题"] = c.Header, ["是否必填"] = c.Required ? "必填" : "选填", ["最长字数"] = c.MaxLength, ["填写说明"] = c.Note,
        }).ToList();
        notes.Add(new() { ["列标题"] = "", ["是否必填"] = "", ["最长字数"] = null, ["填写说明"] = "" });
        notes.Add(new() { ["列标题"] = "注意", ["是否必填"] = "", ["最长字数"] = null,
            ["填写说明"] = $"从第 2 行起每行一条；请勿修改第 1 行列标题；单次最多 {MaxRows:N0} 行、文件不超过 {MaxBytes / 1024 / 1024} MB；证件号码、统一社会信用代码请以文本格式填写。任一行有误则整批不导入。" });
        var values = new DataTable(ValuesSheet);
        foreach (var (title, _) in allowed) values.Columns.Add(title, typeof(string));
        var depth = allowed.Count == 0 ? 0 : allowed.Max(a => a.Values.Count);
        for (var i = 0; i < depth; i++) values.Rows.Add(allowed.Select(a => (object)(i < a.Values.Count ? a.Values[i] : "")).ToArray());
        var sheets = new Dictionary<string, object> { [sheet] = data, [NotesSheet] = notes };
        if (allowed.Count > 0) sheets[ValuesSheet] = values;
        using var ms = new MemoryStream();
        ms.SaveAs(sheets);
        return ms.ToArray();
    }
}
