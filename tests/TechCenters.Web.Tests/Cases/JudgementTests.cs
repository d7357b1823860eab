using System.Net;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using TechCenters.Policy;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Activity;
using TechCenters.Web.Features.Applications;
using TechCenters.Web.Features.Audit;
using TechCenters.Web.Tests.Features.Applying;
using TechCenters.Web.Tests.Infrastructure;
using TechCenters.Web.Tests.Selecting;
using Xunit;

namespace TechCenters.Web.Tests.Cases;

/// <summary>
/// Doubt is a verdict: where the text leaves the matter to the officer (第十二师 第十条第2项 “原则上”不低于 3%), the platform
/// neither passes nor fails; the official holding the case answers with a reason, and the answer stays with the verdict.
/// </summary>
public abstract class JudgementTests(AppFixture app)
{
    private readonly SelectingFlow flow = new(app);
    private const string Xpcc = "xpcc-12th-division";
    private const string Rule = "rd-intensity";

    /// <summary>An application in expert review (held by the bureau) whose R&amp;D share is 2.5%: below the 3% the text wants “原则上”.</summary>
    private async Task<int> BelowThreePercentAsync(int ordinal)
    {
        var id = await flow.NewApplicationAsync(Xpcc, ordinal);
        await app.Db(async db =>
        {
            var a = await db.Applications.SingleAsync(x => x.Id == id);
            var facts = ApplicationFacts.Parse(a.FactsJson);
            facts["lead.rd_expense_last_year"] = "250";
            facts["lead.sales_revenue_last_year"] = "10000";
            facts["lead.main_revenue_last_year"] = "10000"; // far below the 2亿 that would relax the bound to 2%
            a.FactsJson = ApplicationFacts.ToJson(facts);
            return await db.SaveChangesAsync();
        });
        return id;
    }

    private static Task<HttpResponseMessage> AnswerAsync(HttpClient client, int id, int revision, string? answer, string? reason) =>
        SelectingFlow.PostAsync(client, $"/Cases/{id}/Judgement",
            SelectingFlow.Form(("revision", revision), ("rule", Rule), ("answer", answer), ("reason", reason)));

    private Task<int> RevisionAsync(int id) => app.Db(db => db.Cases.Where(c => c.Id == id).Select(c => c.Revision).SingleAsync());

