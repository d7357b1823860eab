using System.CommandLine;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using TechCenters.Policy;
using TechCenters.Web.Features.Policies;
using TechCenters.Web.Tests.Features.Applying;
using TechCenters.Web.Tests.Infrastructure;
using Xunit;

namespace TechCenters.Web.Tests.Rules;

/// <summary>
/// The repository's packs plus a throwaway sixth jurisdiction (测试市), written as a pack author would: its own folder with
/// pack.yaml, the eight area files, the official text, its coverage and its cases — and no C# change.
/// </summary>
public static class SixthPack
{
    public const string Slug = "test-city";
    public const string Version = "2025-01-01";

    /// <summary>A policies folder: a copy of the repository's, plus the sixth pack (built from 呼和浩特's as a skeleton).</summary>
    public static string Create()
    {
        var root = Directory.CreateTempSubdirectory("tc-sixth-").FullName;
        var source = PolicyFiles.Root();
        foreach (var dir in Directory.GetDirectories(source, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(dir.Replace(source, root));
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
            File.Copy(file, file.Replace(source, root));
        var skeleton = Path.Combine(root, "hohhot", "2024-07-19");
        var pack = Path.Combine(root, Slug, Version);
        Directory.CreateDirectory(Path.Combine(pack, "cases"));
        // The skeleton's version cases are about 呼和浩特's own dates; the new pack writes its own.
        foreach (var file in Directory.GetFiles(skeleton, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith("versions.yaml")))
        {
            var text = File.ReadAllText(file).Replace("呼和浩特市", "测试市").Replace("呼和浩特", "测试市");
            File.WriteAllText(file.Replace(skeleton, pack), text);
        }
        // Its own metadata: a stated in-force date and no predecessor.
        File.WriteAllText(Path.Combine(pack, "pack.yaml"), """
            jurisdiction: test-city
            jurisdiction_name: 测试市
            level: 市（设区的市）
            title: 测试市技术创新中心建设管理办法（试行）
            document_number: 测试科发〔2025〕1号
            issuer: 测试市科学技术局
            in_force:
              from: 2025-01-01
              from_basis: stated
              from_article: 第二十九条
            replaces: { absent: true, note: 本办法未提及废止或替代的文件 }
            actors:
              bureau: 市科技局（测试市科学技术局）
              department: 旗县区科技管理部门
              lead_unit: 建设主体单位（牵头单位）
              co_builders: 共建单位
              center: 技术创新中心
              council: 理事会（董事会）
              expert_panel: 专家组
              decision_meeting: 市科技局会议研究
              public: 社会公众
            """);
        File.WriteAllText(Path.Combine(pack, "cases", "versions.yaml"), """
            cases:
              - name: 2025年1月1日起施行
                date: 2025-01-01
                rules: [registered-in-city]
                facts: { lead: { registered_in_jurisdiction: true } }
                expect: { resolution: in_force, version: 2025-01-01, outcome: pass }
              - name: 2024年12月31日尚未施行
                date: 2024-12-31
                expect: { resolution: not_yet_in_force, version: 2025-01-01 }
            """);
        return root;
    }
}

/// <summary>The admin commands on the sixth pack: it validates, explains, evaluates and is fully covered.</summary>
public sealed class SixthJurisdictionCliTests : IDisposable
{
    private readonly string root = SixthPack.Create();

    public void Dispose() => Directory.Delete(root, recursive: true);

    private async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var cli = new RootCommand { PolicyCli.CreatePolicy() };
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await cli.Parse([.. args, "--policies", root]).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task A_sixth_jurisdiction_is_data_it_validates_explains_evaluates_and_is_covered()
    {
        var (code, output, error) = await Run("policy", "validate");
        code.ShouldBe(0, error);
        output.ShouldContain("test-city/2025-01-01");

        (code, output, error) = await Run("policy", "explain", SixthPack.Slug, "--date", "2025-06-01");
        code.ShouldBe(0, error);
        output.ShouldContain("测试市技术创新中心建设管理办法（试行）");
        output.ShouldContain("测试市×××技术创新中心");

        var facts = Path.Combine(root, "facts.yaml");
        File.WriteAllText(facts, "lead: { registered_in_jurisdiction: false }\n");
        (code, output, error) = await Run("policy", "evaluate", SixthPack.Slug, "--date", "2025-06-01", "--facts", facts, "--area", "eligibility");
        code.ShouldBe(0, error);
        output.ShouldContain("建设主体单位应在测试市内注册登记");

        (code, output, error) = await Run("policy", "coverage", SixthPack.Slug);
        code.ShouldBe(0, error);
        output.ShouldContain("问题 0 处");
    }
}

/// <summary>The running platform with the sixth pack's folder: the jurisdiction is seeded from the catalog and its bureau publishes a call.</summary>
public sealed class SixthPackFixture : SqliteAppFixture
{
    public string Root { get; } = SixthPack.Create();

    protected override void ConfigureHost(IWebHostBuilder builder) => builder.UseSetting("Policies:Root", Root);

    protected override bool SeedsCommonDemo => false; // six packs, not five

    protected override async Task DropDatabaseAsync()
    {
        await base.DropDatabaseAsync();
        Directory.Delete(Root, recursive: true);
    }
}

public sealed class SixthJurisdictionWebTests(SixthPackFixture app) : IClassFixture<SixthPackFixture>
{
    [Fact]
    public async Task A_sixth_pack_appears_in_the_platform_and_its_bureau_publishes_a_call_under_it()
    {
        var j = await app.Db(db => db.Jurisdictions.AsNoTracking().SingleAsync(x => x.Id == SixthPack.Slug));
        j.Name.ShouldBe("测试市");

        var bureau = await app.LoginAsync($"{SixthPack.Slug}-bureau");
        var r = await app.PublishCallAsync(bureau, "关于组织申报测试市技术创新中心的通知", "新材料");
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect, await r.Content.ReadAsStringAsync());
        var call = await app.Db(db => db.Calls.AsNoTracking().Where(c => c.JurisdictionId == SixthPack.Slug).OrderByDescending(c => c.Id).FirstAsync());
        call.PackDocument.ShouldBe("测试科发〔2025〕1号");
        call.PackVersion.ShouldBe(SixthPack.Version);
        (await (await app.Client().GetAsync("/Calls")).Content.ReadAsStringAsync()).ShouldContain("关于组织申报测试市技术创新中心的通知");
    }
}
