using Shouldly;
using TechCenters.Web.Infrastructure;
using Xunit;

namespace TechCenters.Web.Tests.Security;

/// <summary>The guard every field passes through, on the whole corpus and on what ordinary users type.</summary>
public sealed class InputGuardTests
{
    [Fact]
    public void Every_any_entry_of_the_corpus_is_refused_with_a_Chinese_reason()
    {
        var any = BadInputs.All.Value.Where(e => e.Section == "any").Select(e => e.Value).Distinct().ToList();
        any.Count.ShouldBeGreaterThan(380);
        var passed = any.Where(v => InputGuard.Problem(v) is null).ToList();
        passed.ShouldBeEmpty(string.Join("\n", passed));
        any.Select(InputGuard.Problem).ShouldAllBe(p => p!.Any(c => c >= '\u4e00' && c <= '\u9fff'));
    }

    /// <summary>Whole numbers are refused beyond their type's range, on both sides of each bound (Bug 0211).</summary>
    [Theory]
    [InlineData(typeof(int), "2147483647", true)]
    [InlineData(typeof(int), "2147483648", false)]
    [InlineData(typeof(int), "-2147483648", true)]
    [InlineData(typeof(int), "-2147483649", false)]
    [InlineData(typeof(long), "9223372036854775807", true)]
    [InlineData(typeof(long), "9223372036854775808", false)]
    [InlineData(typeof(long), "-9223372036854775808", true)]
    [InlineData(typeof(long), "-9223372036854775809", false)]
    [InlineData(typeof(int), "0", true)]
    [InlineData(typeof(int), "-0", false)]
    public void Bug_0211_whole_numbers_are_taken_only_within_their_range(Type type, string value, bool taken)
    {
        var problem = InputGuard.FormatProblem(type, value);
        if (taken) problem.ShouldBeNull();
        else problem.ShouldNotBeNull().ShouldMatch("[\u4e00-\u9fff]");
    }

    [Theory]
    [InlineData("第十二师现代农业技术创新中心")]
    [InlineData("研发投入占销售收入比例≥3%，主营业务收入2亿元以上的不低于2%。")]
    [InlineData("研发投入<3%的企业不予推荐")]
    [InlineData("A&B 科技（新疆）有限公司")]
    [InlineData("O'Brien 与 张三 合作")]
    [InlineData("一、建设目标\r\n二、主要任务\r\n\t（一）关键技术攻关")]
    [InlineData("联系方式：138 0013 8000，邮箱 zhang@163.com")]
    [InlineData("科发〔2026〕12号")]
    [InlineData("https://www.most.gov.cn/tztg/")]
    [InlineData("1,200 万元；占比 35.5%；2026-03-02")]
    [InlineData("“产学研”协同——从实验室到生产线")]
    [InlineData("请选择 A 或 B")]
    [InlineData("Kx9#tree-lamp")]
    public void What_users_ordinarily_type_passes(string text) => InputGuard.Problem(text).ShouldBeNull();

    [Theory]
    [InlineData("a.pdf", null)]
    [InlineData("共建协议（盖章）.pdf", null)]
    [InlineData("../a.pdf", "文件名不得包含路径")]
    [InlineData("a.pdf.exe", "不接受可执行或脚本类文件")]
    [InlineData("x.svg", "不接受可执行或脚本类文件")]
    public void Upload_names_are_plain_names_of_harmless_files(string name, string? problem)
    {
        var p = InputGuard.UploadProblem(name);
        if (problem is null) p.ShouldBeNull();
        else p.ShouldNotBeNull().ShouldContain(problem);
    }
}
