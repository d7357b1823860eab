using System.CommandLine;
using System.Text.Json;
using Shouldly;
using TechCenters.Web.Features.Policies;
using Xunit;

namespace TechCenters.Web.Tests.Rules;

/// <summary>The admin commands <c>policy …</c> and <c>calendar …</c>, run as an administrator would, on the repository's packs.</summary>
public sealed class PolicyCliTests : IDisposable
{
    private readonly string temp = Directory.CreateTempSubdirectory("tc-cli-").FullName;

    public void Dispose() => Directory.Delete(temp, recursive: true);

    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var root = new RootCommand { PolicyCli.CreatePolicy(), PolicyCli.CreateCalendar() };
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Validate_passes_all_five_packs_and_the_calendar()
    {
        var (code, output, _) = await Run("policy", "validate");
        code.ShouldBe(0);
        foreach (var slug in new[] { "xpcc-12th-division", "xinjiang", "hohhot", "chongqing-wanzhou", "cangzhou" })
            output.ShouldContain(slug);
        output.ShouldContain("工作日历");
    }

    [Fact]
    public async Task Validate_names_file_and_line_of_a_broken_pack_and_exits_non_zero()
    {
        var copy = Path.Combine(temp, "policies");
        CopyDirectory(PolicyFiles.Root(), copy);
        var file = Path.Combine(copy, "chongqing-wanzhou", "2024-04-18", "pack.yaml");
        File.AppendAllText(file, "unknown_key: 1\n");
        var (code, _, error) = await Run("policy", "validate", "--policies", copy);
        code.ShouldBe(1);
        error.ShouldContain("pack.yaml:");
        error.ShouldContain("unknown_key");
    }

    [Fact]
    public async Task Explain_lists_rules_with_their_articles()
    {
        var (code, output, _) = await Run("policy", "explain", "xpcc-12th-division", "--date", "2025-06-01");
        code.ShouldBe(0);
        output.ShouldContain("第十条第2项");
        output.ShouldContain("第十二师技术创新中心建设与运行管理办法");
    }

    [Fact]
    public async Task Explain_says_that_the_xinjiang_guideline_expired()
    {
        var (code, _, error) = await Run("policy", "explain", "xinjiang", "--date", "2025-06-01");
        code.ShouldBe(1);
        error.ShouldContain("已于 2025-01-26 失效");
    }

    [Fact]
    public async Task Evaluate_explains_a_failing_threshold_with_its_article_in_text_and_json()
    {
        var facts = Path.Combine(temp, "facts.yaml");
        File.WriteAllText(facts, """
            lead:
              type: enterprise
              rd_expense_last_year: 2400000
              sales_revenue_last_year: 100000000
              main_revenue_last_year: 199999999
            """);
        var (code, output, _) = await Run("policy", "evaluate", "xpcc-12th-division", "--date", "2025-06-01", "--facts", facts, "--area", "eligibility");
        code.ShouldBe(0);
        output.ShouldContain("研发投入占销售收入比例 2.4%，低于第十条第2项要求的 3%");

        var (jsonCode, json, _) = await Run("policy", "evaluate", "xpcc-12th-division", "--date", "2025-06-01", "--facts", facts, "--format", "json");
        jsonCode.ShouldBe(0);
        using var doc = JsonDocument.Parse(json);
        var reasons = doc.RootElement.GetProperty("reasons").EnumerateArray().ToList();
        // 第十条第2项 “原则上不低于3%”: below it, the officer decides; the doubt quotes the word.
        var intensity = reasons.Single(r => r.GetProperty("ruleId").GetString() == "rd-intensity");
        intensity.GetProperty("article").GetString().ShouldBe("第十条第2项");
        intensity.GetProperty("outcome").GetString().ShouldBe("NeedsJudgement");
        intensity.GetProperty("doubt").GetProperty("words")[0].GetString().ShouldBe("原则上");
    }

    [Theory]
    [InlineData("2025/06/01")]
    [InlineData("昨天")]
    public async Task Evaluate_refuses_a_bad_date_with_a_Chinese_message(string date)
    {
        var (code, _, error) = await Run("policy", "evaluate", "chongqing-wanzhou", "--date", date, "--facts", "none.yaml");
        code.ShouldBe(2);
        error.ShouldContain("格式不正确");
    }

    [Fact]
    public async Task Evaluate_refuses_unknown_facts()
    {
        var facts = Path.Combine(temp, "bad.json");
        File.WriteAllText(facts, """{ "lead": { "no_such_fact": 1 } }""");
        var (code, _, error) = await Run("policy", "evaluate", "chongqing-wanzhou", "--date", "2025-06-01", "--facts", facts);
        code.ShouldBe(2);
        error.ShouldContain("事实文件有误");
    }

