using TechCenters.Policy.Rules;

namespace TechCenters.Policy.Tests;

/// <summary>The web app finds each jurisdiction's stages by step, never by the pack's stage ids.</summary>
public class StageStepTests
{
    private static StagesRule Stages(string slug) => Catalogs.Repo.Versions(slug)[^1].Stages!;

    [Theory]
    [InlineData("xpcc-12th-division", "application", "call", "approved", "public_notice")]
    [InlineData("xinjiang", "intent_application", "layout", "approved", null)]
    [InlineData("hohhot", "intention", "layout", "approved", "public_notice")]
    [InlineData("chongqing-wanzhou", "application", "call", "recognized", "public_notice")]
    [InlineData("cangzhou", "application", "call", "approved", "public_notice")]
    public void FirstOf_finds_a_step_whatever_the_pack_calls_it(string slug, string application, string call, string approval, string? notice)
    {
        var s = Stages(slug);
        s.FirstOf(StageSteps.Application)!.Id.ShouldBe(application);
        s.FirstOf(StageSteps.Call)!.Id.ShouldBe(call);
        s.FirstOf(StageSteps.Approval)!.Id.ShouldBe(approval);
        s.FirstOf(StageSteps.PublicNotice)?.Id.ShouldBe(notice);
        if (notice is null) s.FirstOf(StageSteps.PublicNotice).ShouldBeNull();
    }

    [Fact]
    public void Only_the_packs_that_have_a_step_have_it()
    {
        Stages("cangzhou").FirstOf(StageSteps.IntakeReview)!.Name.ShouldBe("受理与初审");
        Stages("xpcc-12th-division").FirstOf(StageSteps.IntakeReview).ShouldBeNull();
        Stages("hohhot").FirstOf(StageSteps.PlanRevision)!.Actor.ShouldBe("lead_unit");
        Stages("xinjiang").FirstOf(StageSteps.Selection)!.Id.ShouldBe("selection");
        Stages("xinjiang").FirstOf(StageSteps.EligibilityCheck)!.Id.ShouldBe("recommended");
        Stages("chongqing-wanzhou").FirstOf(StageSteps.Decision)!.Actor.ShouldBe("decision_meeting");
    }

    [Fact]
    public void A_pack_may_have_several_rejections_all_final()
    {
        var cz = Stages("cangzhou");
        cz.AllOf(StageSteps.Rejection).Select(s => s.Id).ShouldBe(["not_recommended", "intake_rejected", "not_selected", "not_approved"]);
        cz.AllOf(StageSteps.Rejection).ShouldAllBe(s => s.Final && s.IsRejection && !s.IsApproval);
    }

    [Fact]
    public void The_application_step_leads_on_to_the_next_step_by_the_rules_of_each_jurisdiction()
    {
        // 第十二师: 驻地高校、师直单位 skip the department; everyone else is recommended first.
        var xpcc = Stages("xpcc-12th-division");
        var app = xpcc.FirstOf(StageSteps.Application)!.Id;
        var direct = Facts.FromYaml("lead: { reports_to_bureau_directly: true }");
        var normal = Facts.FromYaml("lead: { reports_to_bureau_directly: false }");
        xpcc.Next(app, direct).Select(t => xpcc.Stage(t.To)!.Step).ShouldBe([StageSteps.ExpertReview]);
        xpcc.Next(app, normal).Select(t => xpcc.Stage(t.To)!.Step).ShouldBe([StageSteps.Recommendation]);
        // 万州: the recommendation comes before the application.
        var wz = Stages("chongqing-wanzhou");
        wz.Next(wz.FirstOf(StageSteps.Recommendation)!.Id, Facts.Empty).Select(t => wz.Stage(t.To)!.Step)
            .ShouldBe([StageSteps.Application, StageSteps.Rejection]);
    }

    [Fact]
    public void Stage_by_id_and_start()
    {
        var hh = Stages("hohhot");
        hh.Stage("plan_revision")!.Step.ShouldBe(StageSteps.PlanRevision);
        hh.Stage("nope").ShouldBeNull();
        hh.Start!.Id.ShouldBe("layout");
    }
}
