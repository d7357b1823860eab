using System.Net;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using TechCenters.Policy.Rules;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Changes;
using TechCenters.Web.Tests.Infrastructure;
using TechCenters.Web.Tests.Selecting;
using Xunit;

namespace TechCenters.Web.Tests.Features.Changes;

/// <summary>Change requests on the case kernel: the pack's matters, evidence, review chain, the verdict before approval, the record updated with history.</summary>
public abstract class ChangeRequestTests(AppFixture app)
{
    private readonly DynamicFlow flow = new(app);

    /// <summary>A new name that keeps the pack's naming pattern (prefix … suffix).</summary>
    private async Task<string> NewNameAsync(string jurisdiction, string current)
    {
        var naming = (await flow.PackInForceAsync(jurisdiction)).Rules.OfType<NamingRule>().FirstOrDefault();
        return naming is { Prefix.Length: > 0 } n && current.StartsWith(n.Prefix, StringComparison.Ordinal) ? n.Prefix + "智能" + current[n.Prefix.Length..] : "智能" + current;
    }

    [Theory]
    [InlineData("xpcc-12th-division", "名称")]
    [InlineData("xinjiang", "名称")]
    [InlineData("hohhot", "注册地")]
    [InlineData("chongqing-wanzhou", "名称")]
    [InlineData("cangzhou", "依托单位名称变更")]
    public async Task A_change_goes_through_the_packs_chain_and_its_approval_updates_the_center_with_history(string jurisdiction, string matter)
    {
        var center = await flow.CenterAsync(jurisdiction);
        var before = await flow.CenterRecordAsync(center.Id);
        var to = matter switch { "名称" => await NewNameAsync(jurisdiction, before.Name), "注册地" => "赛罕区敕勒川大街1号", _ => before.LeadUnitName + "（集团）" };
        var id = DynamicFlow.IdFrom(await flow.FileAsync(center.Client, center.Id, matter, to), "/Changes/");
        var kinds = ChangeRequests.KindsOf(await flow.PackAsync(id))!;
        if (kinds.Evidence.Count > 0)
        {
            // 新疆 四（二）5 / 沧州 第三十一条: no submission without the evidence the text asks for.
            var draft = await flow.CaseAsync(id);
            var html = await center.Client.GetStringAsync($"/Changes/{id}");
            var first = System.Text.RegularExpressions.Regex.Match(html, "data-testid=\"move-([a-z_]+)\"").Groups[1].Value;
            var refused = await flow.MoveChangeAsync(center.Client, id, first);
            refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await SelectingFlow.ErrorAsync(refused)).ShouldContain(kinds.Evidence[0].Name);
            (await flow.CaseAsync(id)).Revision.ShouldBe(draft.Revision);
            (await flow.UploadAsync(center.Client, id)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }
        // Doubts the verdict raises (a fact the record lacks) are the approver's to judge, with a reason.
        await flow.ApproveChangeAsync(center, jurisdiction, id, "经核查，变更后的记录符合管理办法。");

        var after = await flow.CenterRecordAsync(center.Id);
        var c = await flow.CaseAsync(id);
        c.StageId.ShouldBe("accepted");
        switch (matter)
        {
            case "名称": after.Name.ShouldBe(to); break;
            case "注册地": after.RegisteredAddress.ShouldBe(to); break;
            default: after.LeadUnitName.ShouldBe(to); break;
        }
        after.Revision.ShouldBe(before.Revision + 1);
        var history = await app.Db(db => db.CenterHistory.AsNoTracking().Where(h => h.CenterId == center.Id && h.CaseId == id).ToListAsync());
        history.ShouldHaveSingleItem().To.ShouldBe(to);
        var verdict = await app.Db(db => db.CaseVerdicts.AsNoTracking().SingleAsync(v => v.CaseId == id));
        verdict.Purpose.ShouldBe("批准变更");
        verdict.VerdictJson.ShouldContain(kinds.Article ?? "");
        var actions = await app.Db(db => db.Activities.AsNoTracking().Where(a => a.CaseId == id).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        actions.First().ShouldBe("提出变更申请");
        actions.Last().ShouldBe("批准变更");
        actions.ShouldContain("提交变更申请");
        // The lead unit is told, and the public record shows the new value.
        (await app.Db(db => db.Notifications.AnyAsync(n => n.CaseId == id && n.Title.Contains("已办结")))).ShouldBeTrue();
    }

    [Fact]
    public async Task Xinjiang_a_change_of_core_co_builders_replaces_the_core_rows_and_keeps_the_others_with_history()
    {
        const string J = "xinjiang";
        var center = await flow.CenterAsync(J);
        var before = await flow.CenterRecordAsync(center.Id);
        var oldCore = before.CoBuilders.Where(b => b.Core).Select(b => b.UnitId).ToList();
        var taken = before.CoBuilders.Select(b => b.UnitId).Append(center.UnitId).ToList();
        var newCore = await app.Db(db => db.Units.AsNoTracking().Where(u => u.JurisdictionId == J && !taken.Contains(u.Id)).OrderBy(u => u.Id).Select(u => new { u.Id, u.Name }).FirstAsync());
        var foreign = await app.Db(db => db.Units.AsNoTracking().Where(u => u.JurisdictionId == "cangzhou").Select(u => u.Id).FirstAsync());

        // The lead unit itself, a unit of another jurisdiction, or none at all: 400 in Chinese, no case opened.
        var cases = await app.Db(db => db.Cases.CountAsync(c => c.CenterId == center.Id));
        foreach (var core in new[] { new[] { center.UnitId }, new[] { foreign }, Array.Empty<int>() })
        {
            var bad = await flow.FileAsync(center.Client, center.Id, "核心建设单位", null, null, core);
            bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await SelectingFlow.ErrorAsync(bad)).ShouldContain(core.Length == 1 && core[0] == center.UnitId ? "依托（牵头）单位不能同时作为核心共建单位" : "请选择本辖区登记的核心共建单位");
        }
        (await app.Db(db => db.Cases.CountAsync(c => c.CenterId == center.Id))).ShouldBe(cases);

        var id = DynamicFlow.IdFrom(await flow.FileAsync(center.Client, center.Id, "核心建设单位", null, null, newCore.Id), "/Changes/");
        (await flow.UploadAsync(center.Client, id)).StatusCode.ShouldBe(HttpStatusCode.Redirect); // 四（二）5: the council's decision
        await flow.ApproveChangeAsync(center, J, id, "经核查，理事会已审议同意。");

        var after = await flow.CenterRecordAsync(center.Id);
        after.CoBuilders.Where(b => b.Core).Select(b => b.UnitId).ShouldBe([newCore.Id]);
        // Co-builders that were not core stay; the old core ones are no longer core builders.
        after.CoBuilders.Where(b => !b.Core).Select(b => b.UnitId).OrderBy(x => x)
            .ShouldBe(before.CoBuilders.Where(b => !b.Core).Select(b => b.UnitId).OrderBy(x => x));
        after.CoBuilders.ShouldNotContain(b => oldCore.Contains(b.UnitId) && b.Core);
        after.Revision.ShouldBe(before.Revision + 1);
        var history = await app.Db(db => db.CenterHistory.AsNoTracking().SingleAsync(h => h.CenterId == center.Id && h.CaseId == id));
        history.To.ShouldBe(newCore.Name);
        (await flow.CaseAsync(id)).StageId.ShouldBe("accepted");
    }

