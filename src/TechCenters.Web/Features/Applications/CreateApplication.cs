using Microsoft.EntityFrameworkCore;
using TechCenters.Policy;
using TechCenters.Policy.Rules;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Units;

using TechCenters.Web.Features.Revocations;
namespace TechCenters.Web.Features.Applications;

/// <summary>创建申报书: an applicant's unit opens an application case under an open call of its jurisdiction.</summary>
public sealed class CreateApplication(AppDbContext db, CaseKernel kernel)
{
    public sealed record Result(WorkflowResult Outcome, int? ApplicationId = null);

    private const string Attempt = "创建申报书";

    public async Task<Result> RunAsync(int callId, WorkflowActor actor, string? centerName, CancellationToken ct = default)
    {
        // load
        var s = actor.Scope;
        var unit = s.Role == Roles.Applicant && s.UnitId is { } u ? await db.Units.FirstOrDefaultAsync(x => x.Id == u, ct) : null;
        var call = await db.Calls.AsNoTracking().FirstOrDefaultAsync(c => c.Id == callId, ct);
        var existing = unit is null ? null : await db.Applications.AsNoTracking().Where(a => a.CallId == callId && a.Case.LeadUnitId == unit.Id)
            .Select(a => (int?)a.Id).FirstOrDefaultAsync(ct);
        var revocation = unit is null ? null : await db.Revocations.AsNoTracking().Where(r => r.UnitId == unit.Id)
            .OrderByDescending(r => r.RevokedOn).FirstOrDefaultAsync(ct);
        var pack = call is null ? null : kernel.PackOf(call.JurisdictionId, call.PackVersion);

        // decide
        var outcome = Decide(actor, unit, call, pack, centerName, existing, revocation, kernel.Clock.UtcNow, kernel.Clock);
        var result = await kernel.FinishAsync(actor, Attempt, existing, outcome, ct);
        if (outcome is Refusal && existing is not null && result.Status == WorkflowStatus.Conflict) return new(result, existing);
        return new(result, result.Ok ? result.CaseId : null);
    }

    /// <summary>Pure: the new case at the lead unit's first stage of the call's process, or why not.</summary>
    public static CaseOutcome Decide(WorkflowActor actor, Unit? unit, Calls.Call? call, PolicyPack? pack, string? centerName, int? existing,
        Revocation? revocation, DateTimeOffset now, Infrastructure.Clock clock)
    {
        if (actor.Scope.Role != Roles.Applicant || unit is null)
            return Refusal.Forbidden("申报书由牵头（依托）单位的申报账号创建。");
        if (call is null || pack is null || call.JurisdictionId != unit.JurisdictionId)
            return Refusal.NotFound("申报通知不存在或不面向本单位所在辖区。");
        if (!call.IsOpen(now))
            return Refusal.Conflict(call.Withdrawn ? $"申报通知“{call.Title}”已由科技主管部门撤回（{call.WithdrawReason}），不能再创建申报书。"
                : now < call.OpensAt
                ? $"申报通知“{call.Title}”尚未开始受理（{clock.Format(call.OpensAt)} 开始）。"
                : $"申报通知“{call.Title}”已于 {clock.Format(call.ClosesAt)} 截止，不能再创建申报书。");
        if (string.IsNullOrWhiteSpace(centerName)) return Refusal.Invalid("请填写拟定中心名称。");
        if (existing is not null) return Refusal.Conflict("本单位已在该申报通知下创建了申报书，请继续填写已有的申报书。");

        var process = CaseKernel.ProcessOf(pack, ProcessKinds.Application);
        var c = new Case
        {
            Kind = ProcessKinds.Application, JurisdictionId = call.JurisdictionId, DepartmentId = unit.DepartmentId, LeadUnitId = unit.Id, LeadUnit = unit,
            Title = centerName.Trim(), PackVersion = pack.Version, PackDocument = pack.Document, StageId = process.Start!.Id, Step = process.Start.Step,
            // The lead unit's move is due by the call's closing day.
            DueOn = clock.DateOf(call.ClosesAt),
        };
        var app = new Application { Case = c, CallId = call.Id, CenterName = centerName.Trim() };
        var facts = ApplicationCase.FactsOf(app, revocation, clock.DateOf(now));
        if (ApplicationRules.Bans(pack, facts) is { Count: > 0 } bans)
            return Refusal.Conflict("本单位处于不得再行申报期限内：" + string.Join("；", bans.Select(b => $"{b.Message}（{b.Article}）")), bans[0].Article);

        // The lead unit's first move opens the application step (申请提交/提出意向) when the process starts with the call.
        var open = process.Next(process.Start.Id, facts)
            .FirstOrDefault(t => t.Actor == Actors.LeadUnit && process.Stage(t.To)!.Step == StageSteps.Application);
        var at = open is null ? process.Start : process.Stage(open.To)!;
        c.StageId = at.Id;
        c.Step = at.Step;
        c.Holder = process.HolderOf(at, facts, false, CaseContext.FilerOf(process));
        return new Decision("申报书已创建。")
        {
            Open = [new NewCase(c, app, Attempt, $"申报通知：{call.Title}", open?.Article ?? process.Start.Article, Activity.Audience.Parties)
                { Parties = [new CaseParty { UnitId = unit.Id, Role = CaseParty.Lead }] }],
        };
    }
}
