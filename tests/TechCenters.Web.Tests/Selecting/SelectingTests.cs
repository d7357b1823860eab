using System.Net;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using TechCenters.Policy.Calendar;
using TechCenters.Web.Features.Applications;
using TechCenters.Web.Features.Units;
using TechCenters.Web.Tests.Infrastructure;
using Xunit;
using static TechCenters.Web.Features.Units.ExpertiseKind;

namespace TechCenters.Web.Tests.Selecting;

/// <summary>Expert review, decision, public notice with objections and approval, through the real pipeline, for each pack.</summary>
public abstract class SelectingTests(AppFixture app)
{
    private readonly SelectingFlow flow = new(app);
    private const string Wz = "chongqing-wanzhou";
    private const string Xpcc = "xpcc-12th-division";

    private Task<List<string>> ActionsAsync(int id) =>
        app.Db(db => db.Activities.Where(a => a.CaseId == id).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());

    private Task<int> AuditCountAsync(int id) =>
        app.Db(db => db.AuditEntries.CountAsync(a => a.ObjectType == "申报书" && a.ObjectId == id.ToString()));

    [Fact]
    public async Task Wanzhou_goes_from_expert_review_to_a_recognized_center_with_subsidy_and_every_refusal_on_the_way()
    {
        var id = await flow.NewApplicationAsync(Wz);
        var bureau = await flow.BureauAsync(Wz);

        // 第九条第3项: at least five, with technical, management and finance experts
        var four = await flow.FreeExpertsAsync(id, Technical, Technical, Technical, Management);
        var r = await flow.FormPanelAsync(bureau, id, four);
        r.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var msg = await SelectingFlow.ErrorAsync(r);
        msg.ShouldContain("专家组人数");
        msg.ShouldContain("缺少财务专家");
        (await app.Db(db => db.PanelAssignments.CountAsync(p => p.ApplicationId == id))).ShouldBe(0);

        var five = await flow.FreeExpertsAsync(id, Technical, Technical, Technical, Management, Finance);
        (await flow.FormPanelAsync(bureau, id, five)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        r = await flow.ConcludeAsync(bureau, id);
        r.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await SelectingFlow.ErrorAsync(r)).ShouldContain("尚有5位未提交评审意见");

        foreach (var e in five) (await flow.ReviewAsync(await flow.ExpertAsync(e), id, 80 + e.Id % 10, siteVisit: false)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await flow.ConcludeAsync(bureau, id)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await flow.ApplicationAsync(id)).Case.StageId.ShouldBe("decision");

        // not yet: approval from the decision stage is out of order
        r = await flow.ApproveAsync(bureau, id, "万州科局发〔2026〕1号");
        r.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await SelectingFlow.ErrorAsync(r)).ShouldContain("不能批准");

        (await flow.DecideAsync(bureau, id, approved: true, "同意拟认定")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var decision = await app.Db(db => db.DecisionRecords.SingleAsync(d => d.ApplicationId == id));
        decision.Meeting.ShouldBe("局长办公会审议");
        (await flow.ApplicationAsync(id)).Case.StageId.ShouldBe("public_notice");

        r = await flow.ApproveAsync(bureau, id, "万州科局发〔2026〕1号");
        r.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await SelectingFlow.ErrorAsync(r)).ShouldContain("尚未发布公示");

        (await flow.PublishAsync(bureau, id)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var notice = await app.Db(db => db.PublicNotices.Include(n => n.Items).SingleAsync(n => n.Items.Any(i => i.ApplicationId == id)));
        await using (var scope = app.Scope())
        {
            var calendar = scope.ServiceProvider.GetRequiredService<WorkingDayCalendar>();
            var end = calendar.AddWorkingDays(notice.PublishedOn, 5).ShouldBeOfType<WorkingDayPeriod.End>();
            notice.EndsOn.ShouldBe(end.Date);
        }
        notice.WorkingDays.ShouldBe(5);
        notice.EndConfirmedByOfficer.ShouldBeFalse();

        // approval during the notice period is refused
        r = await flow.ApproveAsync(bureau, id, "万州科局发〔2026〕1号");
        r.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await SelectingFlow.ErrorAsync(r)).ShouldContain("公示期内不能批准");

        // the public page shows no personal data; anyone objects
        var page = await app.Client().GetStringAsync($"/Notices/Detail?id={notice.Id}");
        page.ShouldContain(notice.Items[0].CenterName);
        page.ShouldNotContain("13912345678");
        page.ShouldNotContain("王晓东");
        (await flow.ObjectAsync(id)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await flow.ApplicationAsync(id)).Case.StageId.ShouldBe("objection_review");