    [Fact]
    public async Task A_new_name_outside_the_naming_pattern_is_refused_at_approval_with_the_article_and_nothing_changes()
    {
        var center = await flow.CenterAsync("xpcc-12th-division");
        var id = DynamicFlow.IdFrom(await flow.FileAsync(center.Client, center.Id, "名称", "随便起的名字"), "/Changes/");
        var page = await (await center.Client.GetAsync($"/Changes/{id}")).TextAsync();
        page.ShouldContain("批准前判定");
        var naming = (await flow.PackAsync(id)).Rules.OfType<NamingRule>().First();
        var e = await Assert.ThrowsAsync<ShouldAssertException>(() => flow.ApproveChangeAsync(center, "xpcc-12th-division", id));
        e.Message.ShouldContain("不能批准");
        e.Message.ShouldContain(naming.Article ?? "");
        (await flow.CenterRecordAsync(center.Id)).Name.ShouldNotBe("随便起的名字");
        (await flow.CaseAsync(id)).ClosedAt.ShouldBeNull();
    }

    [Fact]
    public async Task A_new_host_is_judged_by_the_host_conditions_before_approval_and_is_not_approved_against_them()
    {
        const string J = "xpcc-12th-division";
        var center = await flow.CenterAsync(J);
        var host = await app.Db(db => db.Units.AsNoTracking().Where(u => u.JurisdictionId == J && u.Id != center.UnitId)
            .OrderByDescending(u => u.Id).Select(u => u.Id).FirstAsync());
        var id = DynamicFlow.IdFrom(await flow.FileAsync(center.Client, center.Id, "依托单位", null, host), "/Changes/");
        var pack = await flow.PackAsync(id);
        var topics = ChangeTargets.Topics(ChangeTargets.HostUnit);
        var hostRules = pack.Rules.Where(r => r.Evaluable && topics.Contains(r.Topic) && r.Area == "eligibility").ToList();
        // The host conditions of the pack are on the verdict shown before approval.
        var page = await center.Client.GetStringAsync($"/Changes/{id}");
        hostRules.Count(r => page.Contains($"data-rule=\"{r.Id}\"")).ShouldBeGreaterThan(0);
        // A registry unit whose declared facts are unknown is not silently approved: the approval is refused with the article.
        var e = await Assert.ThrowsAsync<ShouldAssertException>(() => flow.ApproveChangeAsync(center, J, id));
        (e.Message.Contains("不能批准") || e.Message.Contains("需经办人判断")).ShouldBeTrue(e.Message);
        hostRules.Any(r => e.Message.Contains(r.Article ?? "—")).ShouldBeTrue(e.Message);
        (await flow.CenterRecordAsync(center.Id)).LeadUnitId.ShouldBe(center.UnitId);
        (await flow.CaseAsync(id)).ClosedAt.ShouldBeNull();
    }

