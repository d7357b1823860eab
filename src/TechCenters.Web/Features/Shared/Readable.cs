using System.Text.RegularExpressions;

namespace TechCenters.Web.Features.Shared;

/// <summary>
/// Text for people: the policy library's messages name the fact they miss by its vocabulary key for the CLI
/// (“未提供“行业龙头”（lead.industry_leader）”); pages show the Chinese label only. Pure.
/// </summary>
public static partial class Readable
{
    /// <summary>Removes a bracketed vocabulary key (（lead.industry_leader）, (agreement.term_years), （evaluation.indicator_scores.*）).</summary>
    public static string Text(string? text) => text is null ? "" : Key().Replace(text, "");

    /// <summary>A document named by its number, or by its title when it has no number — never the title again as its number.</summary>
    public static string Document(string title, string document) =>
        document == title || string.IsNullOrWhiteSpace(document) ? $"《{title}》" : $"《{title}》（{document}）";

    [GeneratedRegex(@"\s*[（(][a-z][a-z0-9_]*(\.[a-z0-9_*-]+)+[)）]")]
    private static partial Regex Key();
}
