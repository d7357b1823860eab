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

using TechCenters.Web.Features.Revocations;
namespace TechCenters.Web.Data;

/// <summary>
/// The one context of the app. Each provider has its own subclass (<see cref="SqliteDbContext"/>, <see cref="PostgresDbContext"/>)
/// only so that EF Core keeps one migration set per provider (ADR 0007); code always asks for <c>AppDbContext</c>.
/// </summary>
public abstract class AppDbContext(DbContextOptions options) : IdentityDbContext<AppUser>(options),
    Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.IDataProtectionKeyContext
{
    /// <summary>Data Protection's key ring (cookies, antiforgery), shared by every instance on this database.</summary>
    public DbSet<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey> DataProtectionKeys =>
        Set<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>();

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
    public DbSet<Features.Integrity.IntegrityFinding> IntegrityFindings => Set<Features.Integrity.IntegrityFinding>();
    public DbSet<ExpertPanel> ExpertPanels => Set<ExpertPanel>();
    public DbSet<PanelMember> PanelMembers => Set<PanelMember>();
    public DbSet<PanelAssignment> PanelAssignments => Set<PanelAssignment>();
    public DbSet<ExpertReview> ExpertReviews => Set<ExpertReview>();
    public DbSet<DecisionRecord> DecisionRecords => Set<DecisionRecord>();
    public DbSet<PublicNotice> PublicNotices => Set<PublicNotice>();
    public DbSet<PublicNoticeItem> PublicNoticeItems => Set<PublicNoticeItem>();
    public DbSet<Objection> Objections => Set<Objection>();
    public DbSet<Center> Centers => Set<Center>();
    public DbSet<Features.Api.ApiClient> ApiClients => Set<Features.Api.ApiClient>();
    public DbSet<CenterCoBuilder> CenterCoBuilders => Set<CenterCoBuilder>();
    public DbSet<CenterHistory> CenterHistory => Set<CenterHistory>();
    public DbSet<Features.Cases.Case> Cases => Set<Features.Cases.Case>();
    public DbSet<Features.Cases.CaseParty> CaseParties => Set<Features.Cases.CaseParty>();
    public DbSet<Features.Cases.CaseAssignment> CaseAssignments => Set<Features.Cases.CaseAssignment>();
    public DbSet<Features.Cases.CaseVerdict> CaseVerdicts => Set<Features.Cases.CaseVerdict>();
    public DbSet<Features.Cases.CaseJudgement> CaseJudgements => Set<Features.Cases.CaseJudgement>();
    public DbSet<Features.Notifications.Notification> Notifications => Set<Features.Notifications.Notification>();
    public DbSet<Features.Security.DocumentSignature> DocumentSignatures => Set<Features.Security.DocumentSignature>();
    public DbSet<Features.Security.UserSession> UserSessions => Set<Features.Security.UserSession>();
    public DbSet<Features.Security.SecurityAlert> SecurityAlerts => Set<Features.Security.SecurityAlert>();
    public DbSet<Features.Security.KeyRotationCheckpoint> KeyRotationCheckpoints => Set<Features.Security.KeyRotationCheckpoint>();
    public DbSet<GovernanceBody> GovernanceBodies => Set<GovernanceBody>();
    public DbSet<BodyMember> BodyMembers => Set<BodyMember>();
    public DbSet<GovernanceFiling> GovernanceFilings => Set<GovernanceFiling>();
    public DbSet<GovernanceJudgement> GovernanceJudgements => Set<GovernanceJudgement>();
    public DbSet<BodyMeeting> BodyMeetings => Set<BodyMeeting>();
    public DbSet<MeetingMatter> MeetingMatters => Set<MeetingMatter>();
    public DbSet<YearlyDeclaration> YearlyDeclarations => Set<YearlyDeclaration>();
    public DbSet<ServiceLedgerEntry> ServiceLedger => Set<ServiceLedgerEntry>();
    public DbSet<Features.AnnualReports.AnnualReport> AnnualReports => Set<Features.AnnualReports.AnnualReport>();
    public DbSet<Features.AnnualReports.AnnualReportVersion> AnnualReportVersions => Set<Features.AnnualReports.AnnualReportVersion>();
    public DbSet<Features.Evaluations.EvaluatorOrganisation> EvaluatorOrganisations => Set<Features.Evaluations.EvaluatorOrganisation>();
    public DbSet<Features.Evaluations.EvaluatorMember> EvaluatorMembers => Set<Features.Evaluations.EvaluatorMember>();
    public DbSet<Features.Evaluations.EvaluationCampaign> EvaluationCampaigns => Set<Features.Evaluations.EvaluationCampaign>();
    public DbSet<Features.Evaluations.EvaluationParticipant> EvaluationParticipants => Set<Features.Evaluations.EvaluationParticipant>();
    public DbSet<Features.Evaluations.Evaluation> Evaluations => Set<Features.Evaluations.Evaluation>();
    public DbSet<Features.Rectifications.Rectification> Rectifications => Set<Features.Rectifications.Rectification>();
    public DbSet<Features.Imports.ImportBatch> ImportBatches => Set<Features.Imports.ImportBatch>();

    /// <summary>
    /// The kinds of case, for their scope hook (<see cref="Features.Cases.ICaseKind.SeenBy"/>, composed by CaseScope): handed
    /// over with the context every time it is given out (DatabaseSetup), so every way to the cases — pages, exports, jobs —
    /// reads the same scope through the same <c>VisibleTo(db, scope)</c> (ADR 0011). A context built by hand has none: no
    /// kind's own relation sees anything there.
    /// </summary>
    public IReadOnlyList<Features.Cases.ICaseKind> Kinds { get; internal set; } = [];

    /// <summary>Set when an audit row was added inside the open transaction: its commit wakes the chain sealer (ADR 0010).</summary>
    internal bool AuditAppendedInTransaction { get; set; }

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
            e.Property(x => x.IsUnitAdmin).HasComment("单位管理员（管理本单位人员账号）");
            e.Property(x => x.CreatedAt).HasComment("创建时间");
            e.Property(x => x.PasswordChangedAt).HasComment("口令最近修改时间（为空表示自创建起未修改）");
        });

        b.Entity<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>(e =>
        {
            e.ToTable("DataProtectionKeys", t => t.HasComment("数据保护密钥环（登录与防伪令牌的加密密钥，各实例共用）"));
            e.Property(x => x.FriendlyName).HasComment("密钥名称");
            e.Property(x => x.Xml).HasComment("密钥（XML）");
        });

        // Each entity's mapping lives next to it in its feature folder (IEntityTypeConfiguration<T>).
        b.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
        // Personal data columns are SM4-encrypted with this app's keys (none at design time).
        Features.Security.PersonalDataColumns.Apply(b, Features.Security.PersonalDataColumns.ProtectorOf(this));

        if (Database.IsSqlite())
        {
            // SQLite cannot compare or order DateTimeOffset stored as text; store it as a sortable 64-bit value.
            foreach (var entity in b.Model.GetEntityTypes())
                foreach (var p in entity.GetProperties().Where(p => p.ClrType == typeof(DateTimeOffset) || p.ClrType == typeof(DateTimeOffset?)))
                    p.SetValueConverter(new DateTimeOffsetToBinaryConverter());
        }
    }
}

/// <summary>SQLite: its migrations live in Data/Migrations/Sqlite.</summary>
public sealed class SqliteDbContext(DbContextOptions<SqliteDbContext> options) : AppDbContext(options);

/// <summary>PostgreSQL: its migrations live in Data/Migrations/Postgres.</summary>
public sealed class PostgresDbContext(DbContextOptions<PostgresDbContext> options) : AppDbContext(options);
