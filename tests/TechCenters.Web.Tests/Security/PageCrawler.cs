using System.Net;
using System.Text.RegularExpressions;

namespace TechCenters.Web.Tests.Security;

/// <summary>One input of a form as the page renders it.</summary>
public sealed record FormField(string Name, string Kind, string Value, bool Included, IReadOnlyList<string> Options, int? MaxLength);

/// <summary>A form (or a link with a query string) found on a page: where it goes and what it carries.</summary>
public sealed record FoundForm(string Actor, string Page, string Method, string Action, bool Multipart, IReadOnlyList<FormField> Fields)
{
    /// <summary>The same form on another object (ids differ) is the same form.</summary>
    public string Shape => $"{Method} {Regex.Replace(Action, @"\d+", "{n}")} [{string.Join(",", Fields.Select(f => Regex.Replace(f.Name, @"\d+", "{n}")).Distinct().Order())}]";
}

/// <summary>
/// Walks the pages an account can reach (links from its workbench and navigation), and collects every form and every link
/// with a query string, as a browser would see them. New pages are found without anyone listing them.
/// </summary>
public static partial class PageCrawler
{
    public static async Task<List<FoundForm>> CrawlAsync(HttpClient client, string actor, IEnumerable<string> start, int maxPages = 80)
    {
        var seen = new HashSet<string>();
        var queue = new Queue<string>(start);
        var forms = new List<FoundForm>();
        while (queue.Count > 0 && seen.Count < maxPages)
        {
            var url = queue.Dequeue();
            if (!seen.Add(ShapeOf(url))) continue;
            var r = await client.GetAsync(url);
            if (r.StatusCode != HttpStatusCode.OK || r.Content.Headers.ContentType?.MediaType != "text/html") continue;
            var html = await r.Content.ReadAsStringAsync();
            forms.AddRange(Forms(actor, url, html));
            foreach (var link in Links(html))
            {
                if (link.Contains('?')) forms.Add(QueryForm(actor, url, link));
                if (!seen.Contains(ShapeOf(link))) queue.Enqueue(link);
            }
        }
        return forms;
    }

    /// <summary>A page once per shape: ids and paging do not make a new page.</summary>
    private static string ShapeOf(string url) =>
        Regex.Replace(url.Split('?')[0], @"\d+", "{n}") + "?" + Regex.Match(url, @"handler=(\w+)").Groups[1].Value;

    private static readonly string[] Skip = ["/lib", "/css", "/js", "/favicon", "/Accounts/Logout", "handler=Pdf", "handler=Docx", "handler=Xlsx", "handler=Csv", "handler=File"];

