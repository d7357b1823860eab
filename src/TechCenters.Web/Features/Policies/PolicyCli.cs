using System.CommandLine;
using System.Globalization;
using TechCenters.Policy.Calendar;
using TechCenters.Policy.Cases;
using TechCenters.Policy;
using Texts = TechCenters.Policy.Texts;

namespace TechCenters.Web.Features.Policies;

/// <summary>
/// <c>policy validate | explain | evaluate</c> and <c>calendar add-working-days</c>: the same library calls the
/// web app makes, printed for an administrator. They read files only (no database).
/// Exit codes: 0 done, 1 invalid packs or no version in force, 2 bad input.
/// </summary>
public static class PolicyCli
{
    private static readonly Option<string?> PoliciesOption = new("--policies") { Description = "政策包目录（默认：仓库的 policies/ 或配置 Policies:Root）", Recursive = true };

    /// <summary>Loads a jurisdiction's open cases and centers with their facts (the database, for `policy diff --database`).</summary>
    public delegate Task<IReadOnlyList<(string Id, string Label, Facts Facts)>> CaseSource(string jurisdiction, CancellationToken ct);

    public static Command CreatePolicy(CaseSource? cases = null)
    {
        var policy = new Command("policy", "政策包：校验、解释、按事实评估、条款覆盖、版本比较") { PoliciesOption };
        policy.Subcommands.Add(Validate());
        policy.Subcommands.Add(Explain());
        policy.Subcommands.Add(Evaluate());
        policy.Subcommands.Add(Coverage());
        policy.Subcommands.Add(Diff(cases));
        return policy;
    }

