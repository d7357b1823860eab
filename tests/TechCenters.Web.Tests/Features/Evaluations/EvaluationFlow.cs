using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using TechCenters.Web.Data.Seed;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Centers;
using TechCenters.Web.Features.Evaluations;
using TechCenters.Web.Features.Units;
using TechCenters.Web.Tests.Features.Applying;
using TechCenters.Web.Tests.Infrastructure;
using TechCenters.Web.Tests.Selecting;
using static TechCenters.Web.Tests.Selecting.SelectingFlow;

namespace TechCenters.Web.Tests.Features.Evaluations;

/// <summary>An evaluation round driven through HTTP as each role would: centers, campaign, materials, scores, confirmation.</summary>
public sealed class EvaluationFlow(AppFixture app)
{
    private readonly Dictionary<int, HttpClient> applicants = [];
    private readonly Dictionary<int, HttpClient> departments = [];

    public Task<HttpClient> BureauAsync(string j) => app.LoginAsync($"{Short[j]}-bureau");

    /// <summary><paramref name="n"/> recognized centers of <paramref name="j"/>, approved on <paramref name="approvedOn"/>, each with its own lead unit.</summary>
    public async Task<List<Center>> CentersAsync(string j, DateOnly approvedOn, int n)
    {
        var used = await app.Db(db => db.Centers.Select(c => c.LeadUnitId).ToListAsync());
        var units = await app.Db(db => db.Units.Where(u => u.JurisdictionId == j && u.DepartmentId != null && !used.Contains(u.Id))
            .OrderBy(u => u.Id).Select(u => u.Id).Take(n).ToListAsync());
        units.Count.ShouldBe(n, "演示单位不足");
        var centers = new List<Center>();
        foreach (var unit in units)
        {
            int applicationId;
            await using (var s = app.Scope())
                applicationId = await s.ServiceProvider.GetRequiredService<DemoCases>().CreateInExpertReviewAsync(j, unit, ordinal: unit % 20);
            centers.Add(await app.Db(async db =>
            {
                var a = await db.Applications.Include(x => x.Case).ThenInclude(c => c.LeadUnit).SingleAsync(x => x.Id == applicationId);
                var c = new Center
                {
                    JurisdictionId = j, ApplicationId = a.Id, Name = $"{a.CenterName}{unit}", LeadUnitId = unit, LeadUnitName = a.Case.LeadUnit!.Name,
                    DepartmentId = a.Case.DepartmentId, DirectorName = $"测试主任{unit}", ApprovalNumber = $"测试〔{approvedOn.Year}〕{unit}号", ApprovedOn = approvedOn,
                    PackVersion = a.Case.PackVersion, PackDocument = a.Case.PackDocument, CreatedAt = app.Time.GetUtcNow(),
                };
                db.Centers.Add(c);
                await db.SaveChangesAsync();
                return c;
            }));
        }
        return centers;
    }

    /// <summary>Opens the campaign of <paramref name="year"/> and keeps exactly <paramref name="mine"/> in it (others excluded, mine added, with reasons).</summary>
    public async Task<int> OpenAsync(HttpClient bureau, int year, IEnumerable<Center> mine)
    {
        var r = await PostAsync(bureau, "/Evaluations", Form(("Year", year)));
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect, await ErrorAsync(r));
        var id = int.Parse(r.Headers.Location!.ToString().Split("id=")[1]);
        var ids = mine.Select(c => c.Id).ToHashSet();
        foreach (var p in await app.Db(db => db.EvaluationParticipants.AsNoTracking().Where(p => p.CampaignId == id).ToListAsync()))
            if (p.Included != ids.Contains(p.CenterId))
                (await SetAsync(bureau, id, p.CenterId, !p.Included, "测试：只评估本测试的中心")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return id;
    }

    public Task<HttpResponseMessage> SetAsync(HttpClient bureau, int campaign, int center, bool include, string? reason) =>
        PostAsync(bureau, $"/Evaluations/Campaign?id={campaign}&handler=Participation", Form(("CenterId", center), ("Include", include ? "true" : "false"), ("Reason", reason)));

