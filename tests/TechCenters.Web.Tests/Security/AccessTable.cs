using TechCenters.Web.Features.Accounts;

namespace TechCenters.Web.Tests.Security;

/// <summary>What a route's id (or <c>?id=</c>) names; the matrix finds one inside and one outside each actor's scope.</summary>
public enum Subject
{
    /// <summary>No object in the route.</summary>
    None,
    /// <summary>申报单位: scoped by jurisdiction, department and unit.</summary>
    Unit,
    /// <summary>申报书: scoped like units (bureau, department, lead unit).</summary>
    Application,
    /// <summary>申报书 as an expert sees it: only when assigned to the expert's panel.</summary>
    AssignedApplication,
    /// <summary>Public objects (calls, notices, centers): anyone sees every jurisdiction's.</summary>
    Call,
    Notice,
    Center,
    /// <summary>A center's approval notice: the bureau of its jurisdiction and its lead unit.</summary>
    CenterDocument,
    /// <summary>A case of the row's <see cref="AccessRow.Kind"/> (annual report, change request, evaluation, rectification,
    /// revocation): inside the actor's scope is what the one case scope (CaseScope.VisibleTo) gives the account.</summary>
    Case,
    /// <summary>A center as its workspace shows it: inside the actor's scope is what CenterScope.VisibleTo gives the account.</summary>
    CenterRecord,
    /// <summary>An expert of a jurisdiction's pool: the bureau of that jurisdiction.</summary>
    Expert,
    /// <summary>An evaluation campaign: the bureau of its jurisdiction.</summary>
    Campaign,
}

/// <summary>One row: a page handler (or endpoint) and who may use it.</summary>
/// <param name="Key">"GET /Units/Detail", "POST /Units/Detail:Reveal" — the page path (as the app compiles it) and handler.</param>
/// <param name="Allowed">The roles that may use it; <see cref="AccessTable.Anonymous"/> for anyone without an account.</param>
/// <param name="Subject">What the route's id names (scope applies to anything but public subjects).</param>
/// <param name="Query">More query text the handler needs (its other parameters), e.g. <c>file=999999</c>.</param>
/// <param name="ShowsTimeline">The page shows the case's timeline: only to those allowed, only for cases in scope.</param>
/// <param name="SignsOut">Success is the redirect to the login page (logout).</param>
/// <param name="Kind">For <see cref="Subject.Case"/>: the process kind of the case (vocabulary.yaml → processes).</param>
/// <param name="UnitAdmin">Only an applicant account flagged 单位管理员 (AppUser.IsUnitAdmin) among the allowed roles.</param>
public sealed record AccessRow(string Key, string[] Allowed, Subject Subject = Subject.None, string? Query = null, bool ShowsTimeline = false, bool SignsOut = false, string? Kind = null,
    bool UnitAdmin = false);

/// <summary>
/// THE declared authorization table: every page handler and endpoint the app maps, and who may use it. The matrix test
/// enumerates the app's endpoints and fails for any that has no row here (and for rows that match nothing), so a new
/// page is a new row: add it where its lifecycle area's rows are, with the roles its regulation gives the step to.
/// Scope (jurisdiction, department subtree, unit, assigned expert) is tested for every row with a subject.
/// </summary>
public static class AccessTable
{
    public const string Anonymous = "Anonymous";

    private static readonly string[] Everyone = [Anonymous, .. Roles.All];
    private static readonly string[] SignedIn = Roles.All;
    private static readonly string[] Business = [Roles.BureauOfficer, Roles.DepartmentOfficer, Roles.Applicant, Roles.Expert, Roles.Evaluator];
    private static readonly string[] UnitRoles = [Roles.BureauOfficer, Roles.DepartmentOfficer, Roles.Applicant];
    private static readonly string[] Bureau = [Roles.BureauOfficer];
    private static readonly string[] Applicant = [Roles.Applicant];
    private static readonly string[] Expert = [Roles.Expert];
    private static readonly string[] Nobody = [];
    private static readonly string[] CaseRoles = [Roles.BureauOfficer, Roles.DepartmentOfficer, Roles.Applicant, Roles.Evaluator];
    /// <summary>An evaluation case: also the experts assigned to assess it (沧州 第二十五条 委托专家).</summary>
    private static readonly string[] EvaluationCaseRoles = [.. CaseRoles, Roles.Expert];