    public static Command CreateCalendar()
    {
        var from = new Option<string>("--from") { Description = "起算日（发布日），如 2026-09-25", Required = true };
        var days = new Option<string>("--days") { Description = "工作日数（正整数）", Required = true };
        var add = new Command("add-working-days", "自起算日之后的第一个工作日起算 N 个工作日，给出截止日（法定节假日与调休）") { from, days };
        add.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            WorkingDayCalendar calendar;
            try { calendar = PolicyFiles.LoadCalendar(PolicyFiles.Root(null, parse.GetValue(PoliciesOption))); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or CalendarDataException)
            {
                parse.InvocationConfiguration.Error.WriteLine($"无法读取工作日历：{e.Message}");
                return 1;
            }
            var result = CalendarCommand.AddWorkingDays(calendar, parse.GetValue(from) ?? "", parse.GetValue(days) ?? "");
            (result.ExitCode == 0 ? output : parse.InvocationConfiguration.Error).WriteLine(result.Text);
            return result.ExitCode;
        });
        return new Command("calendar", "工作日历（国务院办公厅节假日安排）") { PoliciesOption, add };
    }

    private static Command Validate()
    {
        var cmd = new Command("validate", "校验全部政策包、用例与工作日历；有错误时退出码为 1");
        cmd.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var root = PolicyFiles.Root(null, parse.GetValue(PoliciesOption));
            var errors = PolicyValidation.Run(root).ToList();
            var calendarYears = 0;
            var calendarErrors = new List<string>();
            try { calendarYears = CalendarYearFile.LoadDirectory(PolicyFiles.CalendarDirectory(root)).Count; }
            catch (CalendarDataException e) { calendarErrors.AddRange(e.Errors.Select(x => x.ToString())); }
            if (errors.Count + calendarErrors.Count > 0)
            {
                foreach (var e in errors.Select(x => x.ToString()).Concat(calendarErrors)) parse.InvocationConfiguration.Error.WriteLine(e);
                parse.InvocationConfiguration.Error.WriteLine($"校验未通过：{errors.Count + calendarErrors.Count} 处错误");
                return 1;
            }
            var catalog = PolicyCatalog.Load(root);
            foreach (var pack in catalog.Packs.OrderBy(p => p.Jurisdiction).ThenBy(p => p.InForceFrom))
                output.WriteLine($"通过  {pack.Jurisdiction}/{pack.Version}  {pack.Title}（{Period(pack)}）");
            output.WriteLine($"全部 {catalog.Packs.Count} 个政策包版本校验通过；工作日历 {calendarYears} 个年度");
            return 0;
        });
        return cmd;
    }

    private static Command Explain()
    {
        var jurisdiction = new Argument<string>("jurisdiction") { Description = "辖区标识，如 xpcc-12th-division" };
        var date = new Option<string?>("--date") { Description = "适用日期（默认今天，北京时间）" };
        var cmd = new Command("explain", "用中文列出某辖区在某日有效的全部规则及其条款") { jurisdiction, date };
        cmd.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            if (!TryResolve(parse, parse.GetValue(jurisdiction)!, parse.GetValue(date), out var pack, out _, out var code)) return code;
            output.WriteLine($"{pack!.Title}（{Document(pack)}；{Period(pack)}）");
            foreach (var line in pack.Explain()) output.WriteLine(line);
            return 0;
        });
        return cmd;
    }

    private static Command Evaluate()
    {
        var jurisdiction = new Argument<string>("jurisdiction") { Description = "辖区标识" };
        var date = new Option<string?>("--date") { Description = "适用日期，如申报日期", Required = true };
        var facts = new Option<string>("--facts") { Description = "事实文件（YAML 或 JSON，格式见 policies/README.md）", Required = true };
        var format = new Option<string>("--format") { Description = "text 或 json", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var areas = new Option<string[]>("--area") { Description = "只评估这些领域（eligibility、governance…），可重复", AllowMultipleArgumentsPerToken = true };
        var cmd = new Command("evaluate", "按政策包评估一组事实，输出结论与逐条理由") { jurisdiction, date, facts, format, areas };
        cmd.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            if (!TryResolve(parse, parse.GetValue(jurisdiction)!, parse.GetValue(date), out var pack, out var catalog, out var code)) return code;
            var file = parse.GetValue(facts)!;
            if (!File.Exists(file))
            {
                parse.InvocationConfiguration.Error.WriteLine($"找不到事实文件：{file}");
                return 2;
            }
            Facts loaded;
            try { loaded = Facts.Load(file, catalog!.Vocabulary); }
            catch (FactsException e)
            {
                parse.InvocationConfiguration.Error.WriteLine($"事实文件有误：{e.Message}");
                return 2;
            }
            var selected = parse.GetValue(areas) is { Length: > 0 } a ? a : null;
            var verdict = pack!.Evaluate(loaded, selected, null);
            if (parse.GetValue(format) == "json") output.WriteLine(verdict.ToJson());
            else foreach (var line in verdict.ToLines()) output.WriteLine(line);
            return 0;
        });
        return cmd;
    }

    private static Command Coverage()
    {
        var jurisdiction = new Argument<string?>("jurisdiction") { Description = "辖区标识；省略则检查全部政策包版本", Arity = ArgumentArity.ZeroOrOne };
        var version = new Option<string?>("--version") { Description = "版本（施行日期目录名，如 2024-04-18）；默认该辖区全部版本" };
        var cmd = new Command("coverage", "逐条列出官方文本（text.txt）的条款与项及编码它们的规则，或注明不编码的理由；有未覆盖的条款、找不到的引用或未标注的判断用语时退出码为 1") { jurisdiction, version };
        cmd.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var root = PolicyFiles.Root(null, parse.GetValue(PoliciesOption));
            if (LoadCatalog(parse, root) is not { } catalog) return 1;
            var j = parse.GetValue(jurisdiction);
            var v = parse.GetValue(version);
            var packs = catalog.Packs.Where(p => (j is null || p.Jurisdiction == j) && (v is null || p.Version == v)).ToList();
            if (packs.Count == 0)
            {
                error.WriteLine(j is null ? "没有政策包" : $"没有辖区“{j}”{(v is null ? "" : $" {v} 版")}的政策包（已有：{string.Join("、", catalog.Jurisdictions)}）");
                return 2;
            }
            var incomplete = 0;
            foreach (var pack in packs)
            {
                var report = Texts.PackCoverage.For(pack, root);
                foreach (var line in report.ToLines()) (report.Complete ? output : error).WriteLine(line);
                if (!report.Complete) incomplete++;
            }
            if (incomplete > 0) { error.WriteLine($"条款覆盖未完成：{incomplete} 个政策包版本有问题"); return 1; }
            output.WriteLine($"全部 {packs.Count} 个政策包版本的条款均已编码或注明理由");
            return 0;
        });
        return cmd;
    }

    private static Command Diff(CaseSource? cases)
    {
        var jurisdiction = new Argument<string>("jurisdiction") { Description = "辖区标识" };
        var oldVersion = new Argument<string>("old") { Description = "旧版本（施行日期目录名）" };
        var newVersion = new Argument<string>("new") { Description = "新版本（施行日期目录名）" };
        var factsDir = new Option<string?>("--facts-dir") { Description = "事实文件目录：逐个按两个版本评估，列出结论不同者" };
        var database = new Option<bool>("--database") { Description = "按两个版本评估数据库中该辖区未办结的申报和已认定的中心，列出结论不同者" };
        var cmd = new Command("diff", "逐条列出两个版本之间规则的变化，并可列出结论会因此不同的事项（新版本施行前即可查看）") { jurisdiction, oldVersion, newVersion, factsDir, database };
        cmd.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            if (LoadCatalog(parse, PolicyFiles.Root(null, parse.GetValue(PoliciesOption))) is not { } catalog) return 1;
            var j = parse.GetValue(jurisdiction)!;
            var versions = catalog.Versions(j);
            PolicyPack? Find(string v) => versions.FirstOrDefault(p => p.Version == v);
            if (Find(parse.GetValue(oldVersion)!) is not { } old || Find(parse.GetValue(newVersion)!) is not { } @new)
            {
                error.WriteLine(versions.Count == 0
                    ? $"没有辖区“{j}”的政策包（已有：{string.Join("、", catalog.Jurisdictions)}）"
                    : $"辖区“{j}”没有所指的版本；已有版本：{string.Join("、", versions.Select(v => v.Version))}");
                return 2;
            }
            var changes = PackDiff.Compare(old, @new);
            foreach (var line in PackDiff.Lines(old, @new, changes)) output.WriteLine(line);
            var subjects = new List<(string Id, string Label, Facts Facts)>();
            if (parse.GetValue(factsDir) is { } dir)
            {
                if (!Directory.Exists(dir)) { error.WriteLine($"找不到事实文件目录：{dir}"); return 2; }
                foreach (var file in Directory.GetFiles(dir).Where(f => f.EndsWith(".yaml") || f.EndsWith(".yml") || f.EndsWith(".json")).Order())
                {
                    try { subjects.Add((Path.GetFileName(file), Path.GetFileName(file), Facts.Load(file, catalog.Vocabulary))); }
                    catch (FactsException e) { error.WriteLine($"事实文件 {Path.GetFileName(file)} 有误：{e.Message}"); return 2; }
                }
            }
            if (parse.GetValue(database))
            {
                if (cases is null) { error.WriteLine("此处无法连接数据库：请通过平台可执行程序运行 policy diff --database"); return 2; }
                subjects.AddRange(await cases(j, ct));
            }
            if (subjects.Count > 0)
            {
                var affected = PackDiff.Affected(old, @new, subjects);
                output.WriteLine($"按两个版本评估 {subjects.Count} 个事项：{affected.Count} 个结论不同（已受理的事项仍按其受理时的版本办理，此处显示的是按新版本评估的结果）");
                foreach (var a in affected)
                {
                    output.WriteLine($"  {a.Id} {a.Label}：{Verdict.OutcomeLabel(a.Old.Outcome)} → {Verdict.OutcomeLabel(a.New.Outcome)}");
                    foreach (var m in a.Moves) output.WriteLine($"    {m}");
                }
            }
            return 0;
        });
        return cmd;
    }

    /// <summary>The catalog, or null after printing every load error and where to look.</summary>
    private static PolicyCatalog? LoadCatalog(ParseResult parse, string root)
    {
        try { return PolicyCatalog.Load(root); }
        catch (PolicyLoadException e)
        {
            foreach (var x in e.Errors) parse.InvocationConfiguration.Error.WriteLine(x.ToString());
            parse.InvocationConfiguration.Error.WriteLine("政策包校验未通过，请先运行 policy validate");
            return null;
        }
    }

    private static bool TryResolve(ParseResult parse, string jurisdiction, string? dateText, out PolicyPack? pack, out PolicyCatalog? catalog, out int exitCode)
    {
        pack = null;
        catalog = null;
        var error = parse.InvocationConfiguration.Error;
        DateOnly date;
        if (dateText is null) date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, ChinaTime).DateTime);
        else if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            error.WriteLine($"日期“{dateText}”格式不正确，应为 yyyy-MM-dd，如 2025-06-01");
            exitCode = 2;
            return false;
        }
        catalog = LoadCatalog(parse, PolicyFiles.Root(null, parse.GetValue(PoliciesOption)));
        if (catalog is null)
        {
            exitCode = 1;
            return false;
        }
        var resolution = catalog.For(jurisdiction, date);
        if (resolution.Status != ResolutionStatus.InForce)
        {
            error.WriteLine(resolution.Message);
            exitCode = 1;
            return false;
        }
        pack = resolution.Pack;
        exitCode = 0;
        return true;
    }

    private static readonly TimeZoneInfo ChinaTime = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private static string Document(PolicyPack pack) => pack.DocumentNumber.Value ?? "未载明文号";

    private static string Period(PolicyPack pack) =>
        pack.InForceTo is { } to ? $"{pack.InForceFrom:yyyy-MM-dd} 至 {to:yyyy-MM-dd} 有效" : $"自 {pack.InForceFrom:yyyy-MM-dd} 起施行";
}
