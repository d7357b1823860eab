using TechCenters.Web.Features.Accounts;

namespace TechCenters.Web.Features.Shared;

public sealed record NavItem(string Title, string Icon, string Url, string[]? Roles = null, string? Slug = null, string? Summary = null);

/// <summary>Navigation by lifecycle area. Areas not built yet open a tidy 建设中 page, never a broken link.</summary>
public static class Navigation
{
    private static readonly string[] Business = [Roles.BureauOfficer, Roles.DepartmentOfficer, Roles.Applicant, Roles.Expert, Roles.Evaluator];

    public static readonly NavItem[] Lifecycle =
    [
        new("申报通知", "ti-speakerphone", "/Calls", Business, "calls", "科技局发布布局方向、重点领域与申报截止时间。"),
        new("申报管理", "ti-file-description", "/Applications", [Roles.BureauOfficer, Roles.DepartmentOfficer, Roles.Applicant], "applications", "牵头单位填写申报书与建设方案，归口管理部门审核推荐，科技局受理初审。"),
        new("专家评审", "ti-users-group", "/ExpertReviews", Business, "expert-reviews", "组建技术、管理、财务专家组论证评审，必要时实地考察，执行回避。"),
        new("认定公示", "ti-bell-ringing", "/PublicNotices", Business, "public-notices", "会议研究、公示（按工作日计算）、异议处理与批准认定。"),
        new("中心运行", "ti-building-factory-2", "/Centers/Manage", [Roles.BureauOfficer, Roles.DepartmentOfficer, Roles.Applicant], "centers", "理事会、专家委员会（技术指导委员会）与主任的组建与备案。"),
        new("年度报告", "ti-report", "/AnnualReports", [Roles.BureauOfficer, Roles.DepartmentOfficer, Roles.Applicant], "annual-reports", "年度报告与自评价的提交和逐级审核。"),
        new("变更申请", "ti-arrows-exchange", "/Changes", [Roles.BureauOfficer, Roles.DepartmentOfficer, Roles.Applicant], "change-requests", "名称、注册地、依托单位、核心共建单位等重大事项变更。"),
        new("绩效评估", "ti-chart-bar", "/Evaluations", Business, "evaluations", "按周期开展绩效评估，可委托第三方评估机构，依指标体系评定等级。"),
        new("撤销认定", "ti-alert-triangle", "/Revocations", [Roles.BureauOfficer, Roles.DepartmentOfficer, Roles.Applicant], "revocations", "按管理办法所列情形撤销认定（听取陈述申辩、决定书），及不得再行申报期限。"),
    ];

    public static readonly NavItem[] Management =
    [
        new("总览", "ti-chart-pie", "/Overview", [Roles.BureauOfficer, Roles.DepartmentOfficer, Roles.Applicant]),
        new("事项查询", "ti-list-search", "/Lists/Cases", [Roles.BureauOfficer, Roles.DepartmentOfficer, Roles.Applicant]),
        new("单位与人员", "ti-building", "/Units", [Roles.BureauOfficer, Roles.DepartmentOfficer, Roles.Applicant]),
        new("专家库", "ti-user-star", "/Experts", [Roles.BureauOfficer]),
        new("科研诚信记录", "ti-shield-x", "/Integrity", [Roles.BureauOfficer, Roles.DepartmentOfficer]),
        new("我的专家信息", "ti-id-badge", "/Experts/Mine", [Roles.Expert]),
        new("接入系统", "ti-api", "/Api/Clients", [Roles.BureauOfficer]),
        new("审计日志", "ti-shield-search", "/Audit", [Roles.AuditAdmin]),
        new("系统管理", "ti-settings", "/Admin/Users", [Roles.SystemAdmin]),
        new("安全管理", "ti-lock", "/Admin/Security", [Roles.SecurityAdmin]),
        new("在线会话", "ti-device-desktop-analytics", "/Admin/Sessions", [Roles.SecurityAdmin]),
    ];

    public static NavItem? Area(string slug) => Lifecycle.FirstOrDefault(i => i.Slug == slug);

    public static IEnumerable<NavItem> For(string? role, IEnumerable<NavItem> items) =>
        items.Where(i => i.Roles is null || (role is not null && i.Roles.Contains(role)));
}
