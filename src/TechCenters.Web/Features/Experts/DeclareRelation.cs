using Microsoft.EntityFrameworkCore;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Audit;
using TechCenters.Web.Features.Units;

namespace TechCenters.Web.Features.Experts;

public sealed record RelationInput(string? CreditCode, string? Kind, int? EndedYear, string? Note);

/// <summary>
/// 申报关联关系: an expert (in their own account) or the bureau records a relation of the expert to a unit of the
/// jurisdiction; it makes a conflict from then on (<see cref="ExpertReviews.Recusal"/>). Audited; bad input changes nothing.
/// </summary>
public sealed class DeclareRelation(AppDbContext db, AuditLog audit, Infrastructure.Clock clock)
{
    /// <summary>Pure: why the input cannot be recorded, or null.</summary>
    public static string? Problem(RelationInput input, Unit? unit, DateOnly today, bool duplicate)
    {
        if (string.IsNullOrWhiteSpace(input.CreditCode)) return "请填写关联单位的统一社会信用代码。";
        if (unit is null) return "本辖区没有该统一社会信用代码的单位。";
        if (input.Kind is null || !RelationKinds.Names.ContainsKey(input.Kind)) return "请选择关系类别。";
        if (input.Kind == RelationKinds.FormerEmployer && input.EndedYear is null) return "前工作单位须填写离开年份。";
        if (input.EndedYear is { } y && (y < 1950 || y > today.Year)) return $"离开年份应在1950年至{today.Year}年之间。";
        if (input.Note is { Length: > 100 }) return "关系说明不超过100个字。";
        if (duplicate) return "已申报过与该单位的同类关系。";
        return null;
    }

    public async Task<string?> RunAsync(HttpContext http, int expertId, string jurisdiction, RelationInput input, CancellationToken ct)
    {
        http.Items[AuditMiddleware.HandledKey] = true;
        var code = input.CreditCode?.Trim().ToUpperInvariant();
        var unit = code is null ? null : await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.CreditCode == code && u.JurisdictionId == jurisdiction, ct);
        var duplicate = unit is not null && await db.ExpertRelations.AnyAsync(r => r.ExpertId == expertId && r.UnitId == unit.Id && r.Kind == input.Kind, ct);
        var expert = await db.Experts.AsNoTracking().FirstAsync(e => e.Id == expertId, ct);
        if (Problem(input, unit, clock.Today, duplicate) is { } problem)
        {
            await audit.AppendAsync(http, new AuditRecord("申报专家关联关系", AuditOutcome.Failure, "专家", expertId.ToString(), $"{expert.Name}：{problem}"), ct: ct);
            return problem;
        }
        var rel = new ExpertRelation
        {
            ExpertId = expertId, UnitId = unit!.Id, Kind = input.Kind!, EndedYear = input.EndedYear,
            Relation = string.IsNullOrWhiteSpace(input.Note) ? RelationKinds.Name(input.Kind!) : input.Note.Trim(),
            DeclaredAt = clock.UtcNow, DeclaredBy = http.User.Identity?.Name,
        };
        db.ExpertRelations.Add(rel);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(http, new AuditRecord("申报专家关联关系", AuditOutcome.Success, "专家", expertId.ToString(),
            $"{expert.Name}：{unit.Name}（{RelationKinds.Name(rel.Kind)}{(rel.EndedYear is { } y ? $"，{y}年离开" : "")}）"), ct: ct);
        return null;
    }
}
