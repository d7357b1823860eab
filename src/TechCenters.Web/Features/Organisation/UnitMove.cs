using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TechCenters.Policy.Rules;
using TechCenters.Web.Features.Activity;
using TechCenters.Web.Features.Cases;
using TechCenters.Web.Features.Units;

namespace TechCenters.Web.Features.Organisation;

/// <summary>单位归口管理部门调整记录: a unit moved from one competent department to another (null: straight to the bureau).</summary>
public sealed class UnitMove
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public int? FromDepartmentId { get; set; }
    public Department? FromDepartment { get; set; }
    public int? ToDepartmentId { get; set; }
    public Department? ToDepartment { get; set; }
    public required string Reason { get; set; }
    public DateTimeOffset MovedAt { get; set; }
    public string? MovedBy { get; set; }
}

public sealed class UnitMoveMap : IEntityTypeConfiguration<UnitMove>
{
    public void Configure(EntityTypeBuilder<UnitMove> e)
    {
        e.ToTable("UnitMoves", t => t.HasComment("单位归口管理部门调整记录"));
        e.Property(x => x.UnitId).HasComment("单位");
        e.Property(x => x.FromDepartmentId).HasComment("原归口管理部门（为空表示直接报科技局）");
        e.Property(x => x.ToDepartmentId).HasComment("新归口管理部门（为空表示直接报科技局）");
        e.Property(x => x.Reason).HasMaxLength(500).HasComment("调整事由");
        e.Property(x => x.MovedAt).HasComment("调整时间");
        e.Property(x => x.MovedBy).HasMaxLength(256).HasComment("操作人");
        e.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne(x => x.FromDepartment).WithMany().HasForeignKey(x => x.FromDepartmentId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.ToDepartment).WithMany().HasForeignKey(x => x.ToDepartmentId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.UnitId, x.MovedAt });
    }
}

/// <summary>
/// Moving a unit to another competent department, and what it does to the unit's open cases: a case its old department
/// holds at a department step stays with it until that step ends (the kernel then applies the pending department), every
/// other open case goes to the new department now. One commit through the kernel, a timeline entry for the officials on
/// each affected case.
/// </summary>
public static class UnitMoves
{
    public const string Action = "调整归口管理部门";

    /// <summary>Whether a unit of this pack's jurisdiction may report straight to the bureau: the pack's application process
    /// has a path for it (第十二师: 驻地高校、师直单位直接报师科技局), read from the transitions' conditions, not by name.</summary>
    public static bool DirectReportingAllowed(Policy.PolicyPack pack) =>
        pack.Process(ProcessKinds.Application) is { } p
        && p.Transitions.Any(t => t.When.Any(c => c.Fact == "lead.reports_to_bureau_directly" && c.Is == true));

    /// <summary>Pure: the move of <paramref name="unit"/> to <paramref name="to"/> and its effect on each open case of it.</summary>
    public static CaseOutcome Decide(Unit unit, Department? from, Department? to, string reason, IReadOnlyList<CaseContext> open,
        IReadOnlyList<Centers.Center> centers, string? by, DateTimeOffset now)
    {
        if (unit.DepartmentId == to?.Id)
            return Refusal.Invalid($"单位已归属“{Name(to)}”，无需调整。");
        var move = new UnitMove { UnitId = unit.Id, FromDepartmentId = from?.Id, ToDepartmentId = to?.Id, Reason = reason, MovedAt = now, MovedBy = by };
        var steps = new List<CaseStep>();
        var apply = new List<Action> { () => unit.DepartmentId = to?.Id };
        foreach (var ctx in open)
        {
            var c = ctx.Case;
            // Held by the department that has it now, at that department's step: it stays there until the step ends.
            var held = c.Holder == Actors.Department && c.DepartmentId is not null;
            string note;
            if (held && c.DepartmentId == to?.Id)
            {
                if (c.PendingMoveId is null) continue;
                apply.Add(() => { c.PendingMove = null; c.PendingMoveId = null; c.PendingDepartmentId = null; });
                note = $"牵头单位归口管理部门调回“{Name(to)}”，本事项继续由其办理";
            }
            else if (held)
            {
                apply.Add(() => { c.PendingMove = move; c.PendingDepartmentId = to?.Id; });
                note = $"牵头单位归口管理部门由“{Name(from)}”调整为“{Name(to)}”：当前“{ctx.Name(ctx.Stage)}”阶段仍由原部门办理至本阶段结束，下一阶段起由“{Name(to)}”办理";
            }
            else
            {
                if (c.DepartmentId == to?.Id && c.PendingMoveId is null) continue;
                apply.Add(() => { c.DepartmentId = to?.Id; c.PendingMove = null; c.PendingMoveId = null; c.PendingDepartmentId = null; });
                note = $"牵头单位归口管理部门由“{Name(from)}”调整为“{Name(to)}”，即日起由“{Name(to)}”办理";
            }
            steps.Add(new CaseStep(ctx, Action, $"{note}；事由：{reason}", null) { Audience = Audience.Officials });
        }
        var rows = new List<object> { move };
        foreach (var center in centers.Where(x => x.DepartmentId != to?.Id))
        {
            apply.Add(() => center.DepartmentId = to?.Id);
            rows.Add(new Centers.CenterHistory
            {
                CenterId = center.Id, ChangedAt = now, ChangedBy = by, Field = "归口管理部门", From = Name(from), To = Name(to),
                Note = $"依托单位调整归口管理部门；事由：{reason}",
            });
        }
        return new Decision($"已将“{unit.Name}”调整至“{Name(to)}”，影响在办事项 {steps.Count} 件。") { Steps = steps, Apply = apply, Add = rows };
    }

