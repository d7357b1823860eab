using System.Globalization;
using TechCenters.Policy.Rules;
using TechCenters.Policy.Yaml;

namespace TechCenters.Policy;

public enum ResolutionStatus { InForce, Expired, NotYetInForce, Gap, UnknownJurisdiction }

/// <summary>Which pack governs a date, or a clear statement that none does (and which version is nearest).</summary>
public sealed record PackResolution(ResolutionStatus Status, PolicyPack? Pack, PolicyPack? Nearest, string Message)
{
    public bool InForce => Status == ResolutionStatus.InForce;
}

/// <summary>Every policy pack under a policies root, loaded and validated strictly.</summary>
public sealed class PolicyCatalog
{
    public const string VocabularyFile = "vocabulary.yaml";
    public const string MetadataFile = "pack.yaml";
    /// <summary>Folders under the root that are not jurisdictions (calendar data lives in its own folder).</summary>
    public static readonly IReadOnlySet<string> ReservedFolders = new HashSet<string> { "calendar" };

    public Vocabulary Vocabulary { get; }
    public IReadOnlyList<PolicyPack> Packs { get; }
    public string Root { get; }

    private PolicyCatalog(string root, Vocabulary vocabulary, IReadOnlyList<PolicyPack> packs)
    {
        Root = root; Vocabulary = vocabulary; Packs = packs;
    }

    public IEnumerable<string> Jurisdictions => Packs.Select(p => p.Jurisdiction).Distinct();

    public IReadOnlyList<PolicyPack> Versions(string jurisdiction) =>
        Packs.Where(p => p.Jurisdiction == jurisdiction).OrderBy(p => p.InForceFrom).ToList();

    /// <summary>Loads and validates every pack; throws <see cref="PolicyLoadException"/> listing every error.</summary>
    public static PolicyCatalog Load(string policiesRoot)
    {
        var catalog = TryLoad(policiesRoot, out var errors);
        if (errors.Count > 0 || catalog is null) throw new PolicyLoadException(errors);
        return catalog;
    }

    /// <summary>Loads what it can and returns every error (for `policy validate`).</summary>
    public static PolicyCatalog? TryLoad(string policiesRoot, out IReadOnlyList<PolicyError> errors)
    {
        var list = new List<PolicyError>();
        errors = list;
        if (!Directory.Exists(policiesRoot))
        {
            list.Add(new PolicyError(policiesRoot, 0, 0, "政策目录不存在 (policies root not found)"));
            return null;
        }
        var vocabPath = Path.Combine(policiesRoot, VocabularyFile);
        if (!File.Exists(vocabPath))
        {
            list.Add(new PolicyError(VocabularyFile, 0, 0, "缺少词汇表 vocabulary.yaml (missing vocabulary)"));
            return null;
        }
        var vctx = new ReadContext(VocabularyFile, list);
        var vocabulary = Vocabulary.Read(YamlTree.Parse(File.ReadAllText(vocabPath), VocabularyFile, list), vctx);
        if (vocabulary is null) return null;

        var packs = new List<PolicyPack>();
        foreach (var jdir in Directory.GetDirectories(policiesRoot).Order(StringComparer.Ordinal))
        {
            var slug = Path.GetFileName(jdir);
            if (ReservedFolders.Contains(slug) || slug.StartsWith('.') || slug.StartsWith('_')) continue;
            foreach (var vdir in Directory.GetDirectories(jdir).Order(StringComparer.Ordinal))
            {
                var pack = LoadPack(policiesRoot, vdir, slug, vocabulary, list);
                if (pack is not null) packs.Add(pack);
            }
        }
        CheckVersions(packs, list);
        return new PolicyCatalog(policiesRoot, vocabulary, packs);
    }

