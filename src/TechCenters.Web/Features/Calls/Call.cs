using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TechCenters.Web.Features.Units;
using TechCenters.Web.Features.Applications;
using TechCenters.Web.Features.PublicNotices;
namespace TechCenters.Web.Features.Calls;

/// <summary>申报通知: published by a bureau for its jurisdiction; applications are made under it while it is open.</summary>
public sealed class Call
{
    public int Id { get; set; }
    public required string JurisdictionId { get; set; }
    public required string Title { get; set; }
    /// <summary>年度优先建设布局领域, one per line (沧州 names them per year).</summary>
    public string? PriorityFields { get; set; }
    public string? Body { get; set; }
    public DateTimeOffset OpensAt { get; set; }
    public DateTimeOffset ClosesAt { get; set; }
    /// <summary>The pack version (folder date) in force when the call opens, and its document number.</summary>
    public required string PackVersion { get; set; }
    public required string PackDocument { get; set; }
    public DateTimeOffset PublishedAt { get; set; }
    public string? PublishedBy { get; set; }
    /// <summary>Withdrawn by the bureau before any application was made under it (then it takes no application).</summary>
    public DateTimeOffset? WithdrawnAt { get; set; }
    public string? WithdrawnBy { get; set; }
    public string? WithdrawReason { get; set; }

    public IEnumerable<string> Fields => (PriorityFields ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    public bool Withdrawn => WithdrawnAt is not null;
    public bool IsOpen(DateTimeOffset now) => WithdrawnAt is null && now >= OpensAt && now < ClosesAt;
}


/// <summary>EF mapping of <see cref="Call"/>.</summary>
public sealed class CallMap : IEntityTypeConfiguration<Call>
{
    public void Configure(EntityTypeBuilder<Call> e)
    {
        e.ToTable("Calls", t => t.HasComment("申报通知"));
        e.Property(x => x.JurisdictionId).HasMaxLength(64).HasComment("管理辖区");
        e.Property(x => x.Title).HasMaxLength(200).HasComment("通知标题");
        e.Property(x => x.PriorityFields).HasMaxLength(2000).HasComment("优先建设布局领域（每行一个）");
        e.Property(x => x.Body).HasMaxLength(20000).HasComment("通知正文");
        e.Property(x => x.OpensAt).HasComment("开始申报时间（UTC）");
        e.Property(x => x.ClosesAt).HasComment("截止申报时间（UTC）");
        e.Property(x => x.PackVersion).HasMaxLength(10).HasComment("适用政策包版本（施行日期）");
        e.Property(x => x.PackDocument).HasMaxLength(200).HasComment("适用管理办法文号");
        e.Property(x => x.PublishedAt).HasComment("发布时间");
        e.Property(x => x.PublishedBy).HasMaxLength(256).HasComment("发布人");
        e.Property(x => x.WithdrawnAt).HasComment("撤回时间");
        e.Property(x => x.WithdrawnBy).HasMaxLength(256).HasComment("撤回人");
        e.Property(x => x.WithdrawReason).HasMaxLength(500).HasComment("撤回理由");
        e.Ignore(x => x.Fields);
        e.Ignore(x => x.Withdrawn);
        e.HasOne<Jurisdiction>().WithMany().HasForeignKey(x => x.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.JurisdictionId, x.ClosesAt });
    }
}