    public static readonly AccessRow[] Rows =
    [
        // Platform
        new("GET /healthz", Everyone),
        new("GET /health/live", Everyone),
        new("GET /health/ready", Everyone),
        // Prometheus metrics: only to a request bearing Metrics:Token (none of these actors), 404 to everyone else.
        new("GET /metrics", Nobody),
        new("GET /Index", SignedIn),
        new("GET /Error", Everyone),
        new("POST /Error", Everyone),
        new("GET /Status", Everyone),
        new("POST /Status", Everyone),
        new("GET /Lifecycle/Area", SignedIn, Query: "slug=annual-reports"),
        new("GET /Inbox/Index", SignedIn),

        // Accounts
        new("GET /Accounts/Login", Everyone),
        new("POST /Accounts/Login", Everyone),
        new("GET /Accounts/Logout", SignedIn),
        new("POST /Accounts/Logout", SignedIn, SignsOut: true),
        new("GET /Accounts/Password", SignedIn),
        new("POST /Accounts/Password", SignedIn),
        new("GET /Accounts/AccessDenied", Everyone),

        // Three separated admins (三员分立)
        new("GET /Admin/Users", [Roles.SystemAdmin]),
        new("POST /Admin/Users:Create", [Roles.SystemAdmin]),
        new("POST /Admin/Users:Edit", [Roles.SystemAdmin]),
        new("POST /Admin/Users:Disable", [Roles.SystemAdmin]),
        new("POST /Admin/Users:Reset", [Roles.SystemAdmin]),
        new("POST /Admin/Users:ExpertAccount", [Roles.SystemAdmin]),
        new("POST /Admin/Users:UnitAdmin", [Roles.SystemAdmin]),
        new("GET /Admin/Security", [Roles.SecurityAdmin]),
        new("POST /Admin/Security:Unlock", [Roles.SecurityAdmin]),
        new("POST /Admin/Security:Acknowledge", [Roles.SecurityAdmin]),
        new("GET /Admin/Sessions", [Roles.SecurityAdmin]),
        new("POST /Admin/Sessions:End", [Roles.SecurityAdmin]),
        new("GET /Audit/Index", [Roles.AuditAdmin]),
        new("GET /Audit/Index:Xlsx", [Roles.AuditAdmin]),

        // Overview, lists, read API (issue 15): lists are narrowed by CaseScope/CenterScope; API tokens are checked by the endpoint
        new("GET /Overview/Index", SignedIn),
        new("GET /Lists/Cases", SignedIn),
        new("GET /Lists/Cases:Xlsx", SignedIn),
        new("GET /Lists/Centers", SignedIn),
        new("GET /Lists/Centers:Xlsx", SignedIn),
        new("GET /Api/Clients", Bureau),
        new("POST /Api/Clients:Create", Bureau),
        new("POST /Api/Clients:Revoke", Bureau, Query: "id=999999"),
        new("GET /api/v1/public/centers", Everyone),
        new("GET /api/v1/public/notices", Everyone),
        new("GET /api/v1/public/evaluations", Everyone),
        // A registered client system's bearer token only, never a signed-in person (401 to every role; scope per token in ReadApiTests).
        new("GET /api/v1/centers", Nobody),
        new("GET /api/v1/cases", Nobody),
        new("GET /openapi/{documentName}.json", Everyone, Query: "documentName=v1"),
        new("GET /api/docs/{documentName?}", Everyone),
        new("GET /api/docs/scalar.js", Everyone),
        new("GET /api/docs/scalar.aspnetcore.js", Everyone),
        new("GET /api/docs/favicon.svg", Everyone),
        new("GET /Units/Index:Xlsx", UnitRoles),
        new("GET /Units/Experts:Xlsx", Bureau),
        // Units, people, experts
        new("GET /Units/Index", UnitRoles),
        new("GET /Units/People", UnitRoles),
        new("GET /Units/People:Csv", UnitRoles),
        new("GET /Units/Detail", UnitRoles, Subject.Unit),
        new("POST /Units/Detail:Reveal", UnitRoles, Subject.Unit),
        new("GET /Units/Edit", Bureau, Subject.Unit),
        new("POST /Units/Edit:Save", Bureau, Subject.Unit),
        new("POST /Units/Edit:Move", Bureau, Subject.Unit),
        // Organisation (组织机构): the bureau maintains the department tree, a department reads its subtree; a unit's
        // administrator manages its own unit's staff accounts.
        new("GET /Organisation/Departments", [Roles.BureauOfficer, Roles.DepartmentOfficer]),
        new("POST /Organisation/Departments:Create", Bureau),
        new("POST /Organisation/Departments:Edit", Bureau),
        new("POST /Organisation/Departments:Move", Bureau),
        new("POST /Organisation/Departments:Deactivate", Bureau),
        new("GET /Organisation/Staff", Applicant, UnitAdmin: true),
        new("POST /Organisation/Staff:Create", Applicant, UnitAdmin: true),
        new("POST /Organisation/Staff:Disable", Applicant, UnitAdmin: true),
        new("POST /Organisation/Staff:Reset", Applicant, UnitAdmin: true),
        new("GET /Units/Create", Bureau),
        new("POST /Units/Create", Bureau),
        new("GET /Units/Experts", Bureau),
        // 导入 (units, people, experts): the bureau (a unit administrator, its own unit's people — no demo applicant is one; see
        // Imports/ImportTests); a batch is its uploader's only (any other id is a 404).
        new("GET /Imports/Index", Bureau, Query: "kind=units"),
        new("GET /Imports/Index:Template", Bureau, Query: "kind=units"),
        new("POST /Imports/Index", Bureau, Query: "kind=units"),
        new("GET /Imports/Batch", Bureau, Query: "id=6f1c3c0e-0000-4000-8000-000000000001"),
        new("GET /Imports/Batch:Progress", Bureau, Query: "id=6f1c3c0e-0000-4000-8000-000000000001"),
        new("POST /Imports/Batch:Confirm", Bureau, Query: "id=6f1c3c0e-0000-4000-8000-000000000001"),

        // Calls (public) and applying
        new("GET /Calls/Index", Everyone),
        new("GET /Calls/Detail", Everyone, Subject.Call),
        new("POST /Calls/Detail:Apply", Applicant, Subject.Call),
        new("GET /Calls/Detail:File", Everyone, Subject.Call, "file=999999"),
        new("GET /Calls/Publish", Bureau),
        new("POST /Calls/Publish", Bureau),
        new("POST /Calls/Publish:Preview", Bureau),
        new("POST /Calls/Publish:Edit", Bureau),
        new("POST /Calls/Detail:Withdraw", Bureau, Subject.Call),
        new("GET /Applications/Index", UnitRoles),
        new("GET /Applications/Detail", UnitRoles, Subject.Application, ShowsTimeline: true),
        new("GET /Applications/Detail:File", UnitRoles, Subject.Application, "file=999999"),
        new("POST /Applications/Detail:Move", [Roles.BureauOfficer, Roles.DepartmentOfficer], Subject.Application),
        new("POST /Applications/Detail:Return", [Roles.BureauOfficer, Roles.DepartmentOfficer], Subject.Application),
        new("GET /Applications/Edit", UnitRoles, Subject.Application),
        new("POST /Applications/Edit:Save", Applicant, Subject.Application),
        new("POST /Applications/Edit:Submit", Applicant, Subject.Application),
        new("POST /Applications/Edit:Autosave", Applicant, Subject.Application),
        new("POST /Applications/Edit:Panel", UnitRoles, Subject.Application),
        new("POST /Applications/Edit:Upload", Applicant, Subject.Application),
        new("GET /Applications/Edit:Units", Applicant, Subject.Application, "q=有限"),
        // The submitted version (issue 18): every reviewer of the case in scope, the experts of its panel included.
        new("GET /Applications/Version", [.. UnitRoles, Roles.Expert], Subject.Application, "n=1"),
        new("GET /Applications/Version:Pdf", [.. UnitRoles, Roles.Expert], Subject.Application, "n=1"),
        new("GET /Applications/Compare", [.. UnitRoles, Roles.Expert], Subject.Application, "from=1&to=2"),

        // Cases of every kind (the kernel's pages): the officials of the case's scope (bureau, department subtree)
        new("GET /Cases/Judgement", [Roles.BureauOfficer, Roles.DepartmentOfficer], Subject.Application),
        new("POST /Cases/Judgement", [Roles.BureauOfficer, Roles.DepartmentOfficer], Subject.Application),

        // Selecting: expert review, decision, public notice, approval (each page shows a role only its own part)
        new("GET /ExpertReviews/Index", SignedIn),
        new("POST /ExpertReviews/Index", Bureau),
        new("GET /ExpertReviews/Application", UnitRoles, Subject.Application, ShowsTimeline: true),
        new("POST /ExpertReviews/Application", Bureau, Subject.Application),
        new("GET /ExpertReviews/Review", Expert, Subject.AssignedApplication),
        new("POST /ExpertReviews/Review", Expert, Subject.AssignedApplication),
        new("GET /ExpertReviews/Revise", UnitRoles, Subject.Application),
        new("POST /ExpertReviews/Revise", Applicant, Subject.Application),
        new("GET /Decisions/Index", SignedIn),
        new("POST /Decisions/Index", Bureau),
        new("GET /PublicNotices/Index", SignedIn),
        new("POST /PublicNotices/Index:Publish", Bureau),
        new("POST /PublicNotices/Index:Resolve", Bureau),
        new("GET /Approvals/Index", SignedIn),
        new("POST /Approvals/Index:Approve", Bureau),
        new("POST /Approvals/Index:Reject", Bureau),

        // Running a center (issue 12): the workspace and the center list (units' roles, within the center scope)
        new("GET /Centers/Manage", UnitRoles),
        new("GET /Centers/Manage:Export", UnitRoles),
        new("GET /Centers/Workspace", UnitRoles, Subject.CenterRecord),
        // The lead unit's staff keep the record; the bureau answers what the text leaves to it (一般应)
        new("POST /Centers/Workspace:Body", Applicant, Subject.CenterRecord),
        new("POST /Centers/Workspace:File", Applicant, Subject.CenterRecord),
        new("POST /Centers/Workspace:Judge", Bureau, Subject.CenterRecord),
        new("POST /Centers/Workspace:Meeting", Applicant, Subject.CenterRecord),
        new("POST /Centers/Workspace:Year", Applicant, Subject.CenterRecord),
        new("POST /Centers/Workspace:Service", Applicant, Subject.CenterRecord),
        new("GET /Centers/Workspace:Ledger", UnitRoles, Subject.CenterRecord),

        // Annual reports: cases of kind annual_report
        new("GET /AnnualReports/Index", UnitRoles),
        new("GET /AnnualReports/Index:Export", UnitRoles),
        new("POST /AnnualReports/Index:Open", Bureau),
        new("GET /AnnualReports/Detail", UnitRoles, Subject.Case, Kind: "annual_report"),
        new("GET /AnnualReports/Detail:Docx", UnitRoles, Subject.Case, Kind: "annual_report"),
        new("GET /AnnualReports/Detail:Pdf", UnitRoles, Subject.Case, Kind: "annual_report"),
        new("POST /AnnualReports/Detail:Save", UnitRoles, Subject.Case, Kind: "annual_report"),
        new("POST /AnnualReports/Detail:Submit", UnitRoles, Subject.Case, Kind: "annual_report"),
        new("POST /AnnualReports/Detail:Move", UnitRoles, Subject.Case, Kind: "annual_report"),
        new("POST /AnnualReports/Detail:Return", UnitRoles, Subject.Case, Kind: "annual_report"),
        new("POST /AnnualReports/Detail:Missing", UnitRoles, Subject.Case, Kind: "annual_report"),

        // Dynamic management (issue 13): change requests and revocations
        new("GET /Changes/Index", UnitRoles),
        new("GET /Changes/Index:Xlsx", UnitRoles),
        new("GET /Changes/Create", UnitRoles, Query: "centerId=999999"),
        new("POST /Changes/Create", UnitRoles, Query: "centerId=999999"),
        new("GET /Changes/Detail", UnitRoles, Subject.Case, Kind: "change_request"),
        new("GET /Changes/Detail:File", UnitRoles, Subject.Case, "file=999999", Kind: "change_request"),
        new("POST /Changes/Detail:Move", UnitRoles, Subject.Case, Kind: "change_request"),
        new("POST /Changes/Detail:Return", UnitRoles, Subject.Case, Kind: "change_request"),
        new("POST /Changes/Detail:Upload", UnitRoles, Subject.Case, Kind: "change_request"),
        new("GET /Revocations/Index", UnitRoles),
        new("GET /Revocations/Index:Xlsx", UnitRoles),
        new("GET /Revocations/Create", Bureau),
        new("POST /Revocations/Create", Bureau),
        new("GET /Revocations/Detail", UnitRoles, Subject.Case, Kind: "revocation"),
        // A decision document exists only once decided (a case in its hearing period answers 404)
        new("GET /Revocations/Detail:Docx", UnitRoles, Subject.Case, "", Kind: "revocation"),
        new("GET /Revocations/Detail:Pdf", UnitRoles, Subject.Case, "", Kind: "revocation"),
        new("POST /Revocations/Detail:Move", UnitRoles, Subject.Case, Kind: "revocation"),
        // 科研诚信记录 (issue 13 item 4): the bureau records, corrects and withdraws; a department reads its subtree's
        new("GET /Integrity/Index", [Roles.BureauOfficer, Roles.DepartmentOfficer]),
        new("GET /Integrity/Index:Xlsx", [Roles.BureauOfficer, Roles.DepartmentOfficer]),
        new("GET /Integrity/Index:File", [Roles.BureauOfficer, Roles.DepartmentOfficer], Query: "file=999999"),
        new("POST /Integrity/Index:Record", Bureau),
        new("POST /Integrity/Index:Correct", Bureau),
        new("POST /Integrity/Index:Withdraw", Bureau),

        // Evaluations and rectification (issue 14): campaigns are the bureau's; a center's evaluation is a case its
        // scope sees (an evaluator or expert only when assigned); published results are public
        new("GET /Evaluations/Index", SignedIn),
        new("POST /Evaluations/Index", Bureau),
        new("GET /Evaluations/Campaign", Bureau, Subject.Campaign),
        new("GET /Evaluations/Campaign:Export", Bureau, Subject.Campaign),
        new("POST /Evaluations/Campaign:Assign", Bureau, Subject.Campaign),
        new("POST /Evaluations/Campaign:AssignExperts", Bureau, Subject.Campaign),
        new("POST /Evaluations/Campaign:Assist", Bureau, Subject.Campaign),
        new("POST /Evaluations/Campaign:Confirm", Bureau, Subject.Campaign),
        new("POST /Evaluations/Campaign:OpenCases", Bureau, Subject.Campaign),
        new("POST /Evaluations/Campaign:Organisation", Bureau, Subject.Campaign),
        new("POST /Evaluations/Campaign:Participation", Bureau, Subject.Campaign),
        new("POST /Evaluations/Campaign:Publish", Bureau, Subject.Campaign),
        new("GET /Evaluations/Sheet", [Roles.BureauOfficer, Roles.Evaluator, Roles.Expert], Subject.Campaign, "p=1"),
        new("GET /Evaluations/Sheet:Template", [Roles.BureauOfficer, Roles.Evaluator, Roles.Expert], Subject.Campaign, "p=1"),
        new("POST /Evaluations/Sheet", [Roles.BureauOfficer, Roles.Evaluator, Roles.Expert], Subject.Campaign),
        new("GET /Evaluations/Results", Everyone, Query: "id=999999"),
        // The results notice: the bureau's once confirmed, anyone's once published (who reads which: ResultsNoticeTests).
        new("GET /Evaluations/ResultsNotice", Everyone, Query: "id=999999"),
        new("GET /Evaluations/ResultsNotice:Docx", Everyone, Query: "id=999999"),
        new("GET /Evaluations/Case", EvaluationCaseRoles, Subject.Case, Kind: "evaluation"),
        new("POST /Evaluations/Case:Save", EvaluationCaseRoles, Subject.Case, Kind: "evaluation"),
        new("POST /Evaluations/Case:Submit", EvaluationCaseRoles, Subject.Case, Kind: "evaluation"),
        new("POST /Evaluations/Case:Pass", EvaluationCaseRoles, Subject.Case, Kind: "evaluation"),
        new("POST /Evaluations/Case:Return", EvaluationCaseRoles, Subject.Case, Kind: "evaluation"),
        new("POST /Evaluations/Case:Score", EvaluationCaseRoles, Subject.Case, Kind: "evaluation"),
        // The assisting department's note, an assigned expert's withdrawal: only they (the decision refuses anyone else, 403).
        new("POST /Evaluations/Case:AssistNote", [Roles.DepartmentOfficer], Subject.Case, Kind: "evaluation"),
        new("POST /Evaluations/Case:Withdraw", [Roles.Expert], Subject.Case, Kind: "evaluation"),
        new("POST /Evaluations/Case:WithdrawEntrustment", [Roles.BureauOfficer], Subject.Case, Kind: "evaluation"),
        new("GET /Rectifications/Case", CaseRoles, Subject.Case, Kind: "rectification"),
        new("POST /Rectifications/Case:Submit", CaseRoles, Subject.Case, Kind: "rectification"),
        new("POST /Rectifications/Case:Pass", CaseRoles, Subject.Case, Kind: "rectification"),
        new("POST /Rectifications/Case:Fail", CaseRoles, Subject.Case, Kind: "rectification"),

        // The expert pool (issue 15 item 4): the bureau manages its own jurisdiction's pool; an expert their own account
        new("GET /Experts/Index", Bureau),
        new("GET /Experts/Index:Xlsx", Bureau),
        new("GET /Experts/Detail", Bureau, Subject.Expert),
        new("POST /Experts/Detail:Relation", Bureau, Subject.Expert),
        new("POST /Experts/Detail:RemoveRelation", Bureau, Subject.Expert),
        new("GET /Experts/Edit", Bureau, Subject.Expert),
        new("POST /Experts/Edit", Bureau, Subject.Expert),
        new("GET /Experts/Draw", Bureau),
        new("POST /Experts/Draw", Bureau),
        new("POST /Experts/Draw:Replace", Bureau, Query: "panelId=999999"),
        new("GET /Experts/DrawRecord", Bureau, Query: "id=999999"),
        new("POST /Experts/DrawRecord", Bureau, Query: "id=999999"),
        new("GET /Experts/Mine", Expert),
        new("POST /Experts/Mine:Relation", Expert),
        new("POST /Experts/Mine:Withdraw", Expert),

        // Notifications (issue 15 item 6): each account its own
        new("GET /Notifications/Index", SignedIn),
        new("POST /Notifications/Index:Open", SignedIn),
        new("POST /Notifications/Index:Read", SignedIn),
        new("POST /Notifications/Index:ReadAll", SignedIn),
        new("GET /Notifications/Settings", SignedIn),
        new("POST /Notifications/Settings", SignedIn),

        // Public information (公示, 名录) and verification of receipts and documents
        new("GET /Notices/Index", Everyone),
        new("GET /Notices/Detail", Everyone, Subject.Notice),
        new("POST /Notices/Detail", Everyone, Subject.Notice),
        new("GET /Centers/Index", Everyone),
        new("GET /Centers/Detail", Everyone, Subject.Center),
        new("GET /Centers/Detail:Docx", [Roles.BureauOfficer, Roles.Applicant], Subject.CenterDocument),
        new("GET /Centers/Detail:Pdf", [Roles.BureauOfficer, Roles.Applicant], Subject.CenterDocument),
        new("GET /Verify/Index", Everyone),
    ];
}
