using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using TechCenters.Policy;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Applications;
using TechCenters.Web.Features.Cases;
using TechCenters.Web.Features.Calls;
using TechCenters.Web.Tests.Infrastructure;
using Xunit;

namespace TechCenters.Web.Tests.Features.Applying;

/// <summary>Calls, the application form, submission, recommendation and intake review — every move and every refusal.</summary>
public abstract class ApplyingTests(AppFixture app)
{
    private const string Xpcc = "xpcc-12th-division";

    private async Task<(HttpClient Client, int Id, int UnitId)> DraftAsync(string jurisdiction, bool? direct = false, string name = "第十二师测试技术创新中心")
    {
        var (user, unitId) = await app.NewApplicantAsync(jurisdiction, direct);
        var client = await app.LoginAsync(user);
        var call = await app.OpenCallAsync(jurisdiction);
        return (client, await client.CreateApplicationAsync(call.Id, name), unitId);
    }

    private async Task<HttpResponseMessage> SubmitAsync(HttpClient client, int id, string name = "第十二师测试技术创新中心", ApplyingHelpers.FormState? state = null)
    {
        var pack = await PackAsync(id);
        if ((await app.AppAsync(id)).Case.StageId == "application") await app.AttachRequiredAsync(client, id);
        return await client.PostEditAsync(id, "Submit", ApplyingHelpers.Complete(pack, name, ("f:lead.rd_expense_last_year", "3000000")), state);
    }

    private Task<PolicyPack> PackAsync(int id) => app.PackOfAsync(id);

    [Fact]
    public async Task A_bureau_officer_publishes_a_call_that_anyone_sees_and_a_department_officer_cannot()
    {
        var bureau = await app.LoginAsync("cz-bureau");
        var r = await app.PublishCallAsync(bureau, "关于组织申报2026年度沧州市技术创新中心（第二批）的通知", "管道装备\n生物医药");
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect, await r.Content.ReadAsStringAsync());
        var call = await app.Db(db => db.Calls.AsNoTracking().OrderByDescending(c => c.Id).FirstAsync());
        call.PackDocument.ShouldContain("沧");
        call.ClosesAt.Offset.ShouldBe(TimeSpan.Zero);

        var anonymous = await (await app.Client().GetAsync("/Calls")).TextAsync();
        anonymous.ShouldContain("（第二批）的通知");
        anonymous.ShouldContain("管道装备");

