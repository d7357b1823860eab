using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TechCenters.Web.Features.Calls;
using TechCenters.Web.Features.Applications;
using TechCenters.Web.Features.PublicNotices;
namespace TechCenters.Web.Features.Units;

/// <summary>管理辖区 (师/自治区/市/区); the id is the slug used by the regulation and policy files.</summary>
public sealed class Jurisdiction
{
    public required string Id { get; set; }
    public required string Name { get; set; }
    /// <summary>层级: 师, 自治区, 市, 区.</summary>
    public required string Level { get; set; }
    public required string BureauName { get; set; }
    public List<Department> Departments { get; set; } = [];

    /// <summary>
    /// 科技局名称 of a jurisdiction, as every signed-in page's header shows it: jurisdictions are reference data (written by
    /// the seeder only), so the name is read once per process and ten minutes, not on every request (docs/performance.md).
    /// </summary>
    public static async Task<string?> BureauNameAsync(Data.AppDbContext db, Microsoft.Extensions.Caching.Memory.IMemoryCache cache, string id,
        CancellationToken ct = default) =>
        await Microsoft.Extensions.Caching.Memory.CacheExtensions.GetOrCreateAsync(cache, ("bureau-name", id), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(10);
            return await db.Jurisdictions.AsNoTracking().Where(j => j.Id == id).Select(j => j.BureauName).FirstOrDefaultAsync(ct);
        });
}

/// <summary>归口管理部门 / 属地主管部门.</summary>
public sealed class Department
{
    public int Id { get; set; }
    public required string JurisdictionId { get; set; }
    public Jurisdiction? Jurisdiction { get; set; }
    public required string Name { get; set; }
    /// <summary>团场, 园区, 地州市, 旗县区, 开发区, 经开区, 县市区, 区级部门 …</summary>
    public required string Kind { get; set; }
    /// <summary>The department above it (null: reports to the bureau).</summary>
    public int? ParentId { get; set; }
    /// <summary>Ids from the root down, "/3/7/": a department's subtree is every department whose path contains "/id/".</summary>
    public string Path { get; set; } = "/";
    /// <summary>False once deactivated (停用): kept for history, no longer offered for units or sub-departments.</summary>
    public bool Active { get; set; } = true;

    public static string SubtreeMarker(int id) => $"/{id}/";
}

public enum UnitType
{
    Enterprise = 1,
    University = 2,
    ResearchInstitute = 3,
    NewRdInstitution = 4,
    /// <summary>技术机构 (检验检测、技术服务机构): a lead type in vocabulary.yaml (lead.type technical_institution).</summary>
    TechnicalInstitution = 5,
}

public static class UnitTypeNames
{
    public static string ToChinese(this UnitType t) => t switch
    {
        UnitType.Enterprise => "企业",
        UnitType.University => "高等院校",
        UnitType.ResearchInstitute => "科研院所",
        UnitType.NewRdInstitution => "新型研发机构",
        UnitType.TechnicalInstitution => "技术机构",
        _ => "其他",
    };
}

/// <summary>申报单位 (牵头单位 / 依托单位 / 共建单位).</summary>
public sealed class Unit
{
    public int Id { get; set; }
    /// <summary>统一社会信用代码 (GB 32100-2015).</summary>
    public required string CreditCode { get; set; }
    public required string Name { get; set; }
    public UnitType Type { get; set; }
    public required string JurisdictionId { get; set; }
    public Jurisdiction? Jurisdiction { get; set; }
    /// <summary>Null: reports straight to the bureau (第十二师 驻地高校、师直单位).</summary>
    public int? DepartmentId { get; set; }
    public Department? Department { get; set; }
    public required string Region { get; set; }
    public required string RegisteredAddress { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<Person> People { get; set; } = [];
}

/// <summary>
/// 单位人员. Phone, ID number and e-mail are encrypted at rest with SM4 (Features/Security/PersonalData) and always
/// rendered masked; the keyed SM3 hashes serve exact look-ups without decrypting.
/// </summary>
public sealed class Person
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public Unit? Unit { get; set; }
    public required string Name { get; set; }
    /// <summary>职称.</summary>
    public string? Title { get; set; }
    /// <summary>职务.</summary>
    public string? Position { get; set; }
    public string? Phone { get; set; }
    public string? IdNumber { get; set; }
    public string? Email { get; set; }
    public string? PhoneHash { get; set; }
    public string? IdNumberHash { get; set; }
}

