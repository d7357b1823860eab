using TechCenters.Policy.Rules;
using TechCenters.Policy.Yaml;

namespace TechCenters.Policy.Texts;

/// <summary>One part of the text and how the pack accounts for it: the rules citing it, or the recorded reason none does.</summary>
public sealed record CoverageLine(TextUnit Unit, IReadOnlyList<string> Rules, string? Reason, bool Covered, bool NeedsOwnCitation);

/// <summary>`policy coverage`: every article and item of a pack version's official text, with what encodes it.</summary>
public sealed class CoverageReport
{
    public required PolicyPack Pack { get; init; }
    public required IReadOnlyList<CoverageLine> Lines { get; init; }
    /// <summary>Everything that keeps the pack from full coverage, each a Chinese sentence naming the file to change.</summary>
    public required IReadOnlyList<string> Problems { get; init; }
    public bool Complete => Problems.Count == 0;

    public IEnumerable<string> ToLines()
    {
        yield return $"《{Pack.Title}》（{Pack.Document}，{Pack.Version} 版）条款覆盖：{Pack.Folder}/{PackCoverage.TextFile}";
        foreach (var l in Lines)
        {
            var indent = new string('　', l.Unit.Path.Count);
            var head = $"{indent}{l.Unit.Marker} {l.Unit.Excerpt()}";
            if (l.Reason is not null) yield return $"{head}　〔未编码：{l.Reason}〕";
            else if (l.Rules.Count > 0) yield return $"{head}　← {string.Join("、", l.Rules)}" + (l.Covered ? "" : "　✗ 下级条款未全部覆盖");
            else if (l.Covered) yield return $"{head}　（由下级条款覆盖）";
            else yield return $"{head}　✗ " + (l.NeedsOwnCitation ? "未编码" : "下级条款未全部覆盖");
        }
        var units = Lines.Count;
        var encoded = Lines.Count(l => l.Rules.Count > 0);
        var reasoned = Lines.Count(l => l.Reason is not null);
        yield return $"共 {units} 个条款与项：有规则引用 {encoded}，注明不编码 {reasoned}；问题 {Problems.Count} 处";
        foreach (var p in Problems) yield return "✗ " + p;
    }
}

/// <summary>
/// Checks a pack version against the official text beside it (<c>text.txt</c>): every article and item is cited by a rule
/// (any article a rule, stage, transition, band, relaxation, indicator or the metadata gives) or carries a recorded reason in
/// <c>coverage.yaml</c> (宗旨条款、由其他部门执行…); every citation names a part that exists; every judgement word of the text
/// (vocabulary.yaml → judgement_words) is flagged by a rule citing its part, or <c>coverage.yaml → words</c> says why not;
/// and no rule flags a word its text does not use.
/// </summary>
public static class PackCoverage
{
    public const string TextFile = "text.txt";
    public const string CoverageFile = "coverage.yaml";

    private sealed record CoverageData(List<TextAnchor> Anchors, List<string> Whole, Dictionary<string, (string Reason, int Line)> Units,
        Dictionary<string, List<(string Word, string Reason, int Line)>> Words);

