using System.Net;
using System.Text.RegularExpressions;

namespace TechCenters.Web.Tests.Infrastructure;

public static class Html
{
    /// <summary>Page text with tags stripped and entities decoded (Razor encodes non-ASCII by default).</summary>
    public static string Text(string html) =>
        Regex.Replace(WebUtility.HtmlDecode(Regex.Replace(html, "<[^>]+>", " ")), @"\s+", " ");

    public static async Task<string> TextAsync(this HttpResponseMessage response) => Text(await response.Content.ReadAsStringAsync());
}
