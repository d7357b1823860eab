using System.Diagnostics;
using Shouldly;
using TechCenters.Policy;
using TechCenters.Policy.Calendar;
using TechCenters.Web.Features.Approvals;
using TechCenters.Web.Features.Centers;
using TechCenters.Web.Features.ExpertReviews;
using TechCenters.Web.Features.PublicNotices;
using TechCenters.Web.Features.Units;
using Xunit;

namespace TechCenters.Web.Tests.Selecting;

/// <summary>The pure decisions of the selecting half, on the real packs and the real calendar.</summary>
public sealed class SelectingRuleTests
{
    private static readonly Lazy<PolicyCatalog> Catalog = new(() => PolicyCatalog.Load(PolicyCatalog.FindPoliciesRoot()));
    private static readonly Lazy<WorkingDayCalendar> Calendar = new(() => WorkingDayCalendar.LoadDirectory(Path.Combine(PolicyCatalog.FindPoliciesRoot(), "calendar")));
    private static PolicyPack Pack(string j) => Catalog.Value.Versions(j).Last();

    private static Expert E(int id, ExpertiseKind kind, int? unit = null, params (int Unit, string Relation)[] rel) => new()
    {
        Id = id, Name = $"专家{id}", JurisdictionId = "x", Field = "新材料", Kind = kind, Employer = "某大学", UnitId = unit,
        Relations = rel.Select(r => new ExpertRelation { UnitId = r.Unit, Relation = r.Relation }).ToList(),
    };

    private static readonly Recusal.Party[] Parties = [new(10, "甲公司", "牵头单位"), new(11, "乙大学", "共建单位")];
    private static readonly Recusal.Terms Terms = new(new DateOnly(2026, 3, 2), null, null, "测试办法");

    [Fact]
    public void Recusal_refuses_own_unit_and_declared_relations_and_allows_others()
    {
        Recusal.Conflict(E(1, ExpertiseKind.Technical, unit: 10), Parties, Terms).ShouldBe("专家1的工作单位是牵头单位“甲公司”，须回避");
        Recusal.Conflict(E(2, ExpertiseKind.Technical, unit: 99, (11, "兼职")), Parties, Terms).ShouldBe("专家2已申报与共建单位“乙大学”存在关联关系（兼职），须回避");
        Recusal.Conflict(E(3, ExpertiseKind.Technical, unit: 99, (12, "兼职")), Parties, Terms).ShouldBeNull();
    }

    [Fact]
    public void Wanzhou_panel_needs_five_with_all_three_kinds_on_both_sides_of_the_bound()
    {
        var pack = Pack("chongqing-wanzhou");
        Expert[] five = [E(1, ExpertiseKind.Technical), E(2, ExpertiseKind.Technical), E(3, ExpertiseKind.Technical), E(4, ExpertiseKind.Management), E(5, ExpertiseKind.Finance)];
        PanelCheck.Refusal(pack, five).ShouldBeNull();
        PanelCheck.Refusal(pack, five[1..]).ShouldNotBeNull().ShouldSatisfyAllConditions(m => m.ShouldContain("专家组人数"), m => m.ShouldContain("例外理由"));
        // 第九条第3项 “原则上不少于5人”: fewer only with the officer's recorded reason, which the verdict keeps.
        PanelCheck.Refusal(pack, five[1..], "一名财务专家临时回避").ShouldBeNull();
        PanelCheck.Evaluate(pack, five[1..], "一名财务专家临时回避").Single(r => r.RuleId == "panel-size").Message.ShouldContain("理由：一名财务专家临时回避");
        PanelCheck.Refusal(pack, [.. five[..4], E(6, ExpertiseKind.Technical)]).ShouldNotBeNull().ShouldContain("缺少财务专家");
        PanelCheck.Refusal(Pack("xpcc-12th-division"), [E(1, ExpertiseKind.Technical)]).ShouldBeNull(); // 第十二师 states no size or mix
        PanelCheck.Refusal(Pack("xpcc-12th-division"), []).ShouldNotBeNull();
    }