        var dept = await app.LoginAsync("cz-dept");
        var refused = await dept.GetAsync("/Calls/Publish");
        refused.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        refused.Headers.Location!.ToString().ShouldContain("AccessDenied");
    }

    [Fact]
    public async Task A_call_cannot_open_when_no_version_of_the_regulation_is_in_force()
    {
        // 新疆's guideline ended on 2025-01-26; the clock says 2026.
        var bureau = await app.LoginAsync("xj-bureau");
        var token = await AppFixture.AntiforgeryTokenAsync(bureau, "/Calls/Publish");
        var local = app.Clock.ToLocal(app.Time.GetUtcNow());
        var before = await app.Db(db => db.Calls.CountAsync());
        var r = await bureau.PostAsync("/Calls/Publish", new MultipartFormDataContent
        {
            { new StringContent("新疆测试通知"), "Title" },
            { new StringContent("各有关单位：请按要求申报。"), "Body" },
            { new StringContent("true"), "confirmed" },
            { new StringContent(local.ToString("yyyy-MM-ddTHH:mm")), "OpensLocal" },
            { new StringContent(local.AddDays(20).ToString("yyyy-MM-ddTHH:mm")), "ClosesLocal" },
            { new StringContent(token), "__RequestVerificationToken" },
        });
        r.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await r.TextAsync()).ShouldContain("2025-01-26 失效");
        (await app.Db(db => db.Calls.CountAsync())).ShouldBe(before);
    }

    [Fact]
    public async Task The_form_follows_the_pack_and_the_panel_judges_what_is_typed()
    {
        var (client, id, _) = await DraftAsync(Xpcc);
        var html = await (await client.GetAsync($"/Applications/{id}/Edit")).TextAsync();
        html.ShouldContain("总体定位与发展目标");            // 附3 construction-plan outline, ten sections
        html.ShouldContain("上年度研发费用");                  // a fact of the eligibility rules
        html.ShouldContain("承诺事项");                        // 附1第五部分
        html.ShouldContain("上年度主营业务收入");               // 附1第二部分第2项: what 附1 asks of the lead unit
        html.ShouldContain("拟任中心主任");                    // 附1第一部分第4项
        html.ShouldContain("是否为省级以上人才计划入选者");       // 附1第四部分第3项
        html.ShouldContain("近两年审计报告或财务报表");           // 附3第十部分 附件清单
        html.ShouldContain("法定代表人签字");                   // 附1 签章
        html.ShouldContain("任务分工");
        html.ShouldContain("组建条件自查");
        // 附1 does not ask another text's items: no debt ratio (新疆), titles (呼和浩特), lab area or conversion income (万州).
        html.ShouldNotContain("资产负债率");
        html.ShouldNotContain("具有中、高级职称人数");
        html.ShouldNotContain("研发场地面积");
        html.ShouldNotContain("研发成果转化值收入");

        var state = await client.FormStateAsync($"/Applications/{id}/Edit");
        var panel = await client.PostAsync($"/Applications/{id}/Edit?handler=Panel", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = state.Token, ["CenterName"] = "第十二师测试技术创新中心",
            ["f:co_builders_backbone"] = "false", // 第十条第3项
            ["f:agreement.starts_on"] = "2024-01-01", ["f:agreement.ends_on"] = "2025-12-31", // 附1第三部分第1项: the term is computed, 2 years
        }));
        panel.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = await panel.TextAsync();
        text.ShouldContain("不符合");
        text.ShouldContain("第十条");
        text.ShouldContain("2024-01-01 至 2025-12-31，2年");
        (await app.AppAsync(id)).Case.Revision.ShouldBe(1, "the panel saves nothing");
    }

    [Fact]
    public async Task Submitting_returns_a_receipt_and_a_retry_with_the_same_key_creates_nothing_new()
    {
        var (client, id, _) = await DraftAsync(Xpcc);
        var state = await client.FormStateAsync($"/Applications/{id}/Edit");
        var first = await SubmitAsync(client, id, state: state);
        first.StatusCode.ShouldBe(HttpStatusCode.Redirect, await first.TextAsync());
        first.Headers.Location!.ToString().ShouldContain("receipt=SB");
        var again = await SubmitAsync(client, id, state: state);
        again.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        again.Headers.Location.ShouldBe(first.Headers.Location);
        (await app.Db(db => db.ApplicationVersions.CountAsync(v => v.ApplicationId == id))).ShouldBe(1);

        var a = await app.AppAsync(id);
        a.Case.Step.ShouldBe("recommendation");
        a.Case.Holder.ShouldBe("department");
        a.SubmittedAt.ShouldBe(app.Time.GetUtcNow());
        var page = await (await client.GetAsync(first.Headers.Location!.ToString())).TextAsync();
        page.ShouldContain(a.ReceiptNumber!);
        page.ShouldContain("第九条第2项");
        (await app.Db(db => db.AuditEntries.CountAsync(e => e.ObjectType == "申报书" && e.ObjectId == id.ToString() && e.Action == "提交申报书"))).ShouldBe(1);
    }

    [Fact]
    public async Task Bug_0327_a_retry_answered_from_the_committed_version_is_not_audited_as_a_refused_submission()
    {
        // The key is no longer looked up before a submission: a retry meets the refusal of a case that has moved on, and is
        // answered from the version its key committed — the same receipt, and no refused attempt in the audit trail. A
        // submission with another key is still a refusal, audited.
        var (client, id, _) = await DraftAsync(Xpcc, name: "第十二师重试技术创新中心");
        var state = await client.FormStateAsync($"/Applications/{id}/Edit");
        var first = await SubmitAsync(client, id, "第十二师重试技术创新中心", state);
        first.StatusCode.ShouldBe(HttpStatusCode.Redirect, await first.TextAsync());
        for (var i = 0; i < 2; i++)
        {
            var again = await SubmitAsync(client, id, "第十二师重试技术创新中心", state);
            again.StatusCode.ShouldBe(HttpStatusCode.Redirect, await again.TextAsync());
            again.Headers.Location.ShouldBe(first.Headers.Location);
        }
        (await app.Db(db => db.ApplicationVersions.CountAsync(v => v.ApplicationId == id))).ShouldBe(1);
        var audited = await app.Db(db => db.AuditEntries.AsNoTracking().Where(e => e.ObjectId == id.ToString() && e.Action == "提交申报书").ToListAsync());
        audited.Select(e => (e.ObjectType, e.Outcome)).ShouldBe([("申报书", TechCenters.Web.Features.Audit.AuditOutcome.Success)]);
        var other = await SubmitAsync(client, id, "第十二师重试技术创新中心");
        other.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await app.Db(db => db.AuditEntries.CountAsync(e => e.ObjectId == id.ToString() && e.Action == "提交申报书"
            && e.ObjectType == "事项" && e.Outcome == TechCenters.Web.Features.Audit.AuditOutcome.Failure))).ShouldBe(1);
    }

    [Fact]
    public async Task Bug_0002_a_submitted_version_is_frozen_until_it_is_returned_and_the_next_submission_is_a_new_version()
    {
        var (client, id, unitId) = await DraftAsync(Xpcc);
        (await SubmitAsync(client, id)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        // What the department reviews is what was submitted: no draft saved, no resubmission, until it is returned.
        var save = await client.PostEditAsync(id, "Save", ApplyingHelpers.Fields("第十二师测试修订技术创新中心"));
        save.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await save.TextAsync()).ShouldContain("退回修改后才能修改");
        (await SubmitAsync(client, id, "第十二师测试修订技术创新中心")).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await app.AppAsync(id)).CenterName.ShouldBe("第十二师测试技术创新中心");

        var dept = await app.LoginAsync(await app.DepartmentOfficerForAsync(unitId));
        (await dept.PostDetailAsync(id, "Return", new() { ["note"] = "请补充建设方案的经费预算" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var resubmitted = await SubmitAsync(client, id, "第十二师测试修订技术创新中心");
        resubmitted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var versions = await app.Db(db => db.ApplicationVersions.AsNoTracking().Where(v => v.ApplicationId == id).OrderBy(v => v.Number).ToListAsync());
        versions.Select(v => v.Number).ShouldBe([1, 2]);
        versions[0].FactsJson.ShouldNotBeNullOrEmpty();
        var a = await app.AppAsync(id);
        a.ReceiptNumber.ShouldBe(versions[1].ReceiptNumber);
        a.CenterName.ShouldBe("第十二师测试修订技术创新中心");
        a.Case.Step.ShouldBe("recommendation");
        // Each submission kept the verdict it was judged by, with the version it judged.
        (await app.Db(db => db.CaseVerdicts.Where(v => v.CaseId == id && v.Purpose == "提交").OrderBy(v => v.Id).Select(v => v.Version).ToListAsync()))
            .ShouldBe([1, 2]);
    }

    [Fact]
    public async Task A_department_recommends_and_the_application_waits_for_expert_review()
    {
        var (client, id, unitId) = await DraftAsync(Xpcc);
        (await SubmitAsync(client, id)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var dept = await app.LoginAsync(await app.DepartmentOfficerForAsync(unitId));
        var list = await (await dept.GetAsync("/Applications")).TextAsync();
        list.ShouldContain("第十二师测试技术创新中心");
        list.ShouldContain("待我办理");

        var r = await dept.PostDetailAsync(id, "Move", new() { ["to"] = "expert_review", ["note"] = "同意推荐" });
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect, await r.TextAsync());
        var a = await app.AppAsync(id);
        a.Case.Step.ShouldBe("expert_review");
        (await (await client.GetAsync($"/Applications/{id}")).TextAsync()).ShouldContain("等待专家评审");
        var last = await app.Db(db => db.Activities.AsNoTracking().Where(x => x.CaseId == id).OrderByDescending(x => x.Id).FirstAsync());
        (last.FromStage, last.ToStage, last.Article, last.PackVersion, last.Note).ShouldBe(("recommendation", "expert_review", "第九条第3项", "2024-07-19", "同意推荐"));
    }

    [Fact]
    public async Task A_unit_reporting_directly_goes_straight_to_the_bureau()
    {
        var (client, id, _) = await DraftAsync(Xpcc, direct: true);
        (await SubmitAsync(client, id)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var a = await app.AppAsync(id);
        a.Case.StageId.ShouldBe("expert_review");
        a.Case.Holder.ShouldBe("bureau");
    }

    [Fact]
    public async Task Wrong_role_is_403_wrong_stage_is_409_out_of_scope_is_404_and_nothing_changes()
    {
        var (client, id, unitId) = await DraftAsync(Xpcc);
        var dept = await app.LoginAsync(await app.DepartmentOfficerForAsync(unitId));
        var before = await app.AppAsync(id);

        // Still a draft: the department cannot recommend yet.
        var early = await dept.PostDetailAsync(id, "Move", new() { ["to"] = "not_recommended", ["note"] = "不推荐", ["revision"] = before.Case.Revision.ToString() });
        early.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await early.TextAsync()).ShouldContain("申请提交");

        (await SubmitAsync(client, id)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var submitted = await app.AppAsync(id);
        var wrongRole = await client.PostDetailAsync(id, "Move", new() { ["to"] = "expert_review", ["revision"] = submitted.Case.Revision.ToString() });
        wrongRole.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await wrongRole.TextAsync()).ShouldContain("无权办理");

        var otherDept = await app.Db(db => db.Departments.Where(d => d.JurisdictionId == Xpcc && d.Id != db.Units.Single(u => u.Id == unitId).DepartmentId).Select(d => d.Id).FirstAsync());
        var outsider = await app.LoginAsync(await app.CreateUserAsync(Roles.DepartmentOfficer, configure: u => { u.DepartmentId = otherDept; u.JurisdictionId = Xpcc; }));
        (await outsider.GetAsync($"/Applications/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var after = await app.AppAsync(id);
        (after.Case.StageId, after.Case.Revision).ShouldBe((submitted.Case.StageId, submitted.Case.Revision));
        (await app.Db(db => db.Activities.CountAsync(x => x.CaseId == id))).ShouldBe(2);
    }

    [Fact]
    public async Task Two_people_saving_the_same_draft_get_a_conflict_not_a_silent_overwrite()
    {
        var (client, id, unitId) = await DraftAsync(Xpcc);
        var colleague = await app.LoginAsync(await app.CreateUserAsync(Roles.Applicant, configure: u => { u.UnitId = unitId; u.JurisdictionId = Xpcc; }));
        var mine = await client.FormStateAsync($"/Applications/{id}/Edit");
        var theirs = await colleague.FormStateAsync($"/Applications/{id}/Edit");
        (await client.PostEditAsync(id, "Save", ApplyingHelpers.Fields("甲的名称"), mine)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var lost = await colleague.PostEditAsync(id, "Save", ApplyingHelpers.Fields("乙的名称"), theirs);
        lost.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await lost.TextAsync()).ShouldContain("已被他人修改");
        (await app.AppAsync(id)).CenterName.ShouldBe("甲的名称");
    }

    [Fact]
    public async Task Autosave_returns_the_new_revision_and_a_stale_autosave_is_a_conflict()
    {
        var (client, id, _) = await DraftAsync(Xpcc);
        var state = await client.FormStateAsync($"/Applications/{id}/Edit");
        var ok = await client.PostEditAsync(id, "Autosave", ApplyingHelpers.Fields("自动保存的名称"), state);
        ok.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var body = System.Text.Json.JsonDocument.Parse(await ok.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("revision").GetInt32().ShouldBe(state.Revision + 1);
        body.RootElement.GetProperty("message").GetString()!.ShouldContain("已自动保存");
        (await app.AppAsync(id)).CenterName.ShouldBe("自动保存的名称");
        var stale = await client.PostEditAsync(id, "Autosave", ApplyingHelpers.Fields("旧页面的名称"), state);
        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        using var refused = System.Text.Json.JsonDocument.Parse(await stale.Content.ReadAsStringAsync());
        refused.RootElement.GetProperty("message").GetString()!.ShouldContain("已被他人修改");
        (await app.AppAsync(id)).CenterName.ShouldBe("自动保存的名称");
    }

    [Fact]
    public async Task A_department_returns_with_reasons_the_applicant_sees_and_a_return_needs_a_reason()
    {
        var (client, id, unitId) = await DraftAsync(Xpcc);
        (await SubmitAsync(client, id)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var dept = await app.LoginAsync(await app.DepartmentOfficerForAsync(unitId));
        (await dept.PostDetailAsync(id, "Return", new() { ["note"] = "" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await dept.PostDetailAsync(id, "Return", new() { ["note"] = "请补充共建协议关键条款" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var a = await app.AppAsync(id);
        (a.Case.StageId, a.Case.Holder, a.Case.ReturnReason).ShouldBe(("application", "lead_unit", "请补充共建协议关键条款"));
        (await (await client.GetAsync($"/Applications/{id}/Edit")).TextAsync()).ShouldContain("请补充共建协议关键条款");
        (await SubmitAsync(client, id)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.AppAsync(id)).Case.Step.ShouldBe("recommendation");
    }

    [Fact]
    public async Task A_rejection_needs_a_reason_and_is_final()
    {
        var (client, id, unitId) = await DraftAsync(Xpcc);
        (await SubmitAsync(client, id)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var dept = await app.LoginAsync(await app.DepartmentOfficerForAsync(unitId));
        (await dept.PostDetailAsync(id, "Move", new() { ["to"] = "not_recommended" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await dept.PostDetailAsync(id, "Move", new() { ["to"] = "not_recommended", ["note"] = "与师重点产业方向契合度不足" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var a = await app.AppAsync(id);
        (a.Case.StageId, a.Case.Holder).ShouldBe(("not_recommended", (string?)null));
        (await client.PostEditAsync(id, "Save", ApplyingHelpers.Fields("改名"))).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Cangzhou_intake_review_accepts_or_returns_after_the_department_recommends()
    {
        var (client, id, unitId) = await DraftAsync("cangzhou", name: "沧州市测试技术创新中心");
        (await SubmitAsync(client, id, "沧州市测试技术创新中心")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var dept = await app.LoginAsync(await app.DepartmentOfficerForAsync(unitId));
        (await dept.PostDetailAsync(id, "Move", new() { ["to"] = "intake_review", ["note"] = "推荐" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.AppAsync(id)).Case.Holder.ShouldBe("bureau");

        var bureau = await app.LoginAsync("cz-bureau");
        (await (await bureau.GetAsync("/Inbox")).TextAsync()).ShouldContain("沧州市测试技术创新中心");
        (await bureau.PostDetailAsync(id, "Return", new() { ["note"] = "《实施方案》缺少经费预算" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.AppAsync(id)).Case.StageId.ShouldBe("application");
        (await SubmitAsync(client, id, "沧州市测试技术创新中心")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await dept.PostDetailAsync(id, "Move", new() { ["to"] = "intake_review", ["note"] = "已补充" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await bureau.PostDetailAsync(id, "Move", new() { ["to"] = "expert_review", ["note"] = "材料齐全，受理" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.AppAsync(id)).Case.StageId.ShouldBe("expert_review");
        var path = await app.Db(db => db.Activities.Where(x => x.CaseId == id).OrderBy(x => x.Id).Select(x => x.Action).ToListAsync());
        path.ShouldBe(["创建申报书", "提交申报书", "转入受理与初审", "退回修改", "修改后重新提交申报书", "转入受理与初审", "转入专家评审（必要时现场考察核查）"]);
    }

    [Fact]
    public async Task A_unit_under_a_reapplication_ban_is_refused_with_the_article()
    {
        var banned = await app.Db(db => db.Revocations.AsNoTracking().Where(r => r.JurisdictionId == "hohhot").Select(r => r.UnitId).FirstAsync());
        var user = await app.CreateUserAsync(Roles.Applicant, configure: u => { u.UnitId = banned; u.JurisdictionId = "hohhot"; });
        var client = await app.LoginAsync(user);
        var call = await app.OpenCallAsync("hohhot");
        var token = await AppFixture.AntiforgeryTokenAsync(client, $"/Calls/{call.Id}");
        var r = await client.PostAsync($"/Calls/{call.Id}?handler=Apply", new FormUrlEncodedContent(new Dictionary<string, string>
            { ["CenterName"] = "呼和浩特市测试技术创新中心", ["__RequestVerificationToken"] = token }));
        r.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var text = await r.TextAsync();
        text.ShouldContain("不得再行申报");
        text.ShouldContain("第二十六条");
        (await app.Db(db => db.Applications.CountAsync(a => a.Case.LeadUnitId == banned))).ShouldBe(0);
    }

    [Fact]
    public async Task After_the_closing_time_the_application_is_read_only_with_the_reason()
    {
        var (user, unitId) = await app.NewApplicantAsync("hohhot");
        var now = app.Time.GetUtcNow();
        var call = await app.Db(async db =>
        {
            var open = await db.Calls.FirstAsync(c => c.JurisdictionId == "hohhot");
            var c = new Call { JurisdictionId = "hohhot", Title = "即将截止的通知", OpensAt = now.AddDays(-1), ClosesAt = now.AddMinutes(1), PackVersion = open.PackVersion, PackDocument = open.PackDocument, PublishedAt = now };
            db.Calls.Add(c);
            await db.SaveChangesAsync();
            return c;
        });
        var client = await app.LoginAsync(user);
        var id = await client.CreateApplicationAsync(call.Id, "呼和浩特市测试技术创新中心");
        await app.AttachRequiredAsync(client, id);
        var state = await client.FormStateAsync($"/Applications/{id}/Edit");
        app.Time.Advance(TimeSpan.FromMinutes(2));
        var page = await (await client.GetAsync($"/Applications/{id}/Edit")).TextAsync();
        page.ShouldContain("截止，申报书只读");
        var r = await SubmitAsync(client, id, "呼和浩特市测试技术创新中心", state);
        r.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await app.AppAsync(id)).VersionCount.ShouldBe(0);
    }

    [Fact]
    public async Task Attachments_are_checked_by_content_and_by_SM3_on_download()
    {
        var (client, id, _) = await DraftAsync(Xpcc);
        async Task<HttpResponseMessage> Upload(byte[] bytes, string name)
        {
            var state = await client.FormStateAsync($"/Applications/{id}/Edit");
            return await client.PostAsync($"/Applications/{id}/Edit?handler=Upload", new MultipartFormDataContent
            {
                { new ByteArrayContent(bytes), "files", name }, { new StringContent("共建协议"), "kind" },
                { new StringContent(state.Token), "__RequestVerificationToken" },
            });
        }
        var fake = await Upload("这不是PDF"u8.ToArray(), "协议.pdf");
        fake.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await fake.TextAsync()).ShouldContain("不是 PDF、PNG 或 JPEG");
        (await app.Db(db => db.Attachments.CountAsync(a => a.ApplicationId == id))).ShouldBe(0);

        var pdf = "%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"u8.ToArray();
        (await Upload(pdf, "协议.bin")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var a = await app.Db(db => db.Attachments.AsNoTracking().SingleAsync(x => x.ApplicationId == id));
        a.ContentType.ShouldBe("application/pdf");
        a.StoredName.ShouldNotContain("协议");
        var ok = await client.GetAsync($"/Applications/{id}?handler=File&file={a.Id}");
        ok.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ok.Content.ReadAsByteArrayAsync()).ShouldBe(pdf);

        await using (var scope = app.Scope())
        {
            var store = scope.ServiceProvider.GetRequiredService<AttachmentStore>();
            await File.WriteAllBytesAsync(Path.Combine(store.Root, a.StoredName), "%PDF-1.7 tampered"u8.ToArray());
        }
        var refused = await client.GetAsync($"/Applications/{id}?handler=File&file={a.Id}");
        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("SM3");
        (await app.Db(db => db.AuditEntries.CountAsync(e => e.ObjectType == "附件" && e.ObjectId == a.Id.ToString() && e.Outcome == "失败"))).ShouldBe(1);
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_refused_and_not_kept()
    {
        await using var small = app.CreateFactory(b => b.UseSetting("Attachments:MaxBytes", "1024"));
        var (user, _) = await app.NewApplicantAsync(Xpcc);
        var client = await app.LoginAsync(user, factory: small);
        var call = await app.OpenCallAsync(Xpcc);
        var id = await client.CreateApplicationAsync(call.Id);
        var state = await client.FormStateAsync($"/Applications/{id}/Edit");
        var big = "%PDF-1.7\n"u8.ToArray().Concat(new byte[2048]).ToArray();
        var r = await client.PostAsync($"/Applications/{id}/Edit?handler=Upload", new MultipartFormDataContent
        {
            { new ByteArrayContent(big), "files", "大文件.pdf" }, { new StringContent(state.Token), "__RequestVerificationToken" },
        });
        r.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await r.TextAsync()).ShouldContain("超过 1 KB 的大小限制");
        (await app.Db(db => db.Attachments.CountAsync(a => a.ApplicationId == id))).ShouldBe(0);
    }

    [Fact]
    public async Task Figures_typed_the_way_Chinese_users_type_them_are_understood_or_refused_at_the_field_and_nothing_changes()
    {
        var (client, id, _) = await DraftAsync(Xpcc);
        var ok = await client.PostEditAsync(id, "Save", ApplyingHelpers.Fields("第十二师测试技术创新中心",
            ("f:lead.rd_expense_last_year", "1200万"), ("f:lead.sales_revenue_last_year", "1.2亿元"), ("f:lead.main_revenue_last_year", "十五万")));
        ok.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var facts = ApplicationFacts.Parse((await app.AppAsync(id)).FactsJson);
        (facts["lead.rd_expense_last_year"], facts["lead.sales_revenue_last_year"], facts["lead.main_revenue_last_year"]).ShouldBe(("12000000", "120000000", "150000"));
        // shown back as understood
        (await (await client.GetAsync($"/Applications/{id}/Edit")).TextAsync()).ShouldContain("即 1,200万元");

        var before = await app.AppAsync(id);
        var bad = await client.PostEditAsync(id, "Save", ApplyingHelpers.Fields("第十二师测试技术创新中心（改）",
            ("f:lead.rd_expense_last_year", "六十五万美元")));
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = await bad.Content.ReadAsStringAsync();
        html.ShouldContain("data-testid=\"field-error\"");
        html.ShouldContain("无法识别");
        html.ShouldContain("六十五万美元"); // what was typed is kept on the form
        var after = await app.AppAsync(id);
        (after.Case.Revision, after.CenterName, after.FactsJson).ShouldBe((before.Case.Revision, before.CenterName, before.FactsJson));
    }

    [Fact]
    public async Task A_ratio_typed_without_its_percent_sign_is_refused_not_read_as_thousands_of_percent()
    {
        // 沧州 第九条第（八）项: the host's own share of the joint work, a ratio.
        var (client, id, _) = await DraftAsync("cangzhou", name: "沧州市测试技术创新中心");
        var r = await client.PostEditAsync(id, "Save", ApplyingHelpers.Fields("沧州市测试技术创新中心", ("f:agreement.host_own_share", "65")));
        r.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await r.Content.ReadAsStringAsync()).ShouldContain("含义不明");
        ApplicationFacts.Parse((await app.AppAsync(id)).FactsJson).ShouldNotContainKey("agreement.host_own_share");
        (await client.PostEditAsync(id, "Save", ApplyingHelpers.Fields("沧州市测试技术创新中心", ("f:agreement.host_own_share", "65%"))))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        ApplicationFacts.Parse((await app.AppAsync(id)).FactsJson)["agreement.host_own_share"].ShouldBe("0.65");
        // and it reads back as a percentage on the form
        (await (await client.GetAsync($"/Applications/{id}/Edit")).Content.ReadAsStringAsync()).ShouldContain("value=\"65%\"");
    }

    [Fact]
    public async Task The_verdict_a_submission_was_judged_by_is_kept_and_a_later_registry_change_does_not_rewrite_it()
    {
        var (client, id, unitId) = await DraftAsync(Xpcc);
        (await SubmitAsync(client, id)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var kept = await app.Db(db => db.CaseVerdicts.AsNoTracking().SingleAsync(v => v.CaseId == id));
        (kept.Purpose, kept.Version, kept.PackVersion).ShouldBe(("提交", 1, "2024-07-19"));
        kept.VerdictJson.ShouldContain("\"reasons\"");
        var page = await (await client.GetAsync($"/Applications/{id}")).TextAsync();
        page.ShouldContain("第 1 版提交时的判定");

        // The unit's registry entry changes after the submission: the kept verdict does not.
        var original = await app.Db(db => db.Units.Where(x => x.Id == unitId).Select(x => x.Type).SingleAsync());
        await app.Db(async db =>
        {
            var u = await db.Units.SingleAsync(x => x.Id == unitId);
            u.Type = original == TechCenters.Web.Features.Units.UnitType.University
                ? TechCenters.Web.Features.Units.UnitType.Enterprise : TechCenters.Web.Features.Units.UnitType.University;
            return await db.SaveChangesAsync();
        });
        var again = await app.Db(db => db.CaseVerdicts.AsNoTracking().SingleAsync(v => v.CaseId == id));
        again.VerdictJson.ShouldBe(kept.VerdictJson);
        (await app.Db(db => db.Cases.AsNoTracking().Where(c => c.Id == id).Select(c => c.VerdictJson).SingleAsync())).ShouldBe(kept.VerdictJson);
        await app.Db(async db =>
        {
            var u = await db.Units.SingleAsync(x => x.Id == unitId);
            u.Type = original; // the fixture is shared: put the registry back as it was
            return await db.SaveChangesAsync();
        });
    }

}

[Collection(SqliteCollection.Name)]
public sealed class ApplyingTests_Sqlite(SqliteAppFixture app) : ApplyingTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ApplyingTests_Postgres(PostgresAppFixture app) : ApplyingTests(app);
