using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Activity;
using TechCenters.Web.Features.Applications;
using TechCenters.Web.Features.Calls;
using TechCenters.Web.Features.Audit;
using TechCenters.Web.Features.Centers;
using TechCenters.Web.Features.Decisions;
using TechCenters.Web.Features.ExpertReviews;
using TechCenters.Web.Features.PublicNotices;
using TechCenters.Web.Features.Units;

namespace TechCenters.Web.Data;

public sealed class AppDbContext(DbContextOptions<AppDbContext> options) : IdentityDbContext<AppUser>(options)
{
    public DbSet<Jurisdiction> Jurisdictions => Set<Jurisdiction>();
    public DbSet<Department> Departments => Set<Department>();
    public DbSet<Unit> Units => Set<Unit>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<Expert> Experts => Set<Expert>();
    public DbSet<ExpertRelation> ExpertRelations => Set<ExpertRelation>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Call> Calls => Set<Call>();
    public DbSet<Application> Applications => Set<Application>();
    public DbSet<ApplicationCoBuilder> ApplicationCoBuilders => Set<ApplicationCoBuilder>();
    public DbSet<ApplicationVersion> ApplicationVersions => Set<ApplicationVersion>();
    public DbSet<Attachment> Attachments => Set<Attachment>();
    public DbSet<ActivityEntry> Activities => Set<ActivityEntry>();
    public DbSet<Revocation> Revocations => Set<Revocation>();
    public DbSet<ExpertPanel> ExpertPanels => Set<ExpertPanel>();
    public DbSet<PanelMember> PanelMembers => Set<PanelMember>();
    public DbSet<PanelAssignment> PanelAssignments => Set<PanelAssignment>();
    public DbSet<ExpertReview> ExpertReviews => Set<ExpertReview>();
    public DbSet<DecisionRecord> DecisionRecords => Set<DecisionRecord>();
    public DbSet<PublicNotice> PublicNotices => Set<PublicNotice>();
    public DbSet<PublicNoticeItem> PublicNoticeItems => Set<PublicNoticeItem>();
    public DbSet<Objection> Objections => Set<Objection>();
    public DbSet<Center> Centers => Set<Center>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);

        b.Entity<AppUser>(e =>
        {
            e.Property(x => x.DisplayName).HasMaxLength(100).HasComment("显示姓名");
            e.Property(x => x.JurisdictionId).HasMaxLength(64).HasComment("所属管理辖区");
            e.Property(x => x.DepartmentId).HasComment("所属归口管理部门");
            e.Property(x => x.UnitId).HasComment("所属申报单位");
            e.Property(x => x.ExpertId).HasComment("对应专家库成员");
            e.Property(x => x.CreatedAt).HasComment("创建时间");
        });

        b.Entity<Jurisdiction>(e =>
        {
            e.ToTable("Jurisdictions", t => t.HasComment("管理辖区"));
            e.Property(x => x.Id).HasMaxLength(64).HasComment("辖区标识（与管理办法文件名一致）");
            e.Property(x => x.Name).HasMaxLength(100).HasComment("辖区名称");
            e.Property(x => x.Level).HasMaxLength(20).HasComment("层级");
            e.Property(x => x.BureauName).HasMaxLength(100).HasComment("科技主管部门名称");
        });

        b.Entity<Department>(e =>
        {
            e.ToTable("Departments", t => t.HasComment("归口管理部门/属地主管部门"));
            e.Property(x => x.Name).HasMaxLength(100).HasComment("部门名称");
            e.Property(x => x.Kind).HasMaxLength(20).HasComment("部门类别（团场、园区、地州市、旗县区、开发区、县市区等）");
            e.Property(x => x.JurisdictionId).HasMaxLength(64).HasComment("所属管理辖区");
            e.HasOne(x => x.Jurisdiction).WithMany(x => x.Departments).HasForeignKey(x => x.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => new { x.JurisdictionId, x.Name }).IsUnique();
        });

        b.Entity<Unit>(e =>
        {
            e.ToTable("Units", t => t.HasComment("申报单位"));
            e.Property(x => x.CreditCode).HasMaxLength(18).IsFixedLength(false).HasComment("统一社会信用代码");
            e.Property(x => x.Name).HasMaxLength(200).HasComment("单位名称");
            e.Property(x => x.Type).HasComment("单位类型：1企业 2高等院校 3科研院所 4新型研发机构");
            e.Property(x => x.JurisdictionId).HasMaxLength(64).HasComment("所属管理辖区");
            e.Property(x => x.DepartmentId).HasComment("归口管理部门（为空表示直接向科技局申报）");
            e.Property(x => x.Region).HasMaxLength(100).HasComment("所在地区");
            e.Property(x => x.RegisteredAddress).HasMaxLength(300).HasComment("注册地址");
            e.Property(x => x.CreatedAt).HasComment("创建时间");
            e.HasIndex(x => x.CreditCode).IsUnique();
            e.HasIndex(x => new { x.JurisdictionId, x.Name });
            e.HasIndex(x => new { x.DepartmentId, x.Name });
            e.HasIndex(x => new { x.JurisdictionId, x.Type }); // workbench counts by type
            e.HasIndex(x => new { x.DepartmentId, x.Type });
            e.HasOne(x => x.Jurisdiction).WithMany().HasForeignKey(x => x.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.Department).WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        });

        b.Entity<Person>(e =>
        {
            e.ToTable("People", t => t.HasComment("单位人员"));
            e.Property(x => x.Name).HasMaxLength(50).HasComment("姓名");
            e.Property(x => x.Title).HasMaxLength(50).HasComment("职称");
            e.Property(x => x.Position).HasMaxLength(50).HasComment("职务");
            e.Property(x => x.Phone).HasMaxLength(20).HasComment("手机号码（页面与导出一律脱敏）");
            e.Property(x => x.IdNumber).HasMaxLength(18).HasComment("身份证号码（页面与导出一律脱敏）");
            e.Property(x => x.UnitId).HasComment("所在单位");
            e.HasOne(x => x.Unit).WithMany(x => x.People).HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.UnitId, x.Name });
        });

        b.Entity<Expert>(e =>
        {
            e.ToTable("Experts", t => t.HasComment("专家库"));
            e.Property(x => x.Name).HasMaxLength(50).HasComment("姓名");
            e.Property(x => x.JurisdictionId).HasMaxLength(64).HasComment("所属专家库（管理辖区）");
            e.HasOne<Jurisdiction>().WithMany().HasForeignKey(x => x.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
            e.Property(x => x.Field).HasMaxLength(100).HasComment("专业领域");
            e.Property(x => x.Kind).HasComment("专家类别：1技术 2管理 3财务");
            e.Property(x => x.Title).HasMaxLength(50).HasComment("职称");
            e.Property(x => x.Employer).HasMaxLength(200).HasComment("工作单位");
            e.Property(x => x.UnitId).HasComment("工作单位（平台内单位）");
            e.Property(x => x.Phone).HasMaxLength(20).HasComment("手机号码（脱敏显示）");
            e.HasOne(x => x.Unit).WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(x => x.Relations).WithOne().HasForeignKey(x => x.ExpertId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<ExpertRelation>(e =>
        {
            e.ToTable("ExpertRelations", t => t.HasComment("专家申报的关联单位（回避依据）"));
            e.Property(x => x.Relation).HasMaxLength(100).HasComment("关联关系");
            e.Property(x => x.ExpertId).HasComment("专家");
            e.Property(x => x.UnitId).HasComment("关联单位");
            e.HasOne(x => x.Unit).WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<AuditEntry>(e =>
        {
            e.ToTable("AuditEntries", t => t.HasComment("审计日志（只追加，哈希链防篡改）"));
            e.Property(x => x.Sequence).HasComment("链上序号");
            e.Property(x => x.OccurredAt).HasComment("发生时间（UTC）");
            e.Property(x => x.UtcOffsetMinutes).HasComment("记录时本地时区相对UTC的偏移（分钟）");
            e.Property(x => x.UserId).HasMaxLength(450).HasComment("用户标识");
            e.Property(x => x.UserName).HasMaxLength(256).HasComment("用户名");
            e.Property(x => x.ClientAddress).HasMaxLength(64).HasComment("客户端地址");
            e.Property(x => x.Action).HasMaxLength(200).HasComment("操作");
            e.Property(x => x.ObjectType).HasMaxLength(100).HasComment("对象类型");
            e.Property(x => x.ObjectId).HasMaxLength(100).HasComment("对象标识");
            e.Property(x => x.Outcome).HasMaxLength(20).HasComment("结果");
            e.Property(x => x.Detail).HasMaxLength(2000).HasComment("详情");
            e.Property(x => x.PreviousHash).HasMaxLength(64).HasComment("前一条记录的哈希（SM3）");
            e.Property(x => x.Hash).HasMaxLength(64).HasComment("本条记录的哈希（SM3）");
            e.Ignore(x => x.LocalTime);
            e.HasIndex(x => x.Sequence).IsUnique();
            e.HasIndex(x => x.OccurredAt);
            e.HasIndex(x => new { x.UserName, x.Sequence });
        });

        ApplyingModel.Configure(b);
        SelectingModel.Configure(b);

        if (Database.IsSqlite())
        {
            // SQLite cannot compare or order DateTimeOffset stored as text; store it as a sortable 64-bit value.
            foreach (var entity in b.Model.GetEntityTypes())
                foreach (var p in entity.GetProperties().Where(p => p.ClrType == typeof(DateTimeOffset) || p.ClrType == typeof(DateTimeOffset?)))
                    p.SetValueConverter(new DateTimeOffsetToBinaryConverter());
        }
    }
}