    [Fact]
    public void Notice_end_is_five_working_days_after_publication_across_a_holiday()
    {
        var rule = SelectionSteps.NoticePeriod(Pack("xpcc-12th-division"))!;
        // published Wednesday 2026-09-30: 国庆节 2026-10-01..07, 调休 Saturday 10-10 counts
        var r = NoticePeriod.Decide(rule, Calendar.Value, new DateOnly(2026, 9, 30), null, false);
        var expected = Calendar.Value.AddWorkingDays(new DateOnly(2026, 9, 30), 5).ShouldBeOfType<WorkingDayPeriod.End>();
        r.EndsOn.ShouldBe(expected.Date);
        r.EndsOn!.Value.ShouldBeGreaterThan(new DateOnly(2026, 10, 7));
        r.ConfirmedByOfficer.ShouldBeFalse();
        // 第十二师 says exactly 5: a different end is refused; 万州 says 不少于5: longer with confirmation, never shorter
        NoticePeriod.Decide(rule, Calendar.Value, new DateOnly(2026, 9, 30), expected.Date.AddDays(3), true).Refusal.ShouldNotBeNull();
        var wz = SelectionSteps.NoticePeriod(Pack("chongqing-wanzhou"))!;
        NoticePeriod.Decide(wz, Calendar.Value, new DateOnly(2026, 9, 30), expected.Date.AddDays(3), false).NeedsConfirmation.ShouldBeTrue();
        NoticePeriod.Decide(wz, Calendar.Value, new DateOnly(2026, 9, 30), expected.Date.AddDays(3), true).EndsOn.ShouldBe(expected.Date.AddDays(3));
        NoticePeriod.Decide(wz, Calendar.Value, new DateOnly(2026, 9, 30), expected.Date.AddDays(-1), true).Refusal.ShouldNotBeNull();
    }

    [Fact]
    public void A_period_reaching_an_unpublished_year_must_be_confirmed_by_the_officer()
    {
        var rule = SelectionSteps.NoticePeriod(Pack("hohhot"))!;
        var last = Calendar.Value.Years.Max();
        var published = new DateOnly(last, 12, 28);
        var r = NoticePeriod.Decide(rule, Calendar.Value, published, null, false);
        r.EndsOn.ShouldBeNull();
        r.NeedsConfirmation.ShouldBeTrue();
        r.Refusal.ShouldNotBeNull().ShouldContain($"{last + 1}");
        var confirmed = NoticePeriod.Decide(rule, Calendar.Value, published, new DateOnly(last + 1, 1, 8), true);
        confirmed.EndsOn.ShouldBe(new DateOnly(last + 1, 1, 8));
        confirmed.ConfirmedByOfficer.ShouldBeTrue();
        confirmed.Basis.ShouldContain("经办人确认");
    }

    [Fact]
    public void Xinjiang_has_no_notice_and_cangzhou_has_a_notice_without_a_length()
    {
        SelectionSteps.HasPublicNotice(Pack("xinjiang")).ShouldBeFalse();
        SelectionSteps.HasPublicNotice(Pack("cangzhou")).ShouldBeTrue();
        SelectionSteps.NoticePeriod(Pack("cangzhou")).ShouldBeNull();
        NoticePeriod.Decide(null, Calendar.Value, new DateOnly(2026, 3, 2), null, false).NeedsConfirmation.ShouldBeTrue();
        SelectionSteps.MeetingName(Pack("hohhot")).ShouldBe("会议研究");
        SelectionSteps.MeetingName(Pack("chongqing-wanzhou")).ShouldBe("局长办公会审议");
        SelectionSteps.MeetingName(Pack("cangzhou")).ShouldBe("局党组会研究同意");
    }

    [Fact]
    public void Approval_waits_for_the_end_of_the_period_and_for_every_objection()
    {
        var notice = new PublicNotice { JurisdictionId = "x", Title = "t", EndBasis = "", PublishedOn = new(2026, 3, 2), EndsOn = new(2026, 3, 9) };
        ApprovalGate.Refusal(true, notice, [], new DateOnly(2026, 3, 9)).ShouldNotBeNull().ShouldContain("公示期内不能批准");
        ApprovalGate.Refusal(true, notice, [], new DateOnly(2026, 3, 10)).ShouldBeNull();
        var open = new Objection { Contact = "c", Reason = "r" };
        ApprovalGate.Refusal(true, notice, [open], new DateOnly(2026, 3, 10)).ShouldNotBeNull().ShouldContain("1件异议未处理");
        ApprovalGate.Refusal(true, notice, [new Objection { Contact = "c", Reason = "r", Upheld = true }], new DateOnly(2026, 3, 10)).ShouldNotBeNull();
        ApprovalGate.Refusal(true, notice, [new Objection { Contact = "c", Reason = "r", Upheld = false }], new DateOnly(2026, 3, 10)).ShouldBeNull();
        ApprovalGate.Refusal(true, null, [], new DateOnly(2026, 3, 10)).ShouldNotBeNull();
        ApprovalGate.Refusal(false, null, [], new DateOnly(2026, 3, 10)).ShouldBeNull();
    }