    public static IEnumerable<string> Links(string html) => Href().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))
        .Where(l => l.StartsWith('/') && !l.StartsWith("//") && !Skip.Any(s => l.Contains(s, StringComparison.OrdinalIgnoreCase)))
        .Select(l => l.Split('#')[0]).Where(l => l.Length > 0).Distinct();

    private static FoundForm QueryForm(string actor, string page, string link)
    {
        var (path, query) = (link.Split('?')[0], link.Split('?', 2)[1]);
        var fields = query.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2))
            .Select(p => new FormField(Uri.UnescapeDataString(p[0]), KindOf("text", p.Length > 1 ? Uri.UnescapeDataString(p[1]) : "", hidden: true),
                p.Length > 1 ? Uri.UnescapeDataString(p[1]) : "", true, [], null))
            .GroupBy(f => f.Name).Select(g => g.First()).ToList();
        return new FoundForm(actor, page, "GET", path, false, fields);
    }

    public static IEnumerable<FoundForm> Forms(string actor, string page, string html)
    {
        foreach (Match f in FormTag().Matches(html))
        {
            var attrs = Attrs(f.Groups[1].Value);
            var method = attrs.GetValueOrDefault("method", "get").ToUpperInvariant();
            var action = attrs.TryGetValue("action", out var a) && a.Length > 0 ? a : page;
            var body = f.Groups[2].Value;
            var fields = new List<FormField>();
            foreach (Match i in Input().Matches(body))
            {
                var ia = Attrs(i.Groups[1].Value);
                if (!ia.TryGetValue("name", out var name)) continue;
                var type = ia.GetValueOrDefault("type", "text").ToLowerInvariant();
                if (type is "submit" or "button" or "reset" or "image") continue;
                var value = ia.GetValueOrDefault("value", type is "checkbox" or "radio" ? "on" : "");
                var included = type is not ("checkbox" or "radio") || ia.ContainsKey("checked");
                var kind = ia.GetValueOrDefault("inputmode") == "decimal" ? "number" : KindOf(type, value, type == "hidden");
                // A hidden yes/no toggle (停用/启用, 设为/取消单位管理员) offers both values: the other one is the other button's.
                string[] offers = type is "checkbox" or "radio" ? [value] : type == "hidden" && kind == "choice" ? ["true", "false"] : [];
                fields.Add(new FormField(name, kind, value, included, offers, MaxLength(ia)));
            }
            foreach (Match t in TextArea().Matches(body))
            {
                var ta = Attrs(t.Groups[1].Value);
                if (ta.TryGetValue("name", out var name))
                    fields.Add(new FormField(name, "text", WebUtility.HtmlDecode(t.Groups[2].Value), true, [], MaxLength(ta)));
            }
            foreach (Match s in Select().Matches(body))
            {
                var sa = Attrs(s.Groups[1].Value);
                if (!sa.TryGetValue("name", out var name)) continue;
                var options = Option().Matches(s.Groups[2].Value).Select(o => Attrs(o.Groups[1].Value)).ToList();
                var values = options.Select(o => o.GetValueOrDefault("value", "")).ToList();
                var selected = options.FirstOrDefault(o => o.ContainsKey("selected"))?.GetValueOrDefault("value", "") ?? values.FirstOrDefault() ?? "";
                fields.Add(new FormField(name, "choice", selected, true, values, null));
            }
            // Buttons that carry a value (name="to" value="…", name="Passed" value="true").
            foreach (Match b in Button().Matches(body))
            {
                var ba = Attrs(b.Groups[1].Value);
                if (ba.TryGetValue("name", out var name) && fields.All(x => x.Name != name))
                    fields.Add(new FormField(name, "choice", ba.GetValueOrDefault("value", ""), true, [ba.GetValueOrDefault("value", "")], null));
            }
            var multipart = attrs.GetValueOrDefault("enctype") == "multipart/form-data";
            // A submit button with its own formaction posts the same fields elsewhere (保存草稿, 提交, 推荐 …).
            var actions = Button().Matches(body).Select(b => Attrs(b.Groups[1].Value).GetValueOrDefault("formaction")).OfType<string>()
                .Prepend(action).Select(x => WebUtility.HtmlDecode(x)!).Distinct();
            foreach (var target in actions) yield return new FoundForm(actor, page, method, target, multipart, fields);
        }
    }

    /// <summary>text, number, date, choice (a fixed set), id (a hidden number), file.</summary>
    private static string KindOf(string type, string value, bool hidden) => type switch
    {
        "number" or "range" => "number",
        "date" or "datetime-local" or "month" or "week" or "time" => "date",
        "checkbox" or "radio" => "choice",
        "file" => "file",
        _ when hidden && Regex.IsMatch(value, @"^-?\d+$") => "id",
        _ when hidden && value is "true" or "false" => "choice",
        _ => "text",
    };

    private static int? MaxLength(Dictionary<string, string> a) => a.TryGetValue("maxlength", out var m) && int.TryParse(m, out var n) ? n : null;

    private static Dictionary<string, string> Attrs(string s) => Attr().Matches(s)
        .GroupBy(m => m.Groups[1].Value.ToLowerInvariant()).ToDictionary(g => g.Key, g => WebUtility.HtmlDecode(g.First().Groups[3].Success ? g.First().Groups[3].Value : ""));

    [GeneratedRegex(@"href=""([^""]+)""")] private static partial Regex Href();
    [GeneratedRegex(@"<form\b([^>]*)>([\s\S]*?)</form>", RegexOptions.IgnoreCase)] private static partial Regex FormTag();
    [GeneratedRegex(@"<input\b([^>]*)/?>", RegexOptions.IgnoreCase)] private static partial Regex Input();
    [GeneratedRegex(@"<textarea\b([^>]*)>([\s\S]*?)</textarea>", RegexOptions.IgnoreCase)] private static partial Regex TextArea();
    [GeneratedRegex(@"<select\b([^>]*)>([\s\S]*?)</select>", RegexOptions.IgnoreCase)] private static partial Regex Select();
    [GeneratedRegex(@"<option\b([^>]*)>", RegexOptions.IgnoreCase)] private static partial Regex Option();
    [GeneratedRegex(@"<button\b([^>]*)>", RegexOptions.IgnoreCase)] private static partial Regex Button();
    [GeneratedRegex(@"([\w:.\-@\[\]]+)(\s*=\s*""([^""]*)"")?")] private static partial Regex Attr();
}