public enum ExpertiseKind
{
    Technical = 1,
    Management = 2,
    Finance = 3,
}

/// <summary>专家库成员.</summary>
public sealed partial class Expert
{
    public int Id { get; set; }
    /// <summary>Whose pool (专家库) the expert is in.</summary>
    public required string JurisdictionId { get; set; }
    public required string Name { get; set; }
    public required string Field { get; set; }
    public ExpertiseKind Kind { get; set; }
    public string? Title { get; set; }
    /// <summary>所在单位 (may be outside the platform's units).</summary>
    public required string Employer { get; set; }
    public int? UnitId { get; set; }
    public Unit? Unit { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? PhoneHash { get; set; }
    public List<ExpertRelation> Relations { get; set; } = [];
}

/// <summary>专家申报的关联单位 (used for recusal: an expert does not review a related unit).</summary>
public sealed partial class ExpertRelation
{
    public int Id { get; set; }
    public int ExpertId { get; set; }
    public int UnitId { get; set; }
    public Unit? Unit { get; set; }
    public required string Relation { get; set; }
}

public static class ExpertiseKindNames
{
    public static string ToChinese(this ExpertiseKind k) => k switch
    {
        ExpertiseKind.Technical => "技术专家",
        ExpertiseKind.Management => "管理专家",
        ExpertiseKind.Finance => "财务专家",
        _ => "其他",
    };
}

/// <summary>EF mapping of <see cref="Jurisdiction"/>.</summary>
public sealed class JurisdictionMap : IEntityTypeConfiguration<Jurisdiction>
{
    public void Configure(EntityTypeBuilder<Jurisdiction> e)
    {
        e.ToTable("Jurisdictions", t => t.HasComment("管理辖区"));
        e.Property(x => x.Id).HasMaxLength(64).HasComment("辖区标识（与管理办法文件名一致）");
        e.Property(x => x.Name).HasMaxLength(100).HasComment("辖区名称");
        e.Property(x => x.Level).HasMaxLength(20).HasComment("层级");
        e.Property(x => x.BureauName).HasMaxLength(100).HasComment("科技主管部门名称");
    }
}

/// <summary>EF mapping of <see cref="Department"/>.</summary>
public sealed class DepartmentMap : IEntityTypeConfiguration<Department>
{
    public void Configure(EntityTypeBuilder<Department> e)
    {
        e.ToTable("Departments", t => t.HasComment("归口管理部门/属地主管部门"));
        e.Property(x => x.Name).HasMaxLength(100).HasComment("部门名称");
        e.Property(x => x.Kind).HasMaxLength(20).HasComment("部门类别（团场、园区、地州市、旗县区、开发区、县市区等）");
        e.Property(x => x.JurisdictionId).HasMaxLength(64).HasComment("所属管理辖区");
        e.Property(x => x.ParentId).HasComment("上级部门（为空表示直属科技局）");
        e.Property(x => x.Path).HasMaxLength(400).HasComment("部门路径（/上级Id/本级Id/，用于按子树授权）");
        e.HasOne(x => x.Jurisdiction).WithMany(x => x.Departments).HasForeignKey(x => x.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Department>().WithMany().HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.Restrict);
        e.Property(x => x.Active).HasDefaultValue(true).HasComment("是否启用（停用后保留历史，不再用于新的归属）");
        e.HasIndex(x => x.Path);
        e.HasIndex(x => new { x.JurisdictionId, x.Name }).IsUnique();
    }
}

/// <summary>EF mapping of <see cref="Unit"/>.</summary>
public sealed class UnitMap : IEntityTypeConfiguration<Unit>
{
    public void Configure(EntityTypeBuilder<Unit> e)
    {
        e.ToTable("Units", t => t.HasComment("申报单位"));
        e.Property(x => x.CreditCode).HasMaxLength(18).IsFixedLength(false).HasComment("统一社会信用代码");
        e.Property(x => x.Name).HasMaxLength(200).HasComment("单位名称");
        e.Property(x => x.Type).HasComment("单位类型：1企业 2高等院校 3科研院所 4新型研发机构 5技术机构");
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
    }
}

/// <summary>EF mapping of <see cref="Person"/>.</summary>
public sealed class PersonMap : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> e)
    {
        e.ToTable("People", t => t.HasComment("单位人员"));
        e.Property(x => x.Name).HasMaxLength(50).HasComment("姓名");
        e.Property(x => x.Title).HasMaxLength(50).HasComment("职称");
        e.Property(x => x.Position).HasMaxLength(50).HasComment("职务");
        e.Property(x => x.Phone).HasMaxLength(Security.PersonalDataColumns.StoredLength).HasComment("手机号码（SM4加密存储；页面与导出一律脱敏）");
        e.Property(x => x.IdNumber).HasMaxLength(Security.PersonalDataColumns.StoredLength).HasComment("身份证号码（SM4加密存储；页面与导出一律脱敏）");
        e.Property(x => x.Email).HasMaxLength(Security.PersonalDataColumns.StoredLength).HasComment("电子邮箱（SM4加密存储；脱敏显示）");
        e.Property(x => x.PhoneHash).HasMaxLength(64).HasComment("手机号码的带密钥SM3杂凑（精确查询用）");
        e.Property(x => x.IdNumberHash).HasMaxLength(64).HasComment("身份证号码的带密钥SM3杂凑（精确查询用）");
        e.HasIndex(x => x.PhoneHash);
        e.HasIndex(x => x.IdNumberHash);
        e.Property(x => x.UnitId).HasComment("所在单位");
        e.HasOne(x => x.Unit).WithMany(x => x.People).HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.UnitId, x.Name });
    }
}