    public async Task<List<int>> OpenCasesAsync(HttpClient bureau, int campaign)
    {
        var r = await PostAsync(bureau, $"/Evaluations/Campaign?id={campaign}&handler=OpenCases", Form());
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect, await ErrorAsync(r));
        return await app.Db(db => db.EvaluationParticipants.Where(p => p.CampaignId == campaign && p.CaseId != null).OrderBy(p => p.CenterId).Select(p => p.CaseId!.Value).ToListAsync());
    }

    public async Task<HttpClient> ApplicantForAsync(int unit)
    {
        if (applicants.TryGetValue(unit, out var c)) return c;
        var j = await app.Db(db => db.Units.Where(x => x.Id == unit).Select(x => x.JurisdictionId).SingleAsync());
        return applicants[unit] = await app.LoginAsync(await app.CreateUserAsync(Roles.Applicant, configure: u => { u.UnitId = unit; u.JurisdictionId = j; }));
    }

    private async Task<HttpClient> DepartmentForAsync(int unit)
    {
        if (!departments.TryGetValue(unit, out var c)) departments[unit] = c = await app.LoginAsync(await app.DepartmentOfficerForAsync(unit));
        return c;
    }

    public Task<int> RevisionAsync(int caseId) => app.Db(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.Revision).SingleAsync());

    /// <summary>The center submits its materials and every reviewer passes them: the case waits for scoring.</summary>
    public async Task ToScoringAsync(HttpClient bureau, int caseId)
    {
        var c = await app.Db(db => db.Cases.AsNoTracking().SingleAsync(x => x.Id == caseId));
        var applicant = await ApplicantForAsync(c.LeadUnitId!.Value);
        var r = await PostAsync(applicant, $"/Evaluations/Case?id={caseId}&handler=Submit",
            Form(("Revision", await RevisionAsync(caseId)), ("SelfEvaluation", "本年度完成各项建设任务。"), ("Evidence", "运行数据统计表")));
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect, await ErrorAsync(r));
        while (await app.Db(db => db.Cases.AsNoTracking().SingleAsync(x => x.Id == caseId)) is { Step: "review" } now)
        {
            var who = now.Holder == "department" ? await DepartmentForAsync(c.LeadUnitId!.Value) : bureau;
            r = await PostAsync(who, $"/Evaluations/Case?id={caseId}&handler=Pass", Form(("Revision", now.Revision), ("Note", "材料完整")));
            r.StatusCode.ShouldBe(HttpStatusCode.Redirect, await ErrorAsync(r));
        }
    }

    /// <summary>A new evaluator organisation of <paramref name="j"/> with one new account, entrusted with the whole campaign.</summary>
    public async Task<HttpClient> EntrustAsync(HttpClient bureau, string j, int campaign, IReadOnlyCollection<int>? caseIds = null)
    {
        var user = await app.CreateUserAsync(Roles.Evaluator, configure: u => u.JurisdictionId = j);
        var userId = (await app.User(user)).Id;
        var name = $"测试评估机构{Guid.NewGuid():N}"[..14];
        (await PostAsync(bureau, $"/Evaluations/Campaign?id={campaign}&handler=Organisation", Form(("OrganisationName", name), ("MemberIds", userId))))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var org = await app.Db(db => db.EvaluatorOrganisations.Where(o => o.Name == name).Select(o => o.Id).SingleAsync());
        var r = await PostAsync(bureau, $"/Evaluations/Campaign?id={campaign}&handler=Assign",
            Form(("OrganisationId", org)).Concat((caseIds ?? []).Select(id => new KeyValuePair<string, string>("CaseIds", id.ToString()))));
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect, await ErrorAsync(r));
        return await app.LoginAsync(user);
    }

    /// <summary>
    /// <paramref name="n"/> new centers of <paramref name="j"/> in the campaign of <paramref name="year"/>, its cases opened (and
    /// brought to scoring when <paramref name="toScoring"/>), all entrusted to a new evaluator organisation: its account.
    /// </summary>
    public async Task<(HttpClient Bureau, int Campaign, List<int> Cases, HttpClient Org)> EntrustedAsync(string j, DateOnly approvedOn, int year,
        bool toScoring = true, int n = 2)
    {
        var bureau = await BureauAsync(j);
        var campaign = await OpenAsync(bureau, year, await CentersAsync(j, approvedOn, n));
        var cases = await OpenCasesAsync(bureau, campaign);
        if (toScoring)
            foreach (var c in cases) await ToScoringAsync(bureau, c);
        return (bureau, campaign, cases, await EntrustAsync(bureau, j, campaign, cases));
    }

    public async Task<HttpResponseMessage> ScoreAsync(HttpClient scorer, int caseId, IReadOnlyDictionary<string, string?>? scores = null, string? grade = null, string? conclusion = "依据材料和现场核查形成结论") =>
        await PostAsync(scorer, $"/Evaluations/Case?id={caseId}&handler=Score",
            Form(("Revision", await RevisionAsync(caseId)), ("Grade", grade), ("Conclusion", conclusion))
                .Concat((scores ?? new Dictionary<string, string?>()).Select(s => new KeyValuePair<string, string>($"Scores[{s.Key}]", s.Value ?? ""))));

    public Task<HttpResponseMessage> ConfirmAsync(HttpClient bureau, int campaign, IEnumerable<int>? lowered = null, string? reason = null) =>
        PostAsync(bureau, $"/Evaluations/Campaign?id={campaign}&handler=Confirm",
            Form(("DecisionRecord", "2026年第3次局长办公会研究确定"), ("QuotaReason", reason)).Concat((lowered ?? []).Select(id => new KeyValuePair<string, string>("Lowered", id.ToString()))));

    public Task<Evaluation> EvaluationAsync(int caseId) => app.Db(db => db.Evaluations.AsNoTracking().SingleAsync(e => e.Id == caseId));
}
