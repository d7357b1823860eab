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
}

public enum UnitType
{
    Enterprise = 1,
    University = 2,
    ResearchInstitute = 3,
    NewRdInstitution = 4,
}

public static class UnitTypeNames
{
    public static string ToChinese(this UnitType t) => t switch
    {
        UnitType.Enterprise => "企业",
        UnitType.University => "高等院校",
        UnitType.ResearchInstitute => "科研院所",
        UnitType.NewRdInstitution => "新型研发机构",
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

/// <summary>单位人员. Phone and ID number are stored as given and always rendered masked.</summary>
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
}

public enum ExpertiseKind
{
    Technical = 1,
    Management = 2,
    Finance = 3,
}

/// <summary>专家库成员.</summary>
public sealed class Expert
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
    public List<ExpertRelation> Relations { get; set; } = [];
}

/// <summary>专家申报的关联单位 (used for recusal: an expert does not review a related unit).</summary>
public sealed class ExpertRelation
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