/// <summary>EF mapping of <see cref="Expert"/>.</summary>
public sealed class ExpertMap : IEntityTypeConfiguration<Expert>
{
    public void Configure(EntityTypeBuilder<Expert> e)
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
        e.Property(x => x.Phone).HasMaxLength(Security.PersonalDataColumns.StoredLength).HasComment("手机号码（SM4加密存储；脱敏显示）");
        e.Property(x => x.Email).HasMaxLength(Security.PersonalDataColumns.StoredLength).HasComment("电子邮箱（SM4加密存储；脱敏显示）");
        e.Property(x => x.PhoneHash).HasMaxLength(64).HasComment("手机号码的带密钥SM3杂凑（精确查询用）");
        e.HasIndex(x => x.PhoneHash);
        e.HasOne(x => x.Unit).WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(x => x.Relations).WithOne().HasForeignKey(x => x.ExpertId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>EF mapping of <see cref="ExpertRelation"/>.</summary>
public sealed class ExpertRelationMap : IEntityTypeConfiguration<ExpertRelation>
{
    public void Configure(EntityTypeBuilder<ExpertRelation> e)
    {
        e.ToTable("ExpertRelations", t => t.HasComment("专家申报的关联单位（回避依据）"));
        e.Property(x => x.Relation).HasMaxLength(100).HasComment("关联关系");
        e.Property(x => x.ExpertId).HasComment("专家");
        e.Property(x => x.UnitId).HasComment("关联单位");
        e.HasOne(x => x.Unit).WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Cascade);
    }
}

public static class DepartmentPaths
{
    /// <summary>Sets the path of departments created without one ("/"), parents first: "/parent/…/id/".</summary>
    public static async Task FillAsync(Data.AppDbContext db, CancellationToken ct = default)
    {
        var all = await db.Departments.ToListAsync(ct);
        var byId = all.ToDictionary(d => d.Id);
        string PathOf(Department d) => (d.ParentId is { } p && byId.TryGetValue(p, out var parent) ? PathOf(parent) : "/") + d.Id + "/";
        foreach (var d in all) d.Path = PathOf(d);
        await db.SaveChangesAsync(ct);
    }
}