    [Fact]
    public async Task An_in_principle_shortfall_waits_for_the_officer_who_answers_with_a_reason_kept_with_the_verdict()
    {
        var id = await BelowThreePercentAsync(11);
        var bureau = await flow.BureauAsync(Xpcc);

        var detail = await (await bureau.GetAsync($"/Applications/{id}")).TextAsync();
        detail.ShouldContain("经办人判断（1 项待判断）");
        var page = await bureau.GetAsync($"/Cases/{id}/Judgement");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = await page.TextAsync();
        text.ShouldContain("研发投入占销售收入比例");
        text.ShouldContain("用语“原则上”");
        text.ShouldContain("待判断");

        // No answer without a reason, nor an answer that is neither 符合 nor 不符合; nothing is kept.
        var noReason = await AnswerAsync(bureau, id, await RevisionAsync(id), "fail", "  ");
        noReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await noReason.TextAsync()).ShouldContain("判断须写明理由");
        (await AnswerAsync(bureau, id, await RevisionAsync(id), "maybe", "理由")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await AnswerAsync(bureau, id, await RevisionAsync(id) - 1, "fail", "理由")).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await app.Db(db => db.CaseJudgements.CountAsync(j => j.CaseId == id))).ShouldBe(0);

        var answered = await AnswerAsync(bureau, id, await RevisionAsync(id), "fail", "研发投入连续两年低于 3%，且无在研重点项目");
        answered.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await (await bureau.GetAsync(answered.Headers.Location!.ToString())).TextAsync()).ShouldContain("作出判断：不符合");

        var kept = await app.Db(db => db.CaseVerdicts.AsNoTracking().Where(v => v.CaseId == id).OrderByDescending(v => v.Id).FirstAsync());
        kept.Purpose.ShouldBe("判断");
        var reason = Verdict.FromJson(kept.VerdictJson).Reasons.Single(r => r.RuleId == Rule);
        reason.Outcome.ShouldBe(Outcome.Fail);
        reason.Doubt.ShouldNotBeNull().ShouldSatisfyAllConditions(
            d => d.Answer.ShouldBe("fail"), d => d.AnswerReason.ShouldBe("研发投入连续两年低于 3%，且无在研重点项目"), d => d.Words!.ShouldBe(["原则上"]));
        (await (await bureau.GetAsync($"/Applications/{id}")).TextAsync()).ShouldContain("以下为经办人判断后的判定");

        // The officer may change the answer; both answers stay on record, the latest decides.
        (await AnswerAsync(bureau, id, await RevisionAsync(id), "pass", "已承担兵团重大科技项目，研发投入呈上升趋势")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var again = await app.Db(db => db.CaseVerdicts.AsNoTracking().Where(v => v.CaseId == id).OrderByDescending(v => v.Id).FirstAsync());
        Verdict.FromJson(again.VerdictJson).Reasons.Single(r => r.RuleId == Rule).Outcome.ShouldBe(Outcome.Pass);
        (await app.Db(db => db.CaseJudgements.Where(j => j.CaseId == id).OrderBy(j => j.Id).Select(j => j.Answer).ToListAsync())).ShouldBe(["fail", "pass"]);

        var entries = await app.Db(db => db.Activities.AsNoTracking().Where(x => x.CaseId == id && x.Action == "作出判断").OrderBy(x => x.Id).ToListAsync());
        entries.Count.ShouldBe(2);
        entries.ShouldAllBe(e => e.Article == "第十条第2项" && !e.Audience.HasFlag(Audience.Reviewers));
        entries[1].Note.ShouldNotBeNull().ShouldContain("由“不符合”改为");
        (await app.Db(db => db.AuditEntries.CountAsync(x => x.Action == "作出判断" && x.ObjectId == id.ToString() && x.Outcome == AuditOutcome.Success))).ShouldBe(2);
    }

    [Fact]
    public async Task Only_the_official_holding_the_case_answers_and_a_refusal_is_audited_with_nothing_kept()
    {
        var id = await BelowThreePercentAsync(12);
        var a = await flow.ApplicationAsync(id);
        var applicant = await app.LoginAsync(await app.CreateUserAsync(Roles.Applicant, configure: u => { u.UnitId = a.Case.LeadUnitId; u.JurisdictionId = Xpcc; }));
        (await applicant.GetAsync($"/Cases/{id}/Judgement")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var mine = await AnswerAsync(applicant, id, await RevisionAsync(id), "pass", "本单位认为符合");
        mine.StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // The department sees the case (its subtree) but the bureau holds it in expert review.
        var department = await app.LoginAsync(await app.DepartmentOfficerForAsync(a.Case.LeadUnitId!.Value));
        var early = await department.GetAsync($"/Cases/{id}/Judgement");
        early.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await early.TextAsync()).ShouldContain("轮到您办理时才能作出判断");
        (await AnswerAsync(department, id, await RevisionAsync(id), "pass", "符合")).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        // Another jurisdiction's bureau does not see the case at all.
        var other = await flow.BureauAsync("cangzhou");
        (await other.GetAsync($"/Cases/{id}/Judgement")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        (await app.Db(db => db.CaseJudgements.CountAsync(j => j.CaseId == id))).ShouldBe(0);
        var refusals = await app.Db(db => db.AuditEntries.AsNoTracking().Where(x => x.Action == "作出判断" && x.ObjectId == id.ToString()).ToListAsync());
        refusals.Select(r => r.Outcome).ShouldBe([AuditOutcome.Denied, AuditOutcome.Failure], ignoreOrder: true);
        refusals.Single(r => r.Outcome == AuditOutcome.Denied).Detail.ShouldNotBeNull().ShouldContain("由科技局或主管部门的经办人作出判断");
    }

    [Fact]
    public async Task A_rule_without_a_judgement_word_cannot_be_answered()
    {
        var id = await BelowThreePercentAsync(13);
        var bureau = await flow.BureauAsync(Xpcc);
        var r = await SelectingFlow.PostAsync(bureau, $"/Cases/{id}/Judgement",
            SelectingFlow.Form(("revision", await RevisionAsync(id)), ("rule", "independent-management-if-not-legal-person"), ("answer", "pass"), ("reason", "理由")));
        r.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await r.TextAsync()).ShouldContain("不是本申报书需经办人判断的条款");
    }
}

[Collection(SelectingSqliteCollection.Name)]
public sealed class JudgementTests_Sqlite(SqliteAppFixture app) : JudgementTests(app);

[Collection(SelectingPostgresCollection.Name)]
public sealed class JudgementTests_Postgres(PostgresAppFixture app) : JudgementTests(app);