    public static CoverageReport For(PolicyPack pack, string policiesRoot)
    {
        var problems = new List<string>();
        var dir = Path.Combine(policiesRoot, pack.Folder);
        var textPath = Path.Combine(dir, TextFile);
        if (!File.Exists(textPath))
        {
            problems.Add($"缺少官方文本 {pack.Folder}/{TextFile}：请把该版本的正式文本（UTF-8 纯文本，逐字照录）保存为此文件");
            return new CoverageReport { Pack = pack, Lines = [], Problems = problems };
        }
        var data = ReadData(Path.Combine(dir, CoverageFile), $"{pack.Folder}/{CoverageFile}", problems);
        var wholeKeys = new List<string>();
        foreach (var w in data.Whole)
            if (Citation.Parse(w, out var error) is [var p]) wholeKeys.Add(string.Join(".", p));
            else problems.Add($"{pack.Folder}/{CoverageFile} 的 whole“{w}”无法识别{(error is null ? "" : "：" + error)}");
        var text = RegulationText.Parse(File.ReadAllText(textPath), data.Anchors, wholeKeys);
        foreach (var k in wholeKeys.Where(k => text.All.All(u => u.Key != k)))
            problems.Add($"{pack.Folder}/{CoverageFile} 的 whole“{k}”在 {TextFile} 中找不到");

        // Every citation of the pack, resolved to the parts it names.
        var citedBy = new Dictionary<TextUnit, List<string>>();
        var flagsAt = new List<(TextUnit Unit, string Rule, IReadOnlyList<string> Words)>();
        foreach (var (rule, article, words) in Citations(pack))
        {
            var paths = Citation.Parse(article, out var error);
            if (paths is null) { problems.Add($"{rule} 的条款引用“{article}”无法识别：{error}"); continue; }
            foreach (var path in paths)
            {
                var unit = text.Find(path);
                if (unit is null) { problems.Add($"{rule} 引用的“{article}”在 {TextFile} 中找不到（{string.Join(".", path)}）：请核对条款号"); continue; }
                if (!citedBy.TryGetValue(unit, out var list)) citedBy[unit] = list = [];
                if (!list.Contains(rule)) list.Add(rule);
                if (words.Count > 0) flagsAt.Add((unit, rule, words));
            }
        }

        var reasons = new Dictionary<TextUnit, string>();
        foreach (var (key, (reason, line)) in data.Units)
            if (Resolve(key, line, problems, $"{CoverageFile} 的 units") is { } u) reasons[u] = reason;
        var wordReasons = new Dictionary<TextUnit, List<(string Word, string Reason)>>();
        foreach (var (key, list) in data.Words)
            foreach (var (word, reason, line) in list)
            {
                if (Resolve(key, line, problems, $"{CoverageFile} 的 words") is not { } u) continue;
                if (!wordReasons.TryGetValue(u, out var wl)) wordReasons[u] = wl = [];
                wl.Add((word, reason));
            }

        TextUnit? Resolve(string key, int? line, List<string> into, string where)
        {
            var paths = Citation.Parse(key, out var error);
            if (paths is not { Count: 1 }) { into.Add($"{pack.Folder}/{where}“{key}”无法识别{(error is null ? "" : "：" + error)}"); return null; }
            var unit = text.Find(paths[0]);
            if (unit is null) into.Add($"{pack.Folder}/{where}“{key}”{(line is null ? "" : $"（第 {line} 行）")}在 {TextFile} 中找不到");
            return unit;
        }

        // Coverage, bottom-up: a part is covered by a reason, or by a citation when it has no parts of its own; a part with
        // parts is covered when they all are (and, where its own words say more than a heading, when it is cited as well).
        var lines = new List<CoverageLine>();
        var vocabulary = pack.Env.Vocabulary;
        bool Covered(TextUnit u, bool underReason)
        {
            var reason = reasons.GetValueOrDefault(u);
            var rules = citedBy.GetValueOrDefault(u) ?? [];
            var ownNeeds = u.Children.Count == 0 || !IsHeading(u.Text);
            var index = lines.Count;
            lines.Add(null!);
            var childrenCovered = true;
            foreach (var c in u.Children) childrenCovered &= Covered(c, underReason || reason is not null);
            var covered = underReason || reason is not null || ((rules.Count > 0 || !ownNeeds) && childrenCovered);
            lines[index] = new CoverageLine(u, rules, reason, covered, ownNeeds);
            if (!underReason && reason is null)
            {
                if (ownNeeds && rules.Count == 0)
                    problems.Add($"{u.Display}“{u.Excerpt()}”（{TextFile} 第 {u.Line} 行）未编码：请写出引用它的规则，或在 {pack.Folder}/{CoverageFile} 的 units 中写明不编码的理由");
                // Judgement words of this part: flagged by a rule citing it (or a part above it), or explained.
                foreach (var (word, def) in vocabulary.JudgementWords)
                {
                    if (def.CountIn(u.Text) == 0) continue;
                    var flagged = flagsAt.Any(f => f.Words.Contains(word) && (f.Unit == u || IsAncestor(f.Unit, u)));
                    var explained = wordReasons.GetValueOrDefault(u)?.Any(w => w.Word == word) ?? false;
                    if (!flagged && !explained)
                        problems.Add($"{u.Display}（{TextFile} 第 {u.Line} 行）用语“{word}”须经办人判断：请在引用它的规则上写 judgement: {word}，或在 {pack.Folder}/{CoverageFile} 的 words 中说明为何不需判断");
                }
            }
            return covered;
        }
        foreach (var r in text.Roots) Covered(r, false);

        // No flag without its word: a rule's judgement word is in the text it cites.
        foreach (var (rule, article, words) in Citations(pack).Where(c => c.Words.Count > 0))
        {
            var units = (Citation.Parse(article, out _) ?? []).Select(text.Find).OfType<TextUnit>().ToList();
            if (units.Count == 0) continue;
            foreach (var w in words)
                if (!units.Any(u => vocabulary.JudgementWords.TryGetValue(w, out var def) && def.CountIn(u.FullText) > 0))
                    problems.Add($"{rule} 标注了判断用语“{w}”，但其引用的“{article}”原文没有这一用语：条文无此用语的，不应标为需经办人判断");
        }
        foreach (var (u, list) in wordReasons)
            foreach (var (w, _) in list.Where(w => !vocabulary.JudgementWords.TryGetValue(w.Word, out var def) || def.CountIn(u.Text) == 0))
                problems.Add($"{pack.Folder}/{CoverageFile} 的 words 说明了“{u.Display}”的“{w}”，但该条原文没有这一判断用语");
        return new CoverageReport { Pack = pack, Lines = lines, Problems = problems };
    }