    private static string Rel(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');

    private static PolicyPack? LoadPack(string root, string dir, string slug, Vocabulary vocabulary, List<PolicyError> errors)
    {
        var folder = Rel(root, dir);
        var version = Path.GetFileName(dir);
        var before = errors.Count;
        if (!DateOnly.TryParseExact(version, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var folderDate))
        {
            errors.Add(new PolicyError(folder, 0, 0, $"版本目录名应为施行日期 yyyy-mm-dd，实际为“{version}”"));
            return null;
        }
        var metaFile = $"{folder}/{MetadataFile}";
        var metaPath = Path.Combine(dir, MetadataFile);
        if (!File.Exists(metaPath)) { errors.Add(new PolicyError(metaFile, 0, 0, "缺少 pack.yaml (missing pack metadata)")); return null; }
        var ctx = new ReadContext(metaFile, errors);
        var m = MapReader.From(YamlTree.Parse(File.ReadAllText(metaPath), metaFile, errors), ctx, "pack.yaml");
        if (m is null) return null;

        var jurisdiction = m.String("jurisdiction", required: true);
        if (jurisdiction is not null && jurisdiction != slug)
            ctx.Error(m.KeyMark("jurisdiction"), $"jurisdiction“{jurisdiction}”与目录名“{slug}”不一致");
        var name = m.String("jurisdiction_name", required: true) ?? "";
        var level = m.String("level", required: true) ?? "";
        var title = m.String("title", required: true) ?? "";
        var docNo = ReadStated(m, "document_number");
        var issuer = m.String("issuer", required: true) ?? "";
        var inForce = m.Map("in_force", required: true);
        DateOnly from = folderDate; DateOnly? to = null; string basis = "stated", fromArticle = "", note = "";
        string? toArticle = null;
        if (inForce is not null)
        {
            from = inForce.Date("from", required: true) ?? folderDate;
            basis = inForce.String("from_basis", required: true) ?? "stated";
            if (basis is not ("stated" or "document_date" or "inferred"))
                ctx.Error(inForce.KeyMark("from_basis"), $"from_basis 应为 stated/document_date/inferred，实际为“{basis}”");
            fromArticle = inForce.String("from_article", required: true) ?? "";
            to = inForce.Date("to");
            toArticle = inForce.String("to_article");
            if (to is not null && toArticle is null) ctx.Error(inForce.Mark, "给出 to（终止日期）时须注明 to_article");
            if (to is not null && to < from) ctx.Error(inForce.KeyMark("to"), "终止日期早于施行日期");
            note = inForce.String("note") ?? "";
            if (basis != "stated" && note == "") ctx.Error(inForce.Mark, "施行日期不是文本明确规定时，须用 note 说明如何确定 (explain how the date was read)");
            inForce.Finish("in_force");
            if (from != folderDate) ctx.Error(inForce.KeyMark("from"), $"施行日期 {from:yyyy-MM-dd} 与版本目录名 {version} 不一致");
        }
        var replaces = ReadStated(m, "replaces");
        var actors = new Dictionary<string, string>();
        var am = m.Map("actors", required: true);
        if (am is not null)
        {
            foreach (var k in am.Keys)
            {
                var v = am.String(k, required: true);
                if (!vocabulary.Actors.ContainsKey(k)) ctx.Error(am.KeyMark(k), $"未知的角色“{k}”，应为 {string.Join("/", vocabulary.Actors.Keys)}");
                else if (v is not null) actors[k] = v;
            }
            am.Finish();
        }
        m.Finish("pack.yaml");

        var reader = new PackReader(vocabulary, actors);
        var rules = new List<Rule>();
        var known = new HashSet<string>(vocabulary.Areas.Keys.Select(a => a + ".yaml")) { MetadataFile, Texts.PackCoverage.TextFile, Texts.PackCoverage.CoverageFile };
        foreach (var file in Directory.GetFiles(dir).Order(StringComparer.Ordinal))
        {
            var fname = Path.GetFileName(file);
            if (!known.Contains(fname)) errors.Add(new PolicyError($"{folder}/{fname}", 0, 0, $"未知的文件“{fname}”，版本目录中只能有 pack.yaml、{string.Join("、", vocabulary.Areas.Keys.Select(a => a + ".yaml"))}、{Texts.PackCoverage.TextFile}（官方文本）、{Texts.PackCoverage.CoverageFile}（条款覆盖说明）和 cases/"));
        }
        foreach (var sub in Directory.GetDirectories(dir))
            if (Path.GetFileName(sub) != "cases") errors.Add(new PolicyError(Rel(root, sub), 0, 0, "版本目录中只能有 cases/ 子目录"));
        var broken = new HashSet<string>();
        foreach (var area in vocabulary.Areas.Keys)
        {
            var rel = $"{folder}/{area}.yaml";
            var path = Path.Combine(dir, area + ".yaml");
            if (!File.Exists(path)) { errors.Add(new PolicyError(rel, 0, 0, $"缺少 {area}.yaml：每个领域都须陈述（有规定或 absent） (every area must be stated)")); continue; }
            var rctx = new ReadContext(rel, errors);
            var parseErrors = errors.Count;
            var ruleRoot = YamlTree.Parse(File.ReadAllText(path), rel, errors);
            if (errors.Count > parseErrors) { broken.Add(area); continue; } // don't bury a syntax error under follow-on errors
            rules.AddRange(reader.ReadRuleFile(ruleRoot, area, rctx));
        }
        // Rule ids are unique within a pack.
        foreach (var dup in rules.GroupBy(r => r.Id).Where(g => g.Count() > 1))
            foreach (var r in dup.Skip(1))
                errors.Add(new PolicyError(r.File, r.Mark.Line, r.Mark.Column, $"规则 id“{r.Id}”在本版本中重复 (duplicate rule id)"));
        // Checklist: every topic of every area is stated, present or absent.
        foreach (var (area, topics) in vocabulary.Checklist.Where(c => !broken.Contains(c.Key)))
            foreach (var (topic, label) in topics)
                if (!rules.Any(r => r.Area == area && r.Topic == topic))
                    errors.Add(new PolicyError($"{folder}/{area}.yaml", 1, 1, $"清单主题“{topic}”（{label}）未陈述：请写出规则，或写 kind: absent 并说明本办法未规定 (topic not stated)"));
        // A ban names ground rules of the same version.
        var groundIds = rules.OfType<GroundRule>().Select(g => g.Id).ToHashSet();
        foreach (var ban in rules.OfType<BanRule>())
        {
            ban.KnownGrounds = groundIds;
            foreach (var g in ban.Grounds.Where(g => !groundIds.Contains(g)))
                errors.Add(new PolicyError(ban.File, ban.Mark.Line, ban.Mark.Column, $"禁止申报规则“{ban.Id}”的 grounds 中“{g}”不是本版本的撤销情形（kind: ground）规则 id"));
        }
        // A consequence that revokes names a ground rule of the same version.
        foreach (var c in rules.OfType<ConsequenceRule>().Where(c => c.Ground is not null && !groundIds.Contains(c.Ground)))
            errors.Add(new PolicyError(c.File, c.Mark.Line, c.Mark.Column, $"结果应用规则“{c.Id}”的 ground“{c.Ground}”不是本版本的撤销情形（kind: ground）规则 id"));
        // A topic stated absent cannot also have rules.
        foreach (var r in rules.OfType<AbsentRule>())
            if (rules.Any(o => o is not AbsentRule && o.Area == r.Area && o.Topic == r.Topic))
                errors.Add(new PolicyError(r.File, r.Mark.Line, r.Mark.Column, $"主题“{r.Topic}”既写了 absent 又有规则，二者只能取其一 (topic both absent and present)"));
        // Processes: one per kind; a review chain of the kind's area stands for it when no stages rule does.
        var processes = new Dictionary<string, StagesRule>();
        var env = new EvalEnv(vocabulary, actors);
        foreach (var (kind, def) in vocabulary.Processes)
        {
            var explicitOnes = rules.OfType<StagesRule>().Where(r => r.Process == kind).ToList();
            foreach (var extra in explicitOnes.Skip(1))
                errors.Add(new PolicyError(extra.File, extra.Mark.Line, extra.Mark.Column, $"事项“{kind}”（{def.Label}）已有流程“{explicitOnes[0].Id}”，一个版本每类事项只能有一个流程 (one process per kind)"));
            if (explicitOnes.Count > 0) { processes[kind] = explicitOnes[0]; continue; }
            if (rules.OfType<ReviewChainRule>().FirstOrDefault(r => r.Area == def.Area && r.Topic == "review_chain") is not { } chain) continue;
            if (chain.Alternatives.Count > 1)
            {
                errors.Add(new PolicyError(chain.File, chain.Mark.Line, chain.Mark.Column, "审核链有多条替代路径：请把这一流程写成 stages 规则 (more than one alternative)"));
                continue;
            }
            processes[kind] = StagesRule.FromReviewChain(chain, kind, def, env);
        }
        // Stages: reachable, and every non-final stage has a way out.
        foreach (var s in processes.Values)
        {
            foreach (var st in s.Unreachable()) errors.Add(new PolicyError(s.File, s.Mark.Line, s.Mark.Column, $"阶段“{st.Id}”（{st.Name}）从第一阶段不可达 (unreachable stage)"));
            foreach (var st in s.DeadEnds()) errors.Add(new PolicyError(s.File, s.Mark.Line, s.Mark.Column, $"非终止阶段“{st.Id}”（{st.Name}）没有出口 (non-final stage with no way out)"));
            if (!s.Stages.Any(x => x.Final)) errors.Add(new PolicyError(s.File, s.Mark.Line, s.Mark.Column, "流程没有终止阶段 (no final stage)"));
        }
        if (errors.Count > before) return null;
        return new PolicyPack
        {
            Jurisdiction = slug, JurisdictionName = name, Level = level, Title = title, DocumentNumber = docNo, Issuer = issuer,
            InForceFrom = from, InForceFromBasis = basis, InForceFromArticle = fromArticle, InForceTo = to, InForceToArticle = toArticle,
            InForceNote = note == "" ? null : note, Replaces = replaces, Actors = actors, Rules = rules, Folder = folder,
            Vocabulary = vocabulary, EffectiveTo = to, Processes = processes,
        };
    }

    /// <summary>A scalar, or a map { absent: true, note: … } stating that the regulation has none.</summary>
    private static Stated ReadStated(MapReader m, string key)
    {
        var node = m.Node(key);
        if (node is null) { m.Ctx.Error(m.Mark, $"缺少“{key}”：请给出，或写 {{ absent: true, note: … }} (missing '{key}')"); return new Stated(null, "", null); }
        if (node is YScalar s && !s.IsNull) return new Stated(s.Value, null, null);
        var r = MapReader.From(node, m.Ctx, key);
        if (r is null) return new Stated(null, "", null);
        if (r.Has("absent"))
        {
            var absent = r.Bool("absent", required: true);
            var note = r.String("note", required: true);
            r.Finish(key);
            if (absent != true) m.Ctx.Error(r.Mark, $"{key}: absent 只能为 true");
            return new Stated(null, note, null);
        }
        var value = r.String("document", required: true);
        var title = r.String("title");
        var article = r.String("article", required: true);
        r.Finish(key);
        return new Stated(title is null ? value : $"{title}（{value}）", null, article);
    }

    /// <summary>Versions of one jurisdiction must not overlap. An open-ended version ends the day before a later one that replaces it.</summary>
    private static void CheckVersions(List<PolicyPack> packs, List<PolicyError> errors)
    {
        foreach (var group in packs.GroupBy(p => p.Jurisdiction))
        {
            var ordered = group.OrderBy(p => p.InForceFrom).ToList();
            for (var i = 0; i + 1 < ordered.Count; i++)
            {
                var a = ordered[i]; var b = ordered[i + 1];
                var file = $"{b.Folder}/{MetadataFile}";
                if (a.InForceTo is { } to)
                {
                    if (to >= b.InForceFrom)
                        errors.Add(new PolicyError(file, 1, 1, $"版本重叠：{a.Folder} 施行至 {to:yyyy-MM-dd}，而 {b.Folder} 自 {b.InForceFrom:yyyy-MM-dd} 施行 (overlapping versions)"));
                }
                else if (b.Replaces.Absent || !(b.Replaces.Value!.Contains(a.DocumentNumber.Value ?? a.Title)))
                    errors.Add(new PolicyError(file, 1, 1, $"版本重叠：{a.Folder} 未定终止日期，而 {b.Folder} 的 replaces 未指明废止“{a.Document}” (overlapping versions)"));
                else a.EffectiveTo = b.InForceFrom.AddDays(-1);
            }
        }
    }

    /// <summary>The version in force for a jurisdiction on a date, or why there is none.</summary>
    public PackResolution For(string jurisdiction, DateOnly date)
    {
        var versions = Versions(jurisdiction);
        if (versions.Count == 0)
            return new(ResolutionStatus.UnknownJurisdiction, null, null,
                $"没有辖区“{jurisdiction}”的政策包（已有：{string.Join("、", Jurisdictions)}） (unknown jurisdiction)");
        var d = date.ToString("yyyy-MM-dd");
        var hit = versions.FirstOrDefault(p => p.InForceOn(date));
        if (hit is not null)
            return new(ResolutionStatus.InForce, hit, hit, $"{d} 适用《{hit.Title}》（{hit.Document}，{hit.Version} 起施行）");
        var first = versions[0];
        if (date < first.InForceFrom)
            return new(ResolutionStatus.NotYetInForce, null, first,
                $"{d} 尚无有效版本：《{first.Title}》自 {first.InForceFrom:yyyy-MM-dd} 起施行，此前未生效" +
                (first.Replaces.Absent ? "" : $"；此前适用的{first.Replaces.Value}未收录为政策包") + " (not yet in force)");
        var last = versions[^1];
        if (last.EffectiveTo is { } end && date > end)
            return new(ResolutionStatus.Expired, null, last,
                $"{d} 无有效版本：《{last.Title}》已于 {end:yyyy-MM-dd} 失效（有效期 {last.InForceFrom:yyyy-MM-dd} 至 {end:yyyy-MM-dd}，{last.InForceToArticle ?? "见元数据"}），其后未发布新版本；该版本仍适用于其有效期内的事项 (expired)");
        var prev = versions.Last(p => p.InForceFrom <= date);
        return new(ResolutionStatus.Gap, null, prev, $"{d} 处于两个版本之间，无有效版本（上一版本 {prev.Folder} 已于 {prev.EffectiveTo:yyyy-MM-dd} 失效） (gap)");
    }

    /// <summary>Walks up from <paramref name="start"/> (default: the app's base directory) to the folder holding TechCenters.slnx, and returns its policies/ folder.</summary>
    public static string FindPoliciesRoot(string? start = null)
    {
        var dir = new DirectoryInfo(start ?? AppContext.BaseDirectory);
        while (dir is not null)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TechCenters.slnx"))) return Path.Combine(dir.FullName, "policies");
            dir = dir.Parent;
        }
        throw new DirectoryNotFoundException($"从 {start ?? AppContext.BaseDirectory} 向上找不到 TechCenters.slnx (cannot find the repository root)");
    }
}
