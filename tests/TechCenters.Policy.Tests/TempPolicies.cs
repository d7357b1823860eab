using System.Text;
using System.Text.RegularExpressions;

namespace TechCenters.Policy.Tests;

/// <summary>A throwaway policies root with the repository's vocabulary and small hand-made packs, for loader and rule-kind tests.</summary>
public sealed partial class TempPolicies : IDisposable
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "tc-policies-" + Guid.NewGuid().ToString("N"));

    public TempPolicies()
    {
        Directory.CreateDirectory(Root);
        File.Copy(Path.Combine(Catalogs.Root, PolicyCatalog.VocabularyFile), Path.Combine(Root, PolicyCatalog.VocabularyFile));
    }

    public const string Actors = """
        actors:
          bureau: 科技局
          department: 主管部门
          lead_unit: 依托单位
          co_builders: 共建单位
          council: 理事会
          expert_panel: 专家组
          third_party: 第三方机构
          public: 社会公众
        """;

    public static string Meta(string slug, string from, string? to = null, string replaces = "{ absent: true, note: 无 }",
        string docNo = "测试〔2024〕1号", string title = "测试办法") => $"""
        jurisdiction: {slug}
        jurisdiction_name: 测试辖区
        level: 市
        title: {title}
        document_number: {docNo}
        issuer: 测试科技局
        in_force:
          from: {from}
          from_basis: stated
          from_article: 第九十九条
        {(to is null ? "" : $"  to: {to}\n  to_article: 第九十九条")}
        replaces: {replaces}
        {Actors}
        """;

    public const string MinimalStages = """
          - id: lifecycle
            topic: stages
            kind: stages
            title: 程序
            article: 第一条
            stages:
              - { id: apply, name: 申请, step: application, actor: lead_unit, article: 第一条 }
              - { id: done, name: 批准, step: approval, actor: bureau, article: 第一条, final: true }
            transitions:
              - { from: apply, to: done, actor: bureau, article: 第一条 }
        """;

    /// <summary>Writes a pack; <paramref name="areaRules"/> holds rule list items per area. Every other checklist topic is stated absent.</summary>
    public string AddPack(string slug, string version, IDictionary<string, string>? areaRules = null, string? meta = null)
    {
        var dir = Path.Combine(Root, slug, version);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, PolicyCatalog.MetadataFile), meta ?? Meta(slug, version));
        var vocabulary = Catalogs.Repo.Vocabulary;
        areaRules ??= new Dictionary<string, string>();
        var extraProcess = !areaRules.TryGetValue("process", out var proc) || !proc.Contains("kind: stages");
        foreach (var (area, topics) in vocabulary.Checklist)
        {
            var given = areaRules.TryGetValue(area, out var g) ? g : "";
            var stated = TopicRegex().Matches(given).Select(m => m.Groups[1].Value).ToHashSet();
            var sb = new StringBuilder("rules:\n");
            sb.AppendLine(Indent(given));
            if (area == "process" && extraProcess) { sb.AppendLine(Indent(MinimalStages)); stated.Add("stages"); }
            foreach (var topic in topics.Keys.Where(t => !stated.Contains(t)))
                sb.AppendLine($"  - {{ id: absent-{area}-{topic}, topic: {topic}, kind: absent, note: 测试包未规定 }}");
            File.WriteAllText(Path.Combine(dir, area + ".yaml"), sb.ToString());
        }
        return dir;
    }

    private static string Indent(string yaml)
    {
        var lines = yaml.Replace("\r", "").Split('\n').Where(l => l.Trim().Length > 0).ToList();
        if (lines.Count == 0) return "";
        var min = lines.Min(l => l.Length - l.TrimStart().Length);
        return string.Join("\n", lines.Select(l => "  " + l[min..]));
    }

    [GeneratedRegex(@"topic:\s*([a-z_]+)")]
    private static partial Regex TopicRegex();

    public PolicyCatalog Load() => PolicyCatalog.Load(Root);

    public IReadOnlyList<PolicyError> Errors()
    {
        PolicyCatalog.TryLoad(Root, out var errors);
        return errors;
    }

    /// <summary>One pack holding the given rules in one area; returns it loaded.</summary>
    public static PolicyPack PackWith(string area, string rules)
    {
        using var t = new TempPolicies();
        t.AddPack("test", "2024-01-01", new Dictionary<string, string> { [area] = rules });
        return t.Load().Packs.Single();
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}