        flow.AfterNoticePeriod();
        bureau = await flow.BureauAsync(Wz); // the idle session ended while the period ran
        r = await flow.ApproveAsync(bureau, id, "万州科局发〔2026〕1号");
        r.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await SelectingFlow.ErrorAsync(r)).ShouldContain("1件异议未处理");

        var objection = await app.Db(db => db.Objections.SingleAsync(o => o.ApplicationId == id));
        (await SelectingFlow.PostAsync(bureau, "/PublicNotices?handler=Resolve",
            SelectingFlow.Form(("ObjectionId", objection.Id), ("Upheld", "false"), ("Resolution", "经实地核查，研发场地面积与申报一致，异议不成立。"))))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);

        // the name must follow 重庆市万州区XXX技术创新中心 (第二十六条); the subsidy is at most 200,000 yuan (第九条第4项)
        r = await flow.ApproveAsync(bureau, id, "万州科局发〔2026〕1号", name: "万州区新材料技术创新中心");
        r.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await SelectingFlow.ErrorAsync(r)).ShouldContain("重庆市万州区XXX技术创新中心");
        r = await flow.ApproveAsync(bureau, id, "万州科局发〔2026〕1号", subsidy: 200001);
        r.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await SelectingFlow.ErrorAsync(r)).ShouldContain("最高20万元");
        (await app.Db(db => db.Centers.CountAsync(c => c.ApplicationId == id))).ShouldBe(0);

        r = await flow.ApproveAsync(bureau, id, "万州科局发〔2026〕1号", subsidy: 200000);
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var center = await app.Db(db => db.Centers.Include(c => c.CoBuilders).SingleAsync(c => c.ApplicationId == id));
        r.Headers.Location!.ToString().ShouldBe($"/Centers/Detail?id={center.Id}");
        center.SubsidyYuan.ShouldBe(200000m);
        center.PackVersion.ShouldBe("2024-04-18");
        center.PackDocument.ShouldBe("万州科局发〔2024〕3号");
        center.ConstructionYears.ShouldBeNull(); // 万州 states no construction period
        center.CoBuilders.ShouldNotBeEmpty();
        (await flow.ApplicationAsync(id)).Case.StageId.ShouldBe("recognized");

        var actions = await ActionsAsync(id);
        actions.ShouldContain("组建专家组");
        actions.Count(a => a == "专家提交评审意见").ShouldBe(5);
        actions.ShouldContain(a => a.StartsWith("评审通过"));
        actions.ShouldContain("局长办公会审议：同意");
        actions.ShouldContain("发布公示");
        actions.ShouldContain("收到异议");
        actions.ShouldContain("异议处理：异议不成立");
        actions.ShouldContain(a => a.StartsWith("批准"));
        (await AuditCountAsync(id)).ShouldBe(actions.Count(a => !a.Contains("演示数据"))); // every action but the seeded history

        // public directory and center page, no login; the notice as DOCX for the bureau
        (await app.Client().GetStringAsync("/Centers")).ShouldContain(center.Name);
        var centerPage = await app.Client().GetAsync($"/Centers/Detail?id={center.Id}");
        centerPage.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await centerPage.TextAsync()).ShouldContain("200,000 元");
        (await app.Client().GetAsync($"/Centers/Detail?id={center.Id}&handler=Docx")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var docx = await bureau.GetAsync($"/Centers/Detail?id={center.Id}&handler=Docx");
        docx.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var doc = WordprocessingDocument.Open(new MemoryStream(await docx.Content.ReadAsByteArrayAsync()), false);
        var text = doc.MainDocumentPart!.Document.Body!.InnerText;
        text.ShouldContain("重庆市万州区科学技术局文件");
        text.ShouldContain("万州科局发〔2026〕1号");
        text.ShouldContain($"关于认定{center.Name}的通知");
        text.ShouldContain(center.LeadUnitName + "，");
        text.ShouldContain("给予认定补助200,000元");
        text.ShouldContain(TechCenters.Web.Features.Approvals.OfficialDate.Format(center.ApprovedOn));
    }

    [Fact]
    public async Task An_expert_in_conflict_is_refused_with_the_reason_and_nothing_is_changed()
    {
        var id = await flow.NewApplicationAsync(Xpcc);
        var a = await flow.ApplicationAsync(id);
        var experts = await flow.FreeExpertsAsync(id, Technical, Management, Finance);
        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TechCenters.Web.Data.AppDbContext>();
            db.ExpertRelations.Add(new ExpertRelation { ExpertId = experts[1].Id, UnitId = a.CoBuilders[0].UnitId, Relation = "近三年合作项目" });
            await db.SaveChangesAsync();
        }
        var before = (await ActionsAsync(id)).Count;
        var r = await flow.FormPanelAsync(await flow.BureauAsync(Xpcc), id, experts);
        r.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var msg = await SelectingFlow.ErrorAsync(r);
        msg.ShouldContain($"{experts[1].Name}已申报与共建单位");
        msg.ShouldContain("近三年合作项目");
        msg.ShouldContain("须回避");
        (await app.Db(db => db.PanelAssignments.CountAsync(p => p.ApplicationId == id))).ShouldBe(0);
        (await ActionsAsync(id)).Count.ShouldBe(before);

        // the lead unit's own staff are refused too
        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TechCenters.Web.Data.AppDbContext>();
            var e = await db.Experts.SingleAsync(x => x.Id == experts[0].Id);
            e.UnitId = a.Case.LeadUnitId;
            await db.SaveChangesAsync();
        }
        r = await flow.FormPanelAsync(await flow.BureauAsync(Xpcc), id, [experts[0], experts[2]]);
        r.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await SelectingFlow.ErrorAsync(r)).ShouldContain("的工作单位是牵头单位");
    }

    [Fact]
    public async Task An_expert_sees_only_assigned_applications_with_contacts_masked()
    {
        var mine = await flow.NewApplicationAsync("xinjiang");
        var other = await flow.NewApplicationAsync("xinjiang", ordinal: 1);
        var bureau = await flow.BureauAsync("xinjiang");
        var experts = await flow.FreeExpertsAsync(mine, Technical);
        (await flow.FormPanelAsync(bureau, mine, experts)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var expert = await flow.ExpertAsync(experts[0]);

        var page = await expert.GetAsync($"/ExpertReviews/Review?id={mine}");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await page.Content.ReadAsStringAsync();
        html.ShouldContain("139****5678");
        html.ShouldNotContain("13912345678");
        html.ShouldNotContain("wangxd@");
        (await expert.GetAsync($"/ExpertReviews/Review?id={other}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await flow.ReviewAsync(expert, other, 90, siteVisit: true)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await expert.GetAsync($"/ExpertReviews/Application?id={mine}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await expert.GetStringAsync("/ExpertReviews")).ShouldNotContain((await flow.ApplicationAsync(other)).CenterName + "<");

        // 新疆 三（四）3: the site visit goes with the demonstration
        var r = await flow.ReviewAsync(expert, mine, 90, siteVisit: false);
        r.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await SelectingFlow.ErrorAsync(r)).ShouldContain("实地");
        (await flow.ReviewAsync(expert, mine, 90, siteVisit: true)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        // 新疆 has no decision meeting and no public notice: selection, then approval by the name pattern
        (await flow.ConcludeAsync(bureau, mine)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await flow.ApplicationAsync(mine)).Case.StageId.ShouldBe("selection");
        r = await flow.ApproveAsync(bureau, mine, "新科发〔2025〕7号", name: "自治区新材料技术创新中心");
        r.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await SelectingFlow.ErrorAsync(r)).ShouldContain("新疆××技术创新中心");
        (await flow.ApproveAsync(bureau, mine, "新科发〔2025〕7号", name: "新疆新材料技术创新中心")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await flow.ApplicationAsync(mine)).Case.StageId.ShouldBe("approved");
    }

    [Fact]
    public async Task Wrong_stage_is_409_and_wrong_role_is_403_with_Chinese_messages_and_nothing_changes()
    {
        var id = await flow.NewApplicationAsync(Xpcc);
        var before = await flow.ApplicationAsync(id);
        var bureau = await flow.BureauAsync(Xpcc);
        var applicant = await flow.ApplicantAsync(Xpcc);

        var r = await flow.DecideAsync(bureau, id, approved: true);
        r.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await SelectingFlow.ErrorAsync(r)).ShouldContain("不能记录决策会议结果");
        r = await flow.PublishAsync(bureau, id);
        r.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await SelectingFlow.ErrorAsync(r)).ShouldContain("不能列入公示");

        r = await flow.FormPanelAsync(await app.LoginAsync("xpcc-dept"), id, await flow.FreeExpertsAsync(id, Technical));
        r.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await SelectingFlow.ErrorAsync(r)).ShouldContain("科技局");

        // the applicant's own application: the applicant may not conclude the review
        r = await SelectingFlow.PostAsync(applicant, $"/ExpertReviews/Application?id={id}",
            SelectingFlow.Form(("Revision", before.Case.Revision), ("Passed", "true")));
        r.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await SelectingFlow.ErrorAsync(r)).ShouldContain("无权办理");

        var after = await flow.ApplicationAsync(id);
        after.Case.StageId.ShouldBe(before.Case.StageId);
        after.Case.Revision.ShouldBe(before.Case.Revision);

        // 第十二师: straight from review to the notice (no meeting); the applicant may not approve its own case
        await flow.ReviewedByPanelAsync(bureau, id, siteVisit: true, Technical, Management);
        (await flow.ConcludeAsync(bureau, id)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await flow.ApplicationAsync(id)).Case.StageId.ShouldBe("public_notice");
        r = await flow.ApproveAsync(applicant, id, "师科发〔2026〕3号");
        r.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await SelectingFlow.ErrorAsync(r)).ShouldContain("无权办理");
    }

    [Fact]
    public async Task Hohhot_lets_the_applicant_revise_the_plan_and_a_rejected_applicant_sees_the_outcome()
    {
        const string J = "hohhot";
        var id = await flow.NewApplicationAsync(J);
        var bureau = await flow.BureauAsync(J);
        var r = await flow.FormPanelAsync(bureau, id, await flow.FreeExpertsAsync(id, Technical, Management));
        r.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await SelectingFlow.ErrorAsync(r)).ShouldContain("缺少财务专家");
        await flow.ReviewedByPanelAsync(bureau, id, siteVisit: true, Technical, Management, Finance);
        (await flow.ConcludeAsync(bureau, id)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await flow.ApplicationAsync(id)).Case.StageId.ShouldBe("plan_revision");

        var applicant = await flow.ApplicantAsync(J);
        var a = await flow.ApplicationAsync(id);
        (await SelectingFlow.PostAsync(applicant, $"/ExpertReviews/Revise?id={id}",
            SelectingFlow.Form(("Revision", a.Case.Revision), ("Sections[建设目标]", "按专家意见补充了产业化指标和年度目标。"), ("Note", "已补充"))))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        a = await flow.ApplicationAsync(id);
        a.Case.StageId.ShouldBe("decision_meeting");
        a.PlanJson.ShouldContain("按专家意见补充了产业化指标");

        r = await flow.DecideAsync(bureau, id, approved: false);
        r.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await flow.DecideAsync(bureau, id, approved: false, "与全市产业布局重点不够契合")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.Db(db => db.DecisionRecords.SingleAsync(d => d.ApplicationId == id))).Meeting.ShouldBe("会议研究");
        (await flow.ApplicationAsync(id)).Case.StageId.ShouldBe("not_approved");
        var outcome = await (await applicant.GetAsync("/Decisions")).TextAsync();
        outcome.ShouldContain("不予批复建设");
        outcome.ShouldContain("与全市产业布局重点不够契合");
    }

    [Fact]
    public async Task Cangzhou_needs_a_confirmed_notice_end_and_two_officers_deciding_at_once_get_one_conflict()
    {
        const string J = "cangzhou";
        var id = await flow.NewApplicationAsync(J);
        var bureau = await flow.BureauAsync(J);
        await flow.ReviewedByPanelAsync(bureau, id, siteVisit: false, Technical, Finance); // 第十一条: site visit only 必要时
        (await flow.ConcludeAsync(bureau, id)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        // 第十二条: the bureau fixes the list of centers to build (拟新建名单) before the 局党组会 studies it
        (await flow.ApplicationAsync(id)).Case.StageId.ShouldBe("shortlist");
        (await flow.DecideAsync(bureau, id, true)).StatusCode.ShouldBe(HttpStatusCode.Conflict); // not at the meeting yet
        (await flow.MoveAsync(bureau, id, "decision")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var second = await flow.BureauAsync(J);
        var revision = (await flow.ApplicationAsync(id)).Case.Revision;
        var results = await Task.WhenAll(flow.DecideAsync(bureau, id, true, revision: revision), flow.DecideAsync(second, id, true, revision: revision));
        results.Select(x => x.StatusCode).OrderBy(s => s).ShouldBe([HttpStatusCode.Redirect, HttpStatusCode.Conflict]);
        (await SelectingFlow.ErrorAsync(results.Single(x => x.StatusCode == HttpStatusCode.Conflict))).ShouldContain("已被他人修改或办理");
        (await app.Db(db => db.DecisionRecords.Where(d => d.ApplicationId == id).ToListAsync())).ShouldHaveSingleItem().Meeting.ShouldBe("局党组会研究同意");

        // 第十二条 states no length: the officer must enter and confirm the end
        var r = await flow.PublishAsync(bureau, id);
        r.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await SelectingFlow.ErrorAsync(r)).ShouldContain("未规定公示期的长度");
        var today = app.Today;
        (await flow.PublishAsync(bureau, id, today.AddDays(7))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await flow.PublishAsync(bureau, id, today.AddDays(7), confirmed: true)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var notice = await app.Db(db => db.PublicNotices.SingleAsync(n => n.Items.Any(i => i.ApplicationId == id)));
        notice.EndsOn.ShouldBe(today.AddDays(7));
        notice.EndConfirmedByOfficer.ShouldBeTrue();
        (await app.Db(db => db.AuditEntries.AnyAsync(x => x.Action == "发布公示" && x.Detail!.Contains("截止日期经经办人确认")))).ShouldBeTrue();

        flow.AfterNoticePeriod();
        bureau = await flow.BureauAsync(J);
        r = await flow.ObjectAsync(id);
        r.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await SelectingFlow.ErrorAsync(r)).ShouldContain("不在公示期内");
        (await flow.ApproveAsync(bureau, id, "沧科字〔2026〕5号", name: "沧州市新材料技术创新中心")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var center = await app.Db(db => db.Centers.Include(c => c.CoBuilders).SingleAsync(c => c.ApplicationId == id));
        center.Name.ShouldBe("沧州市新材料技术创新中心"); // 沧州 has no naming pattern
        center.SubsidyYuan.ShouldBeNull();
    }

    [Fact]
    public async Task An_upheld_objection_blocks_approval_and_the_case_ends_not_approved()
    {
        var id = await flow.NewApplicationAsync(Xpcc, ordinal: 1);
        var bureau = await flow.BureauAsync(Xpcc);
        await flow.ReviewedByPanelAsync(bureau, id, siteVisit: true, Technical);
        (await flow.ConcludeAsync(bureau, id)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await flow.PublishAsync(bureau, id)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var bad = await flow.ObjectAsync(id, reason: "短");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await SelectingFlow.ErrorAsync(bad)).ShouldContain("异议理由");
        (await flow.ObjectAsync(id)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var objection = await app.Db(db => db.Objections.SingleAsync(o => o.ApplicationId == id));
        objection.Contact.ShouldBe("13800001111");
        (await SelectingFlow.PostAsync(bureau, "/PublicNotices?handler=Resolve",
            SelectingFlow.Form(("ObjectionId", objection.Id), ("Upheld", "true"), ("Resolution", "经核查，申报材料存在不实内容。"))))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        flow.AfterNoticePeriod();
        bureau = await flow.BureauAsync(Xpcc);
        var r = await flow.ApproveAsync(bureau, id, "师科发〔2026〕9号");
        r.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await SelectingFlow.ErrorAsync(r)).ShouldContain("异议经核查成立");
        var a = await flow.ApplicationAsync(id);
        (await SelectingFlow.PostAsync(bureau, "/Approvals?handler=Reject",
            SelectingFlow.Form(("ApplicationId", id), ("Revision", a.Case.Revision), ("Reason", "异议成立，申报材料存在不实内容")))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await flow.ApplicationAsync(id)).Case.StageId.ShouldBe("not_approved");
    }

    [Fact]
    public async Task Objections_are_rate_limited_per_client_address()
    {
        var limited = app.CreateFactory(b => b.UseSetting("Security:ObjectionRateLimit:PermitLimit", "2")
            .UseSetting("Security:ObjectionRateLimit:WindowSeconds", "7200").UseSetting("Security:LoginRateLimit:WindowSeconds", "60"));
        var client = app.Client(limited);
        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
            responses.Add(await client.PostAsync("/Notices/Detail?id=1", new FormUrlEncodedContent(new Dictionary<string, string> { ["Reason"] = "x" })));
        responses[2].StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        responses.Take(2).ShouldAllBe(r => r.StatusCode != HttpStatusCode.TooManyRequests);
        (await responses[2].Content.ReadAsStringAsync()).ShouldContain("提交异议过于频繁");
        // Its own window (two hours), not the login limiter's minute.
        responses[2].Headers.RetryAfter!.Delta!.Value.TotalSeconds.ShouldBeGreaterThan(3600);
        await limited.DisposeAsync();
    }
}

[Collection(SelectingSqliteCollection.Name)]
public sealed class SelectingTests_Sqlite(SqliteAppFixture app) : SelectingTests(app);

[Collection(SelectingPostgresCollection.Name)]
public sealed class SelectingTests_Postgres(PostgresAppFixture app) : SelectingTests(app);