    private static bool IsAncestor(TextUnit a, TextUnit u)
    {
        for (var p = u.Parent; p is not null; p = p.Parent) if (p == a) return true;
        return false;
    }

    /// <summary>A part whose own words only introduce its items (主要职责是： / 组建条件): nothing to encode beyond them.</summary>
    internal static bool IsHeading(string own)
    {
        var t = own.Replace("\n", "").Trim();
        if (t.Length == 0 || t.EndsWith('：') || t.EndsWith(':')) return true;
        return t.Length <= 24 && t.IndexOfAny(['。', '；', '，']) < 0;
    }

    /// <summary>Every article citation of a pack: each rule's, its stages', transitions', bands', relaxations', alternatives' and
    /// indicators', and the metadata's (施行、废止), with the judgement words the citing item carries.</summary>
    public static IEnumerable<(string Rule, string Article, IReadOnlyList<string> Words)> Citations(PolicyPack pack)
    {
        if (!string.IsNullOrWhiteSpace(pack.InForceFromArticle)) yield return ("pack.yaml in_force.from_article", pack.InForceFromArticle, []);
        if (pack.InForceToArticle is { } to) yield return ("pack.yaml in_force.to_article", to, []);
        if (pack.Replaces.Article is { } rep) yield return ("pack.yaml replaces.article", rep, []);
        foreach (var r in pack.Rules)
        {
            if (r.Article is null) continue;
            yield return (r.Id, r.Article, r.JudgementWords);
            switch (r)
            {
                case StagesRule s:
                    foreach (var st in s.Stages) yield return ($"{r.Id}/{st.Id}", st.Article, []);
                    foreach (var t in s.Transitions) yield return ($"{r.Id}/{t.From}→{t.To}", t.Article, []);
                    break;
                case GradeBandsRule g:
                    foreach (var b in g.Bands) yield return ($"{r.Id}/{b.Grade}", b.Article, []);
                    break;
                case ThresholdRule t:
                    foreach (var x in t.Relaxations) yield return ($"{r.Id}/放宽", x.Article, x.JudgementWords);
                    break;
                case RatioRule t:
                    foreach (var x in t.Relaxations) yield return ($"{r.Id}/放宽", x.Article, x.JudgementWords);
                    break;
                case ReviewChainRule c:
                    foreach (var a in c.Alternatives) yield return ($"{r.Id}/替代路径", a.Article, []);
                    break;
                case ApplicationFormRule f:
                    foreach (var sec in f.Sections) yield return ($"{r.Id}/{sec.Title}", sec.Article, []);
                    foreach (var item in f.Items) yield return ($"{r.Id}/{item.Label}", item.Article, []);
                    break;
                case IndicatorsRule i:
                    foreach (var ind in i.Indicators.SelectMany(Flatten)) yield return ($"{r.Id}/{ind.Id}", ind.Article, []);
                    break;
            }
        }
    }

    private static IEnumerable<Indicator> Flatten(Indicator i) => new[] { i }.Concat(i.Children.SelectMany(Flatten));

    private static CoverageData ReadData(string path, string rel, List<string> problems)
    {
        var data = new CoverageData([], [], [], []);
        if (!File.Exists(path)) return data;
        var errors = new List<PolicyError>();
        var ctx = new ReadContext(rel, errors);
        var r = MapReader.From(YamlTree.Parse(File.ReadAllText(path), rel, errors), ctx, CoverageFile);
        if (r is not null)
        {
            foreach (var a in r.MapList("anchors"))
            {
                var name = a.String("name", required: true);
                var parent = a.String("parent", required: true);
                var starts = a.String("starts", required: true);
                a.Finish("anchor");
                if (name is not null && parent is not null && starts is not null) data.Anchors.Add(new TextAnchor(name, parent, starts));
            }
            data.Whole.AddRange(r.StringList("whole"));
            if (r.Map("units") is { } units)
            {
                foreach (var k in units.Keys)
                    if (units.String(k, required: true) is { } reason) data.Units[k] = (reason, units.KeyMark(k).Line);
                units.Finish();
            }
            if (r.Map("words") is { } words)
            {
                foreach (var k in words.Keys)
                {
                    var w = words.Map(k, required: true);
                    if (w is null) continue;
                    var list = new List<(string, string, int)>();
                    foreach (var word in w.Keys)
                        if (w.String(word, required: true) is { } reason) list.Add((word, reason, w.KeyMark(word).Line));
                    w.Finish();
                    data.Words[k] = list;
                }
                words.Finish();
            }
            r.Finish($"{CoverageFile} 顶层只允许 anchors、whole、units、words");
        }
        problems.AddRange(errors.Select(e => e.ToString()));
        return data;
    }
}