    [Fact]
    public async Task Rejected_and_withdrawn_requests_stay_on_the_timeline_and_change_nothing()
    {
        const string J = "chongqing-wanzhou";
        var center = await flow.CenterAsync(J);
        var name = (await flow.CenterRecordAsync(center.Id)).Name;
        var withdrawn = DynamicFlow.IdFrom(await flow.FileAsync(center.Client, center.Id, "注册地", "万州区新址"), "/Changes/");
        (await flow.MoveChangeAsync(center.Client, withdrawn, "withdrawn")).StatusCode.ShouldBe(HttpStatusCode.BadRequest); // a reason is required
        (await flow.MoveChangeAsync(center.Client, withdrawn, "withdrawn", "依托单位暂缓搬迁")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await flow.CaseAsync(withdrawn)).StageId.ShouldBe("withdrawn");

        var rejected = DynamicFlow.IdFrom(await flow.FileAsync(center.Client, center.Id, "名称", await NewNameAsync(J, name)), "/Changes/");
        (await flow.MoveChangeAsync(center.Client, rejected, "review_department")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var dept = await flow.HolderAsync(center, J, "department");
        (await flow.MoveChangeAsync(dept, rejected, "review_bureau", "同意")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var bureau = await flow.HolderAsync(center, J, "bureau");
        (await flow.MoveChangeAsync(bureau, rejected, "rejected", "更名理由不充分")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await flow.CenterRecordAsync(center.Id)).Name.ShouldBe(name);
        foreach (var id in new[] { withdrawn, rejected })
        {
            var text = await (await center.Client.GetAsync($"/Changes/{id}")).TextAsync();
            text.ShouldContain(id == withdrawn ? "依托单位暂缓搬迁" : "更名理由不充分");
        }
        var list = await (await center.Client.GetAsync("/Changes?state=closed")).TextAsync();
        list.ShouldContain("申请人撤回");
        list.ShouldContain("不予变更");
    }

    [Fact]
    public async Task Filing_is_the_lead_units_a_stranger_sees_nothing_and_bad_input_is_a_400_in_chinese()
    {
        const string J = "hohhot";
        var center = await flow.CenterAsync(J);
        var bureau = await app.LoginAsync("hhht-bureau");
        (await flow.FileAsync(bureau, center.Id, "名称", "呼和浩特市智能技术创新中心")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var (other, _) = await Applying.ApplyingHelpers.NewApplicantAsync(app, J);
        var stranger = await app.LoginAsync(other);
        (await flow.FileAsync(stranger, center.Id, "名称", "呼和浩特市智能技术创新中心")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var unlisted = await flow.FileAsync(center.Client, center.Id, "核心建设单位", "某单位");
        unlisted.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await SelectingFlow.ErrorAsync(unlisted)).ShouldContain("第二十条");
        (await flow.FileAsync(center.Client, center.Id, "注册地", "")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await app.Db(db => db.Cases.CountAsync(c => c.CenterId == center.Id && c.Kind == ProcessKinds.ChangeRequest))).ShouldBe(0);

        var id = DynamicFlow.IdFrom(await flow.FileAsync(center.Client, center.Id, "注册地", "新城区新址"), "/Changes/");
        (await stranger.GetAsync($"/Changes/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        // A form made from an old revision is a 409 and changes nothing.
        var stale = await flow.MoveChangeAsync(center.Client, id, "review_department", revision: 0);
        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        // A reviewer cannot approve out of order.
        (await flow.MoveChangeAsync(bureau, id, "accepted", "同意")).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await flow.CaseAsync(id)).StageId.ShouldBe("draft");
    }

    [Fact]
    public async Task The_list_filters_pages_and_exports_xlsx()
    {
        var center = await flow.CenterAsync("cangzhou");
        DynamicFlow.IdFrom(await flow.FileAsync(center.Client, center.Id, "注册地变化", "运河区新址"), "/Changes/");
        var open = await (await center.Client.GetAsync("/Changes?state=open")).TextAsync();
        open.ShouldContain("变更注册地变化");
        var xlsx = await center.Client.GetAsync("/Changes?handler=Xlsx&state=open");
        xlsx.StatusCode.ShouldBe(HttpStatusCode.OK);
        xlsx.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        using var stream = await xlsx.Content.ReadAsStreamAsync();
        var rows = MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        rows.ShouldContain(r => r["事项"].ToString()!.Contains("变更注册地变化"));
    }
}

[Collection(DynamicSqliteCollection.Name)]
public sealed class ChangeRequestTests_Sqlite(SqliteAppFixture app) : ChangeRequestTests(app);

[Collection(DynamicPostgresCollection.Name)]
public sealed class ChangeRequestTests_Postgres(PostgresAppFixture app) : ChangeRequestTests(app);
