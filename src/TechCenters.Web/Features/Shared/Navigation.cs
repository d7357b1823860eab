using TechCenters.Web.Features.Accounts;

namespace TechCenters.Web.Features.Shared;

/// <summary>
/// A menu entry. <paramref name="Built"/> false: the area opens the 建设中 page, which only the bureau and the departments
/// (who plan for it) are shown; applicants, experts and evaluators see only what they can use.
/// </summary>
public sealed record NavItem(string Title, string Icon, string Url, string[]? Roles = null, string? Slug = null, string? Summary = null, bool Built = true)
{
    /// <summary>A claim the account must also carry (单位管理员: <see cref="Organisation.UnitAdmin.Claim"/>).</summary>
    public string? Claim { get; init; }
}

/// <summary>
/// Navigation by lifecycle area, per role: each role sees the pages it works in (an expert its reviews, an applicant its
/// applications and results), never another role's tabs. Areas not built yet open a tidy 建设中 page, never a broken link.
/// Other areas replace their 建设中 entry with their page (set <c>Built</c> and keep the roles).
/// </summary>
public static class Navigation
{
    private static readonly string[] Staff = [Roles.BureauOfficer, Roles.DepartmentOfficer];
    private static readonly string[] Units = [Roles.BureauOfficer, Roles.DepartmentOfficer, Roles.Applicant];

    public static readonly NavItem[] Lifecycle =
    [
        new("申报通知", "ti-speakerphone", "/Calls", Units, "calls", "科技局发布布局方向、重点领域与申报截止时间。"),
        new("申报管理", "ti-file-description", "/Applications", Units, "applications", "牵头单位填写申报书与建设方案，归口管理部门审核推荐，科技局受理初审。"),
        new("专家评审", "ti-users-group", "/ExpertReviews", [Roles.BureauOfficer, Roles.Expert], "expert-reviews", "组建技术、管理、财务专家组论证评审，必要时实地考察，执行回避。"),
        new("认定公示", "ti-bell-ringing", "/PublicNotices", [Roles.BureauOfficer], "public-notices", "会议研究、公示（按工作日计算）、异议处理与批准认定。"),
        new("申报结果", "ti-clipboard-check", "/Decisions", [Roles.Applicant], "outcomes", "本单位申报的办理进度与结果。"),
        new("公示公告", "ti-bell-ringing", "/Notices", [Roles.DepartmentOfficer, Roles.Applicant], "notices", "拟认定名单公示，公示期内可提出异议。"),
        new("中心运行", "ti-building-factory-2", "/Centers/Manage", Units, "centers", "理事会、专家委员会（技术指导委员会）与主任的组建与备案。"),
        new("年度报告", "ti-report", "/AnnualReports", Units, "annual-reports", "年度报告与自评价的提交和逐级审核。"),
        new("变更申请", "ti-arrows-exchange", "/Changes", Units, "change-requests", "名称、注册地、依托单位、核心共建单位等重大事项变更。"),
        new("绩效评估", "ti-chart-bar", "/Evaluations", [Roles.BureauOfficer, Roles.DepartmentOfficer, Roles.Applicant, Roles.Evaluator, Roles.Expert], "evaluations", "按周期开展绩效评估，可委托第三方评估机构，依指标体系评定等级。"),
        new("撤销认定", "ti-alert-triangle", "/Revocations", Units, "revocations", "按管理办法所列情形撤销认定（听取陈述申辩、决定书），及不得再行申报期限。"),
    ];

    public static readonly NavItem[] Management =
    [
        new("总览", "ti-chart-pie", "/Overview", [Roles.BureauOfficer, Roles.DepartmentOfficer, Roles.Applicant]),
        new("事项查询", "ti-list-search", "/Lists/Cases", [Roles.BureauOfficer, Roles.DepartmentOfficer, Roles.Applicant]),
        new("单位与人员", "ti-building", "/Units", [Roles.BureauOfficer, Roles.DepartmentOfficer, Roles.Applicant]),
        new("组织机构", "ti-sitemap", "/Organisation/Departments", [Roles.BureauOfficer, Roles.DepartmentOfficer]),
        new("本单位账号", "ti-users", "/Organisation/Staff", [Roles.Applicant]) { Claim = Organisation.UnitAdmin.Claim },
        new("专家库", "ti-user-star", "/Experts", [Roles.BureauOfficer]),
        new("科研诚信记录", "ti-shield-x", "/Integrity", [Roles.BureauOfficer, Roles.DepartmentOfficer]),
        new("我的专家信息", "ti-id-badge", "/Experts/Mine", [Roles.Expert]),
        new("接入系统", "ti-api", "/Api/Clients", [Roles.BureauOfficer]),
        new("审计日志", "ti-shield-search", "/Audit", [Roles.AuditAdmin]),
        new("账号管理", "ti-settings", "/Admin/Users", [Roles.SystemAdmin]),
        new("安全管理", "ti-lock", "/Admin/Security", [Roles.SecurityAdmin]),
        new("在线会话", "ti-device-desktop-analytics", "/Admin/Sessions", [Roles.SecurityAdmin]),
    ];

    public static NavItem? Area(string slug) => Lifecycle.FirstOrDefault(i => i.Slug == slug && !i.Built);

    /// <summary>The entries this role sees: its own, and 建设中 areas only for the bureau and the departments.</summary>
    public static IEnumerable<NavItem> For(string? role, IEnumerable<NavItem> items) =>
        items.Where(i => (i.Roles is null || (role is not null && i.Roles.Contains(role))) && (i.Built || (role is not null && Staff.Contains(role))));

    /// <summary>The entries this account sees: by its role, and those that ask for a claim only when it carries it.</summary>
    public static IEnumerable<NavItem> For(System.Security.Claims.ClaimsPrincipal user, string? role, IEnumerable<NavItem> items) =>
        For(role, items).Where(i => i.Claim is null || user.HasClaim(i.Claim, "true"));
}