    [Fact]
    public void Construction_cycle_and_subsidy_come_from_the_pack()
    {
        ApprovalTerms.For(Pack("xpcc-12th-division"), new DateOnly(2026, 3, 2)).ConstructionYears.ShouldBe(3);
        ApprovalTerms.For(Pack("hohhot"), new DateOnly(2026, 3, 2)).ConstructionYears.ShouldBe(3);
        ApprovalTerms.For(Pack("chongqing-wanzhou"), new DateOnly(2026, 3, 2)).ConstructionRule.ShouldBeNull();
        SelectionSteps.Subsidy(Pack("chongqing-wanzhou"))!.Value.Value.ShouldBe(200000m);
        SelectionSteps.Subsidy(Pack("xpcc-12th-division")).ShouldBeNull();
        SelectionSteps.SiteVisit(Pack("chongqing-wanzhou")).ShouldBe(SelectionSteps.SiteVisitMode.None);
        SelectionSteps.SiteVisit(Pack("cangzhou")).ShouldBe(SelectionSteps.SiteVisitMode.Optional);
        SelectionSteps.SiteVisit(Pack("xpcc-12th-division")).ShouldBe(SelectionSteps.SiteVisitMode.Required);
    }

    [Theory]
    [InlineData(2026, 11, 23, "二〇二六年十一月二十三日")]
    [InlineData(2026, 1, 10, "二〇二六年一月十日")]
    [InlineData(2030, 12, 31, "二〇三〇年十二月三十一日")]
    [InlineData(2026, 2, 20, "二〇二六年二月二十日")]
    public void Official_dates_are_written_in_Chinese_numerals(int y, int m, int d, string expected) =>
        OfficialDate.Format(new DateOnly(y, m, d)).ShouldBe(expected);

    [Fact]
    public async Task The_approval_notice_PDF_reads_back_as_an_official_document()
    {
        var center = new Center
        {
            JurisdictionId = "hohhot", Name = "呼和浩特市乳业技术创新中心", LeadUnitName = "呼和浩特金穗乳业有限公司",
            CoBuilders = [new CenterCoBuilder { Unit = new TechCenters.Web.Features.Units.Unit { Name = "呼和浩特理工学院", CreditCode = "x", JurisdictionId = "hohhot", Region = "", RegisteredAddress = "" } }],
            ApprovalNumber = "呼科发〔2026〕18号", ApprovedOn = new DateOnly(2026, 11, 23), ConstructionYears = 3, ConstructionEndsOn = new DateOnly(2029, 11, 22),
            PackVersion = "2024-07-19", PackDocument = "x",
        };
        var notice = ApprovalNotice.For(center, Pack("hohhot"), "呼和浩特市科学技术局");
        var pdf = await notice.ToPdfAsync();
        var file = Path.Combine(Path.GetTempPath(), $"notice-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        try
        {
            using var p = Process.Start(new ProcessStartInfo("pdftotext", ["-layout", file, "-"]) { RedirectStandardOutput = true })!;
            var text = (await p.StandardOutput.ReadToEndAsync()).Replace(" ", "");
            await p.WaitForExitAsync();
            p.ExitCode.ShouldBe(0);
            text.ShouldContain("呼和浩特市科学技术局文件");
            text.ShouldContain("呼科发〔2026〕18号");
            text.ShouldContain("呼和浩特市乳业技术创新中心");
            text.ShouldContain("呼和浩特金穗乳业有限公司，呼和浩特理工学院：");
            text.ShouldContain("建设期为3年");
            text.ShouldContain("二〇二六年十一月二十三日");
        }
        finally { File.Delete(file); }
        pdf.AsSpan(0, 5).SequenceEqual("%PDF-"u8).ShouldBeTrue();
    }
}
