using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TechCenters.Web.Features.Units;
using TechCenters.Web.Features.Calls;
using TechCenters.Web.Features.Applications;
using TechCenters.Web.Features.PublicNotices;
namespace TechCenters.Web.Features.Decisions;

/// <summary>决策会议（会议研究、局长办公会、局党组会）对一份申报的结果。</summary>
public sealed class DecisionRecord
{
    public int Id { get; set; }
    public int ApplicationId { get; set; }
    public required string JurisdictionId { get; set; }
    /// <summary>The meeting as the pack names it (会议研究 / 局长办公会审议 / 局党组会研究同意).</summary>
    public required string Meeting { get; set; }
    public DateOnly MeetingDate { get; set; }
    public bool Approved { get; set; }
    public string? Note { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public string? RecordedBy { get; set; }
}

/// <summary>EF mapping of <see cref="DecisionRecord"/>.</summary>
public sealed class DecisionRecordMap : IEntityTypeConfiguration<DecisionRecord>
{
    public void Configure(EntityTypeBuilder<DecisionRecord> e)
    {
        e.ToTable("DecisionRecords", t => t.HasComment("决策会议结果"));
        e.Property(x => x.ApplicationId).HasComment("申报书");
        e.Property(x => x.JurisdictionId).HasMaxLength(64).HasComment("管理辖区");
        e.Property(x => x.Meeting).HasMaxLength(100).HasComment("决策会议（按政策包）");
        e.Property(x => x.MeetingDate).HasComment("会议日期");
        e.Property(x => x.Approved).HasComment("是否同意");
        e.Property(x => x.Note).HasMaxLength(2000).HasComment("会议意见");
        e.Property(x => x.RecordedAt).HasComment("记录时间");
        e.Property(x => x.RecordedBy).HasMaxLength(256).HasComment("记录人");
        e.HasOne<Application>().WithMany().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => x.ApplicationId);
    }
}
