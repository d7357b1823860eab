using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.ExpertReviews;
using TechCenters.Web.Features.PublicNotices;
using TechCenters.Web.Tests.Features.Applying;
using TechCenters.Web.Tests.Infrastructure;
using Xunit;

namespace TechCenters.Web.Tests.Security;

/// <summary>
/// A database of its own for the authorization matrix and the bad-input corpus: the demo portfolio, the demo cases
/// (every stage of each process, a panel-reviewed case, centers) and a draft application of each demo applicant, plus the accounts
/// the matrix needs beyond the demo ones (another department, another unit, an assigned expert).
/// </summary>
public abstract class SecurityFixture(AppFixture app) : IAsyncLifetime
{
    public AppFixture App { get; } = app;
    public Dictionary<string, string> ExtraActors { get; } = [];

    public async Task InitializeAsync()
    {
        await App.InitializeAsync();
        // The demo deployment's data of every area (as DatabaseInitializer seeds it): cases of every kind to reach and refuse.
        await using (var scope = App.Scope())
            await TechCenters.Web.Data.DatabaseInitializer.SeedDemoCasesAsync(scope.ServiceProvider);
        foreach (var (j, user) in new[] { ("xpcc-12th-division", "xpcc-applicant"), ("cangzhou", "cz-applicant") })
        {
            var client = await App.LoginAsync(user);
            await client.CreateApplicationAsync((await App.OpenCallAsync(j)).Id, j == "cangzhou" ? "沧州市矩阵测试技术创新中心" : "第十二师矩阵测试技术创新中心");
        }
        var deptUser = await App.User("xpcc-dept");
        var otherDept = await App.Db(db => db.Departments.Where(d => d.JurisdictionId == "xpcc-12th-division" && d.Id != deptUser.DepartmentId).OrderBy(d => d.Id).FirstAsync());
        ExtraActors["xpcc-dept-other"] = await App.CreateUserAsync(Roles.DepartmentOfficer, configure: u => { u.JurisdictionId = otherDept.JurisdictionId; u.DepartmentId = otherDept.Id; });
        var applicant = await App.User("xpcc-applicant");
        var otherUnit = await App.Db(db => db.Units.Where(u => u.JurisdictionId == "xpcc-12th-division" && u.Id != applicant.UnitId).OrderBy(u => u.Id).FirstAsync());
        ExtraActors["xpcc-applicant-other"] = await App.CreateUserAsync(Roles.Applicant, configure: u => { u.JurisdictionId = otherUnit.JurisdictionId; u.UnitId = otherUnit.Id; });
        // What the demo cases do not have yet: an expert panel with an assigned case, and a public notice, per jurisdiction
        // (written directly: the matrix is about who reaches them, the selecting tests about how they come about).
        foreach (var j in new[] { "xpcc-12th-division", "cangzhou" })
        {
            var (appId, leadUnit, centerName) = await App.Db(async db => await db.Applications.Where(a => a.Case.JurisdictionId == j && a.Case.Step == "expert_review")
                .OrderBy(a => a.Id).Select(a => new ValueTuple<int, string, string>(a.Id, a.Case.LeadUnit!.Name, a.CenterName)).FirstAsync());
            var expert = await App.Db(db => db.Experts.Where(e => e.JurisdictionId == j).OrderByDescending(e => e.Id).Select(e => e.Id).FirstAsync());
            await App.Db(async db =>
            {
                db.ExpertPanels.Add(new ExpertPanel
                {
                    JurisdictionId = j, Name = "矩阵测试专家组", FormedAt = App.Time.GetUtcNow(), FormedBy = "test",
                    Members = [new PanelMember { ExpertId = expert }], Assignments = [new PanelAssignment { ApplicationId = appId }],
                });
                db.CaseAssignments.Add(new TechCenters.Web.Features.Cases.CaseAssignment
                    { CaseId = appId, Role = TechCenters.Web.Features.Cases.CaseAssignment.ExpertRole, ExpertId = expert, AssignedAt = App.Time.GetUtcNow(), AssignedBy = "test" });
                db.PublicNotices.Add(new PublicNotice
                {
                    JurisdictionId = j, Title = "矩阵测试公示", PublishedOn = App.Today, EndsOn = App.Today.AddDays(7), EndBasis = "测试",
                    PublishedAt = App.Time.GetUtcNow(), PublishedBy = "test",
                    Items = [new PublicNoticeItem { ApplicationId = appId, CenterName = centerName, LeadUnitName = leadUnit }],
                });
                return await db.SaveChangesAsync();
            });
            if (j == "xpcc-12th-division")
                ExtraActors["xpcc-expert-assigned"] = await App.CreateUserAsync(Roles.Expert, configure: u => { u.JurisdictionId = j; u.ExpertId = expert; });
        }
    }

    public Task DisposeAsync() => App.DisposeAsync();
}

public sealed class SecuritySqliteFixture() : SecurityFixture(new SqliteAppFixture());

public sealed class SecurityPostgresFixture() : SecurityFixture(new PostgresAppFixture());

[CollectionDefinition(Name)]
public sealed class SecuritySqliteCollection : ICollectionFixture<SecuritySqliteFixture>
{
    public const string Name = "Security SQLite";
}

[CollectionDefinition(Name)]
public sealed class SecurityPostgresCollection : ICollectionFixture<SecurityPostgresFixture>
{
    public const string Name = "Security PostgreSQL";
}