    [Fact]
    public async Task Coverage_accounts_for_every_article_of_all_five_packs_and_exits_zero()
    {
        var (code, output, error) = await Run("policy", "coverage");
        code.ShouldBe(0, error);
        foreach (var slug in new[] { "xpcc-12th-division", "xinjiang", "hohhot", "chongqing-wanzhou", "cangzhou" })
            output.ShouldContain($"{slug}/");
        output.ShouldContain("全部 5 个政策包版本的条款均已编码或注明理由");
        output.ShouldContain("第二十四条");
    }

    [Fact]
    public async Task Coverage_fails_on_an_article_nothing_encodes_and_says_which_file_to_change()
    {
        var copy = Path.Combine(temp, "policies");
        CopyDirectory(PolicyFiles.Root(), copy);
        var coverage = Path.Combine(copy, "chongqing-wanzhou", "2024-04-18", "coverage.yaml");
        File.WriteAllText(coverage, File.ReadAllText(coverage).Replace("  第二十七条: 解释条款\n", ""));
        var (code, _, error) = await Run("policy", "coverage", "chongqing-wanzhou", "--policies", copy);
        code.ShouldBe(1);
        error.ShouldContain("第二十七条“本办法由区科技局负责解释。”");
        error.ShouldContain("chongqing-wanzhou/2024-04-18/coverage.yaml");
        error.ShouldContain("条款覆盖未完成");
    }

    [Fact]
    public async Task Diff_lists_rule_changes_between_versions_and_the_cases_whose_verdict_moves()
    {
        var copy = Path.Combine(temp, "policies");
        CopyDirectory(PolicyFiles.Root(), copy);
        // A revision of 万州's measures: 研发人员不少于15人, in force 2027-01-01, replacing 万州科局发〔2024〕3号.
        var old = Path.Combine(copy, "chongqing-wanzhou", "2024-04-18");
        var revised = Path.Combine(copy, "chongqing-wanzhou", "2027-01-01");
        CopyDirectory(old, revised);
        var pack = Path.Combine(revised, "pack.yaml");
        File.WriteAllText(pack, File.ReadAllText(pack)
            .Replace("document_number: 万州科局发〔2024〕3号", "document_number: 万州科局发〔2026〕9号")
            .Replace("from: 2024-04-18", "from: 2027-01-01")
            .Replace("  document: 万州科局发〔2022〕19号\n  title: 重庆市万州区技术创新中心建设运行管理办法（试行）", "  document: 万州科局发〔2024〕3号\n  title: 重庆市万州区技术创新中心建设运行管理办法（修订）"));
        var eligibility = Path.Combine(revised, "eligibility.yaml");
        File.WriteAllText(eligibility, File.ReadAllText(eligibility).Replace("    bound: 不少于\n    value: 10", "    bound: 不少于\n    value: 15"));
        foreach (var c in Directory.GetFiles(Path.Combine(revised, "cases"))) File.Delete(c);
        var facts = Path.Combine(temp, "cases");
        Directory.CreateDirectory(facts);
        File.WriteAllText(Path.Combine(facts, "a.yaml"), "team: { rd_staff: 12 }\n");
        File.WriteAllText(Path.Combine(facts, "b.yaml"), "team: { rd_staff: 20 }\n");

        var (code, output, error) = await Run("policy", "diff", "chongqing-wanzhou", "2024-04-18", "2027-01-01", "--facts-dir", facts, "--policies", copy);
        code.ShouldBe(0, error);
        output.ShouldContain("＊ 修改 rd-staff（eligibility）");
        output.ShouldContain("不少于10人");
        output.ShouldContain("不少于15人");
        output.ShouldContain("pack.yaml 文号");
        output.ShouldContain("1 个结论不同");
        output.ShouldContain("a.yaml");
        output.ShouldNotContain("  b.yaml");
        output.ShouldContain("rd-staff：符合 → 不符合");
    }

    [Fact]
    public async Task Diff_names_the_versions_there_are_when_one_is_wrong()
    {
        var (code, _, error) = await Run("policy", "diff", "chongqing-wanzhou", "2020-01-01", "2024-04-18");
        code.ShouldBe(2);
        error.ShouldContain("已有版本：2024-04-18");
    }

    [Fact]
    public async Task Calendar_counts_five_working_days_across_the_national_day_holiday()
    {
        var (code, output, _) = await Run("calendar", "add-working-days", "--from", "2026-09-25", "--days", "5");
        code.ShouldBe(0);
        output.ShouldContain("2026年10月9日");
    }

    [Fact]
    public async Task Calendar_says_not_published_for_a_period_reaching_an_unpublished_year()
    {
        var (code, _, error) = await Run("calendar", "add-working-days", "--from", "2027-03-01", "--days", "5");
        code.ShouldBe(2);
        error.ShouldContain("2027");
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(dir.Replace(from, to));
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, file.Replace(from, to));
    }
}