    public static string Name(Department? d) => d?.Name ?? "直接报科技局";

    /// <summary>The timeline entry when a pending department takes effect (the case left the step its old department held).</summary>
    public const string Applied = "归口管理部门调整生效";
}

/// <summary>Loads what a unit move needs, refuses what the tree or the pack does not allow, and commits through the kernel.</summary>
public sealed class UnitMoveService(Data.AppDbContext db, CaseKernel kernel, Audit.AuditLog audit)
{
    /// <summary>Whether units of the jurisdiction may report straight to the bureau, by the pack in force today.</summary>
    public bool DirectAllowed(string jurisdictionId)
    {
        var r = kernel.Catalog.For(jurisdictionId, kernel.Clock.Today);
        return (r.Pack ?? r.Nearest) is { } pack && UnitMoves.DirectReportingAllowed(pack);
    }

    public async Task<WorkflowResult> MoveAsync(WorkflowActor actor, int unitId, int? toDepartmentId, string? reason, CancellationToken ct = default)
    {
        var scope = actor.Scope;
        var unit = await db.Units.Include(u => u.Department).FirstOrDefaultAsync(u => u.Id == unitId && u.JurisdictionId == scope.JurisdictionId, ct);
        if (unit is null) return await kernel.RefuseAsync(actor, UnitMoves.Action, null, Refusal.NotFound("单位不存在或不在您的管辖范围内。"), ct);
        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length < 4 || reason.Length > 500)
            return await kernel.RefuseAsync(actor, UnitMoves.Action, null, Refusal.Invalid("请填写调整事由（4至500个字）。"), ct);
        Department? to = null;
        if (toDepartmentId is { } t)
        {
            to = await db.Departments.FirstOrDefaultAsync(d => d.Id == t && d.JurisdictionId == unit.JurisdictionId, ct);
            if (to is null) return await kernel.RefuseAsync(actor, UnitMoves.Action, null, Refusal.Invalid("归口管理部门不在本辖区。"), ct);
            if (!to.Active) return await kernel.RefuseAsync(actor, UnitMoves.Action, null, Refusal.Conflict($"“{to.Name}”已停用，不能作为归口管理部门。"), ct);
        }
        else if (!DirectAllowed(unit.JurisdictionId))
            return await kernel.RefuseAsync(actor, UnitMoves.Action, null,
                Refusal.Invalid("本辖区管理办法没有单位直接报科技局的情形，须选择归口管理部门。"), ct);
        var caseIds = await db.Cases.Where(c => c.LeadUnitId == unit.Id && c.ClosedAt == null).OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(ct);
        var centers = await db.Centers.Where(c => c.LeadUnitId == unit.Id).ToListAsync(ct);
        var from = unit.Department;
        var result = await kernel.RunManyAsync(caseIds, actor, UnitMoves.Action,
            (open, _) => Task.FromResult(UnitMoves.Decide(unit, from, to, reason, open, centers, scope.UserName, kernel.Clock.UtcNow)), ct);
        if (result.Ok)
            await audit.AppendAsync(scope.UserId, scope.UserName, actor.ClientAddress, new Audit.AuditRecord(UnitMoves.Action, Audit.AuditOutcome.Success, "单位",
                unit.Id.ToString(), $"{unit.Name}：{UnitMoves.Name(from)} → {UnitMoves.Name(to)}；事由：{reason}；影响在办事项 {caseIds.Count} 件"), ct);
        return result;
    }
}
