using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TechCenters.Web.Features.Calls;
using TechCenters.Web.Features.Cases;
using TechCenters.Web.Features.PublicNotices;
using TechCenters.Web.Features.Units;

namespace TechCenters.Web.Features.Revocations;

/// <summary>撤销认定 of a unit's center: the date and ground feed the pack's `ban` rules (不得再行申报).</summary>
public sealed class Revocation
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public Unit? Unit { get; set; }
    public required string JurisdictionId { get; set; }
    public DateOnly RevokedOn { get; set; }
    /// <summary>The pack's ground rule ids the revocation rests on (revocation.grounds), comma-separated, e.g. ground-fraud.</summary>
    public required string Ground { get; set; }
    /// <summary>The revocation case that decided it (null for records kept before revocations were cases).</summary>
    public int? CaseId { get; set; }
    public int? CenterId { get; set; }

    public IReadOnlyList<string> Grounds => Ground.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    public string? Document { get; set; }
    public string? Note { get; set; }
}

/// <summary>EF mapping of <see cref="Revocation"/>.</summary>
public sealed class RevocationMap : IEntityTypeConfiguration<Revocation>
{
    public void Configure(EntityTypeBuilder<Revocation> e)
    {
        e.ToTable("Revocations", t => t.HasComment("撤销认定记录（不得再行申报的依据）"));
        e.Property(x => x.UnitId).HasComment("被撤销的牵头（依托）单位");
        e.Property(x => x.JurisdictionId).HasMaxLength(64).HasComment("管理辖区");
        e.Property(x => x.RevokedOn).HasComment("撤销决定日期");
        e.Property(x => x.Ground).HasMaxLength(500).HasComment("撤销所依据的情形（政策包规则标识，逗号分隔）");
        e.Property(x => x.CaseId).HasComment("作出撤销决定的事项");
        e.Property(x => x.CenterId).HasComment("被撤销的技术创新中心");
        e.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Centers.Center>().WithMany().HasForeignKey(x => x.CenterId).OnDelete(DeleteBehavior.Restrict);
        e.Property(x => x.Document).HasMaxLength(200).HasComment("撤销决定文号");
        e.Property(x => x.Note).HasMaxLength(2000).HasComment("说明");
        e.HasOne(x => x.Unit).WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Jurisdiction>().WithMany().HasForeignKey(x => x.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.UnitId, x.RevokedOn });
    }
}
