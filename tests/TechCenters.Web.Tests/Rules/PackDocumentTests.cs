using Shouldly;
using TechCenters.Policy;
using TechCenters.Web.Features.Applications;
using TechCenters.Web.Features.Approvals;
using TechCenters.Web.Features.Centers;
using Xunit;

namespace TechCenters.Web.Tests.Rules;

/// <summary>The documents and forms say what the pack says: the approval notice's duties and dates, the 申报书's items.</summary>
public sealed class PackDocumentTests
{
    private static readonly Lazy<PolicyCatalog> Catalog = new(() => PolicyCatalog.Load(PolicyCatalog.FindPoliciesRoot()));
    private static PolicyPack Pack(string j) => Catalog.Value.Versions(j).Last();

    private static Center CenterOf(string jurisdiction, DateOnly approved, PolicyPack pack)
    {
        var terms = ApprovalTerms.For(pack, approved);
        return new Center
        {
            JurisdictionId = jurisdiction, Name = "测试技术创新中心", LeadUnitName = "测试有限公司", ApprovalNumber = "测〔2026〕1号",
            ApprovedOn = approved, ConstructionYears = terms.ConstructionYears, ConstructionEndsOn = terms.ConstructionEnds,
            PackVersion = pack.Version, PackDocument = pack.Document,
        };
    }

    private static string Body(string jurisdiction, DateOnly approved)
    {
        var pack = Pack(jurisdiction);
        return string.Join("\n", ApprovalNotice.For(CenterOf(jurisdiction, approved, pack), pack, "科学技术局").Body);
    }

    [Fact]
    public void Bug_0111_the_cangzhou_approval_notice_sets_no_annual_report_duty_its_text_does_not_set()
    {
        var cangzhou = Body("cangzhou", new DateOnly(2026, 3, 2));
        cangzhou.ShouldNotContain("年度报告");
        cangzhou.ShouldContain("第二十五条");
        var wanzhou = Body("chongqing-wanzhou", new DateOnly(2026, 3, 2));
        wanzhou.ShouldContain("次年1月30日前报送年度报告（第十九条、第七条第5项）");
        wanzhou.ShouldNotContain("建设期"); // 万州 states no construction period
    }

    [Fact]
    public void Bug_0109_the_notice_prints_the_construction_end_the_library_computed_and_the_center_stores()
    {
        var approved = new DateOnly(2026, 11, 23);
        var pack = Pack("hohhot");
        var center = CenterOf("hohhot", approved, pack);
        center.ConstructionEndsOn.ShouldBe(new DateOnly(2029, 11, 23));
        var body = string.Join("\n", ApprovalNotice.For(center, pack, "呼和浩特市科学技术局").Body);
        body.ShouldContain("建设期为3年（第二十一条），自批准次日起算，至二〇二九年十一月二十三日届满。");
    }

    [Fact]
    public void Bug_0110_only_xpcc_forms_ask_annex_1_items_and_every_form_asks_its_own_texts()
    {
        var xpcc = ApplicationForm.FormFacts(Pack("xpcc-12th-division"));
        xpcc.ShouldContain("lead.main_revenue_last_year");
        ApplicationForm.BasicFields(Pack("xpcc-12th-division")).Select(f => f.Name).ShouldContain("tech_leader.talent_program");
        foreach (var j in new[] { "xinjiang", "hohhot", "chongqing-wanzhou", "cangzhou" })
        {
            var facts = ApplicationForm.FormFacts(Pack(j));
            facts.ShouldNotContain("lead.main_revenue_last_year", j);
            if (j != "hohhot") facts.ShouldNotContain("team.total", j); // 呼和浩特 第八条第三项 reads it; the others' texts do not ask it
            ApplicationForm.BasicFields(Pack(j)).Select(f => f.Name).ShouldBe(["contact.name", "contact.phone"], j);
        }
        // 新疆 三（三）2's debt ratio is computed: the form asks the two figures, never the ratio.
        var xinjiang = ApplicationForm.FormFacts(Pack("xinjiang"));
        xinjiang.ShouldContain("lead.total_liabilities_last_year");
        xinjiang.ShouldContain("lead.total_assets_last_year");
        xinjiang.ShouldNotContain("lead.debt_to_asset_ratio_last_year");
    }
}
