using System.Globalization;
using TechCenters.Policy.Rules;
using TechCenters.Policy.Yaml;

namespace TechCenters.Policy.Cases;

/// <summary>
/// One YAML test case next to a pack (policies/&lt;jurisdiction&gt;/&lt;version&gt;/cases/*.yaml), named as a sentence about the legal situation.
/// It resolves the pack for its date (default: the folder's version), evaluates the facts and compares with expect.
/// </summary>
public sealed class PolicyCase
{
    public required string File { get; init; }
    public required int Line { get; init; }
    public required string Name { get; init; }
    public required string Jurisdiction { get; init; }
    public required string FolderVersion { get; init; }
    public DateOnly? Date { get; init; }
    public IReadOnlyList<string> Areas { get; init; } = [];
    public IReadOnlyList<string> RuleIds { get; init; } = [];
    internal YNode? FactsNode { get; init; }
    public string? ExpectOutcome { get; init; }
    public IReadOnlyDictionary<string, string> ExpectReasons { get; init; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> ExpectValues { get; init; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> ExpectMessages { get; init; } = new Dictionary<string, string>();
    public string? ExpectResolution { get; init; }
    public string? ExpectVersion { get; init; }
    public (string Stage, IReadOnlyList<string> To)? ExpectNext { get; init; }
    /// <summary>The kind of case whose process <see cref="ExpectNext"/> reads (default: the application).</summary>
    public string ExpectNextProcess { get; init; } = Rules.ProcessKinds.Application;
    public (string Rule, IReadOnlyList<string> Steps)? ExpectSteps { get; init; }

    public override string ToString() => $"{File}:{Line} {Name}";

    /// <summary>Every case file under the policies root (skipping reserved folders such as calendar/).</summary>
    public static IReadOnlyList<PolicyCase> Discover(string policiesRoot, List<PolicyError>? errors = null)
    {
        errors ??= [];
        var cases = new List<PolicyCase>();
        foreach (var jdir in Directory.GetDirectories(policiesRoot).Order(StringComparer.Ordinal))
        {
            var slug = Path.GetFileName(jdir);
            if (PolicyCatalog.ReservedFolders.Contains(slug)) continue;
            foreach (var vdir in Directory.GetDirectories(jdir).Order(StringComparer.Ordinal))
            {
                var cdir = Path.Combine(vdir, "cases");
                if (!Directory.Exists(cdir)) continue;
                foreach (var file in Directory.GetFiles(cdir, "*.yaml").Order(StringComparer.Ordinal))
                    cases.AddRange(ReadFile(policiesRoot, file, slug, Path.GetFileName(vdir), errors));
            }
        }
        return cases;
    }

    private static IEnumerable<PolicyCase> ReadFile(string root, string path, string slug, string version, List<PolicyError> errors)
    {
        var rel = Path.GetRelativePath(root, path).Replace('\\', '/');
        var ctx = new ReadContext(rel, errors);
        var r = MapReader.From(YamlTree.Parse(System.IO.File.ReadAllText(path), rel, errors), ctx, "case file");
        if (r is null) yield break;
        var list = r.MapList("cases", required: true);
        r.Finish("用例文件顶层只允许 cases");
        var names = new HashSet<string>();
        foreach (var c in list)
        {
            var name = c.String("name", required: true) ?? "";
            if (!names.Add(name)) ctx.Error(c.Mark, $"用例名称重复：“{name}”");
            var date = c.Date("date");
            var areas = c.Has("areas") ? c.StringList("areas", required: true) : [];
            var rules = c.Has("rules") ? c.StringList("rules", required: true) : [];
            var facts = c.Node("facts");
            var e = c.Map("expect", required: true);
            string? outcome = null, resolution = null, ver = null;
            var reasons = new Dictionary<string, string>();
            var values = new Dictionary<string, string>();
            var messages = new Dictionary<string, string>();
            (string, IReadOnlyList<string>)? next = null, steps = null;
            var nextProcess = Rules.ProcessKinds.Application;
            if (e is not null)
            {
                outcome = e.String("outcome");
                reasons = Pairs(e.Map("reasons"));
                values = Pairs(e.Map("values"));
                messages = Pairs(e.Map("messages"));
                resolution = e.String("resolution");
                ver = e.String("version");
                if (e.Map("next") is { } n)
                {
                    next = (n.String("stage", required: true) ?? "", n.StringList("to"));
                    nextProcess = n.String("process") ?? nextProcess;
                    n.Finish("next");
                }
                if (e.Map("review_steps") is { } s) { steps = (s.String("rule", required: true) ?? "", s.StringList("steps", required: true)); s.Finish("review_steps"); }
                e.Finish("expect");
            }
            c.Finish($"用例 {name}");
            yield return new PolicyCase
            {
                File = rel, Line = c.Mark.Line, Name = name, Jurisdiction = slug, FolderVersion = version, Date = date,
                Areas = areas, RuleIds = rules, FactsNode = facts, ExpectOutcome = outcome, ExpectReasons = reasons,
                ExpectValues = values, ExpectMessages = messages, ExpectResolution = resolution, ExpectVersion = ver,
                ExpectNext = next, ExpectNextProcess = nextProcess, ExpectSteps = steps,
            };
        }
    }

    private static Dictionary<string, string> Pairs(MapReader? m)
    {
        var d = new Dictionary<string, string>();
        if (m is null) return d;
        foreach (var k in m.Keys) d[k] = m.String(k, required: true) ?? "";
        m.Finish();
        return d;
    }

    private static string OutcomeName(Outcome o) => o switch { Outcome.Pass => "pass", Outcome.Fail => "fail", _ => "needs_judgement" };

    private static string ResolutionName(ResolutionStatus s) => s switch
    {
        ResolutionStatus.InForce => "in_force", ResolutionStatus.Expired => "expired", ResolutionStatus.NotYetInForce => "not_yet_in_force",
        ResolutionStatus.Gap => "gap", _ => "unknown_jurisdiction",
    };

    /// <summary>The verdict this case produces (no expectations checked), or null when no version is in force or the facts are invalid.</summary>
    public Verdict? Evaluate(PolicyCatalog catalog)
    {
        var pack = Date is { } date ? catalog.For(Jurisdiction, date).Pack : catalog.Versions(Jurisdiction).FirstOrDefault(p => p.Version == FolderVersion);
        if (pack is null) return null;
        try
        {
            var facts = Facts.FromNode(FactsNode);
            return facts.Validate(catalog.Vocabulary).Count > 0 ? null : pack.Evaluate(facts, Areas, RuleIds);
        }
        catch (FactsException) { return null; }
    }

    /// <summary>Runs the case; returns the list of mismatches (empty when the case holds).</summary>
    public IReadOnlyList<string> Run(PolicyCatalog catalog)
    {
        var problems = new List<string>();
        PolicyPack? pack;
        if (Date is { } date)
        {
            var res = catalog.For(Jurisdiction, date);
            if (ExpectResolution is not null && ResolutionName(res.Status) != ExpectResolution)
                problems.Add($"版本解析应为 {ExpectResolution}，实际为 {ResolutionName(res.Status)}（{res.Message}）");
            if (ExpectResolution is not null && res.Nearest is not null && !res.Message.Contains(res.Nearest.Title, StringComparison.Ordinal))
                problems.Add($"版本解析的说明未指明版本名称：{res.Message}");
            foreach (var (_, want) in ExpectMessages.Where(kv => kv.Key == "resolution"))
                if (!res.Message.Contains(want, StringComparison.Ordinal)) problems.Add($"版本解析说明应包含“{want}”，实际为“{res.Message}”");
            pack = res.Pack;
            if (ExpectVersion is not null && (res.Pack ?? res.Nearest)?.Version != ExpectVersion)
                problems.Add($"版本应为 {ExpectVersion}，实际为 {(res.Pack ?? res.Nearest)?.Version ?? "无"}");
            if (pack is null)
            {
                if (ExpectResolution is null) problems.Add($"{date:yyyy-MM-dd} 无有效版本：{res.Message}");
                return problems;
            }
        }
        else pack = catalog.Versions(Jurisdiction).FirstOrDefault(p => p.Version == FolderVersion);
        if (pack is null) { problems.Add($"找不到版本 {Jurisdiction}/{FolderVersion}"); return problems; }

        Facts facts;
        try
        {
            facts = Facts.FromNode(FactsNode);
            facts.EnsureValid(catalog.Vocabulary);
        }
        catch (FactsException ex) { problems.Add(ex.Message); return problems; }

        foreach (var id in RuleIds.Concat(ExpectReasons.Keys).Concat(ExpectValues.Keys).Concat(ExpectMessages.Keys.Where(k => k != "resolution")))
            if (pack.Rule(id) is null) problems.Add($"规则“{id}”不存在于 {pack.Folder}");
        if (problems.Count > 0) return problems;

        var verdict = pack.Evaluate(facts, Areas, RuleIds);
        if (ExpectOutcome is not null && OutcomeName(verdict.Outcome) != ExpectOutcome)
            problems.Add($"结论应为 {ExpectOutcome}，实际为 {OutcomeName(verdict.Outcome)}：{string.Join(" | ", verdict.Reasons.Select(r => $"{r.RuleId}={OutcomeName(r.Outcome)} {r.Message}"))}");
        foreach (var (id, want) in ExpectReasons)
        {
            var got = verdict.Reasons.Where(r => r.RuleId == id).ToList();
            var actual = got.Count == 0 ? "not_evaluated" : OutcomeName(Verdict.Combine(got));
            if (actual != want) problems.Add($"规则 {id} 应为 {want}，实际为 {actual}{(got.Count > 0 ? "：" + got[0].Message : "")}");
        }
        foreach (var (id, want) in ExpectValues)
        {
            var got = verdict.Reasons.FirstOrDefault(r => r.RuleId == id)?.Value;
            if (got != want) problems.Add($"规则 {id} 的结果值应为“{want}”，实际为“{got ?? "无"}”");
        }
        foreach (var (id, want) in ExpectMessages.Where(kv => kv.Key != "resolution"))
        {
            var got = verdict.Reasons.FirstOrDefault(r => r.RuleId == id)?.Message;
            if (got is null || !got.Contains(want, StringComparison.Ordinal)) problems.Add($"规则 {id} 的说明应包含“{want}”，实际为“{got ?? "无"}”");
        }
        if (ExpectNext is { } next)
        {
            var stages = pack.Process(ExpectNextProcess);
            if (stages is null) problems.Add($"{pack.Folder} 没有“{ExpectNextProcess}”的流程");
            var got = stages?.Next(next.Stage, facts).Select(t => t.To).ToList() ?? [];
            if (!got.Order(StringComparer.Ordinal).SequenceEqual(next.To.Order(StringComparer.Ordinal)))
                problems.Add($"阶段 {next.Stage} 之后应可转入 [{string.Join(", ", next.To)}]，实际为 [{string.Join(", ", got)}]");
        }
        if (ExpectSteps is { } steps)
        {
            if (pack.Rule(steps.Rule) is not ReviewChainRule chain) problems.Add($"规则“{steps.Rule}”不是 review_chain");
            else
            {
                var got = chain.StepsFor(facts);
                if (!got.SequenceEqual(steps.Steps)) problems.Add($"审核链应为 [{string.Join(", ", steps.Steps)}]，实际为 [{string.Join(", ", got)}]");
            }
        }
        return problems;
    }

    internal static string Invariant(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
