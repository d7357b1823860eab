using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TechCenters.Web.Features.Cases;

namespace TechCenters.Web.Features.Activity;

/// <summary>
/// Who may read a timeline entry (Hypha's activity visibility, as flags). The bureau reads every entry; an account also
/// reads the entries it wrote. Experts' identities and scores go only to <see cref="Bureau"/>, never to the applicant or
/// the department; the bureau writes what summary the applicant sees as an entry of its own.
/// </summary>
[Flags]
public enum Audience
{
    None = 0,
    /// <summary>The lead unit and co-builders (申报单位/中心).</summary>
    Applicant = 1,
    /// <summary>The competent department (and its parents).</summary>
    Department = 2,
    /// <summary>Experts or evaluators assigned to the case.</summary>
    Reviewers = 4,
    Bureau = 8,
    /// <summary>Anyone, also without an account (公示 facts).</summary>
    Public = 16,
    /// <summary>Everyone party to the case.</summary>
    Parties = Applicant | Department | Reviewers | Bureau,
    /// <summary>The department and the bureau.</summary>
    Officials = Department | Bureau,
}

/// <summary>One entry on a case's timeline: who, when, from → to, under which pack version and article, and who may read it.</summary>
public sealed class ActivityEntry
{
    public long Id { get; set; }
    public int CaseId { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public string? UserId { get; set; }
    public required string UserName { get; set; }
    public string? Role { get; set; }
    /// <summary>What happened, in Chinese (提交申报书, 推荐, 退回修改…).</summary>
    public required string Action { get; set; }
    public string? FromStage { get; set; }
    public string? ToStage { get; set; }
    public string? FromStageName { get; set; }
    public string? ToStageName { get; set; }
    public required string PackVersion { get; set; }
    public required string PackDocument { get; set; }
    public string? Article { get; set; }
    /// <summary>Reasons, opinion or receipt number.</summary>
    public string? Note { get; set; }
    /// <summary>Who may read the entry.</summary>
    public Audience Audience { get; set; } = Audience.Parties;
}

public static class Timeline
{
    /// <summary>The entries of a case this account may read: its audience includes the viewer's, or the viewer wrote it.</summary>
    public static IQueryable<ActivityEntry> VisibleTo(this IQueryable<ActivityEntry> entries, Audience viewer, string? userId) =>
        viewer.HasFlag(Audience.Bureau)
            ? entries
            : entries.Where(e => (e.Audience & viewer) != 0 || (userId != null && e.UserId == userId));
}

/// <summary>EF mapping of <see cref="ActivityEntry"/>.</summary>
public sealed class ActivityEntryMap : IEntityTypeConfiguration<ActivityEntry>
{
    public void Configure(EntityTypeBuilder<ActivityEntry> e)
    {
        e.ToTable("Activities", t => t.HasComment("事项办理记录（时间线）"));
        e.Property(x => x.CaseId).HasComment("事项");
        e.Property(x => x.OccurredAt).HasComment("发生时间（UTC）");
        e.Property(x => x.UserId).HasMaxLength(450).HasComment("用户标识");
        e.Property(x => x.UserName).HasMaxLength(256).HasComment("用户名");
        e.Property(x => x.Role).HasMaxLength(32).HasComment("角色");
        e.Property(x => x.Action).HasMaxLength(100).HasComment("操作");
        e.Property(x => x.FromStage).HasMaxLength(64).HasComment("原阶段");
        e.Property(x => x.ToStage).HasMaxLength(64).HasComment("新阶段");
        e.Property(x => x.FromStageName).HasMaxLength(200).HasComment("原阶段名称");
        e.Property(x => x.ToStageName).HasMaxLength(200).HasComment("新阶段名称");
        e.Property(x => x.PackVersion).HasMaxLength(10).HasComment("政策包版本");
        e.Property(x => x.PackDocument).HasMaxLength(200).HasComment("管理办法文号");
        e.Property(x => x.Article).HasMaxLength(200).HasComment("依据条款");
        e.Property(x => x.Note).HasMaxLength(4000).HasComment("意见、理由或回执");
        e.Property(x => x.Audience).HasComment("可见范围（位标志：1申报单位 2归口部门 4专家/评估机构 8科技局 16公众）");
        e.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.CaseId, x.Id });
    }
}

/// <summary>An entry as one viewer reads it: stage names as that viewer may see them.</summary>
public sealed record TimelineItem(ActivityEntry Entry, string? FromName, string? ToName);

public static class TimelineView
{
    /// <summary>The case's entries this account may read, oldest first, with stage names it may see.</summary>
    public static async Task<List<TimelineItem>> LoadAsync(Data.AppDbContext db, CaseContext ctx, CancellationToken ct = default)
    {
        var entries = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.Activities.AsNoTracking().Where(a => a.CaseId == ctx.Case.Id).VisibleTo(ctx.Relation.Audience, ctx.Actor.Scope.UserId).OrderBy(a => a.Id), ct);
        string? Name(string? id, string? recorded) => id is not null && ctx.Process.Stage(id) is { } s ? ctx.Name(s) : recorded;
        return entries.Select(e => new TimelineItem(e, Name(e.FromStage, e.FromStageName), Name(e.ToStage, e.ToStageName))).ToList();
    }
}
