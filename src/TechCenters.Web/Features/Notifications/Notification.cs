using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TechCenters.Policy.Rules;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;

namespace TechCenters.Web.Features.Notifications;

/// <summary>What a notification is about (its kind decides the icon and whether a reminder may repeat).</summary>
public static class NotificationKinds
{
    /// <summary>A case came to this account to act on (待您办理).</summary>
    public const string Assigned = "assigned";
    /// <summary>A case was returned to its filer for revision (退回修改).</summary>
    public const string Returned = "returned";
    /// <summary>A case ended (approved, rejected, withdrawn…).</summary>
    public const string Decided = "decided";
    /// <summary>A due date is near (到期提醒).</summary>
    public const string DueSoon = "due";
    /// <summary>A due date has passed (已逾期).</summary>
    public const string Overdue = "overdue";
    /// <summary>An expert withdrew from a case (专家申请回避), told to the bureau.</summary>
    public const string Withdrawn = "withdrawn";

    public static string Name(string kind) => kind switch
    {
        Assigned => "待办", Returned => "退回", Decided => "办结", DueSoon => "到期提醒", Overdue => "逾期", Withdrawn => "回避", _ => kind,
    };
}

/// <summary>
/// One message in an account's notification centre, fed by case events (the kernel writes them with the case's change)
/// and by reminders. Sending it by e-mail, where the account asks for that, goes through an outbox.
/// </summary>
public sealed class Notification
{
    public long Id { get; set; }
    public required string UserId { get; set; }
    public int? CaseId { get; set; }
    public required string Kind { get; set; }
    public required string Title { get; set; }
    public string? Body { get; set; }
    /// <summary>Where to open it (the case's page for this account).</summary>
    public string? Link { get; set; }
    /// <summary>Set for reminders so the same one is made once (user + key is unique).</summary>
    public string? DedupKey { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }

    /// <summary>An expert's account told of an application to review (待您评审), with the link to review it; <paramref name="why"/> says how it came to them.</summary>
    public static Notification ToReview(string userId, int caseId, string title, DateTimeOffset now, string why) => new()
    {
        UserId = userId, CaseId = caseId, Kind = NotificationKinds.Assigned, CreatedAt = now,
        Title = $"待您评审：{title}", Link = $"/ExpertReviews/Review?id={caseId}",
        Body = $"{why}；如与申报单位存在利害关系，请在“我的专家信息”中申请回避。",
    };
}

public sealed class NotificationMap : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> e)
    {
        e.ToTable("Notifications", t => t.HasComment("站内通知"));
        e.Property(x => x.UserId).HasMaxLength(450).HasComment("接收账号");
        e.Property(x => x.CaseId).HasComment("相关事项");
        e.Property(x => x.Kind).HasMaxLength(20).HasComment("类别（assigned 待办, returned 退回, decided 办结, due 到期提醒, overdue 逾期, withdrawn 专家回避）");
        e.Property(x => x.Title).HasMaxLength(200).HasComment("标题");
        e.Property(x => x.Body).HasMaxLength(2000).HasComment("内容");
        e.Property(x => x.Link).HasMaxLength(500).HasComment("链接");
        e.Property(x => x.DedupKey).HasMaxLength(200).HasComment("提醒去重键");
        e.Property(x => x.CreatedAt).HasComment("生成时间");
        e.Property(x => x.ReadAt).HasComment("阅读时间");
        e.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.UserId, x.ReadAt, x.Id });
        e.HasIndex(x => new { x.UserId, x.DedupKey }).IsUnique();
    }
}

/// <summary>The accounts that act as a pack actor on a case (whom a notification about it goes to).</summary>
public static class CaseRecipients
{
    public static async Task<List<string>> OfAsync(AppDbContext db, Case c, string actor, CancellationToken ct = default)
    {
        // Only accounts in use: a stopped account is told nothing, whichever actor it acts as (Bug 0658).
        IQueryable<AppUser> users = db.Users.Active();
        var roles = db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name });
        IQueryable<AppUser> InRole(string role) => users.Where(u => roles.Any(r => r.UserId == u.Id && r.Name == role));
        var q = actor switch
        {
            Actors.Bureau or Actors.DecisionMeeting or Actors.ProfessionalAgency =>
                InRole(Roles.BureauOfficer).Where(u => u.JurisdictionId == c.JurisdictionId),
            Actors.Department when c.DepartmentId is { } d => InRole(Roles.DepartmentOfficer).Where(u => u.DepartmentId == d),
            Actors.LeadUnit or Actors.Center or Actors.Council when c.LeadUnitId is { } lead => InRole(Roles.Applicant).Where(u => u.UnitId == lead),
            Actors.CoBuilders => InRole(Roles.Applicant).Where(u => db.CaseParties.Any(p => p.CaseId == c.Id && p.Role == CaseParty.CoBuilder && p.UnitId == u.UnitId)),
            Actors.ExpertPanel => InRole(Roles.Expert).Where(u => db.CaseAssignments.Any(a => a.CaseId == c.Id && a.ExpertId == u.ExpertId && a.EndedAt == null)),
            // The accounts entrusted with the case: one assigned, or each of the organisation assigned (Bug 0656), as the scope reads them.
            Actors.ThirdParty => InRole(Roles.Evaluator).Where(u => Evaluations.EvaluationKind.EntrustedAccounts(db, c.Id).Contains(u.Id)),
            _ => users.Where(u => false),
        };
        return await q.Select(u => u.Id).ToListAsync(ct);
    }
}
