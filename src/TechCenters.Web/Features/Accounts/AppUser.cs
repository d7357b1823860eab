using Microsoft.AspNetCore.Identity;

namespace TechCenters.Web.Features.Accounts;

public sealed class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    /// <summary>Scope: which jurisdiction / department / unit / expert record the account acts for.</summary>
    public string? JurisdictionId { get; set; }
    public int? DepartmentId { get; set; }
    public int? UnitId { get; set; }
    public int? ExpertId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>When the password was last set (null: at creation); drives Security:PasswordMaxAgeDays.</summary>
    public DateTimeOffset? PasswordChangedAt { get; set; }
}

public static class Roles
{
    public const string BureauOfficer = nameof(BureauOfficer);
    public const string DepartmentOfficer = nameof(DepartmentOfficer);
    public const string Applicant = nameof(Applicant);
    public const string Expert = nameof(Expert);
    public const string Evaluator = nameof(Evaluator);
    public const string SystemAdmin = nameof(SystemAdmin);
    public const string SecurityAdmin = nameof(SecurityAdmin);
    public const string AuditAdmin = nameof(AuditAdmin);

    public static readonly string[] All =
        [BureauOfficer, DepartmentOfficer, Applicant, Expert, Evaluator, SystemAdmin, SecurityAdmin, AuditAdmin];

    public static string ToChinese(string role) => role switch
    {
        BureauOfficer => "科技局管理员",
        DepartmentOfficer => "归口管理部门",
        Applicant => "申报单位",
        Expert => "评审专家",
        Evaluator => "第三方评估机构",
        SystemAdmin => "系统管理员",
        SecurityAdmin => "安全管理员",
        AuditAdmin => "审计管理员",
        _ => role,
    };
}
