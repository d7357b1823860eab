using Microsoft.EntityFrameworkCore;
using TechCenters.Policy;
using TechCenters.Policy.Rules;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Centers;
using TechCenters.Web.Features.Changes;
using TechCenters.Web.Features.Revocations;
using TechCenters.Web.Features.Units;

namespace TechCenters.Web.Data.Seed;

/// <summary>
/// Demo dynamic management, per jurisdiction, made through the real actions: a change request of the demo applicant's
/// newest center waiting for review, a revocation of its second center in the hearing period, and a center of another
/// unit revoked (so the demo applicant itself stays free to apply). Runs once, after <see cref="DemoCases"/>.
/// </summary>
public sealed class DemoDynamic(AppDbContext db, PolicyCatalog catalog, DemoCases cases, ChangeRequests changes, Revocations revocations,
    Infrastructure.Clock clock)
{
    public async Task SeedAsync(CancellationToken ct = default)
    {
        if (await db.Cases.AnyAsync(c => c.Kind == ProcessKinds.ChangeRequest || c.Kind == ProcessKinds.Revocation, ct)) return;
        foreach (var j in DemoCatalog.Jurisdictions.Where(j => catalog.Jurisdictions.Contains(j.Id)))
        {
            var bureau = await ActorAsync(j.Short + "-bureau", ct);
            var applicant = await ActorAsync(j.Short + "-applicant", ct);
            if (bureau is null || applicant?.Scope.UnitId is not { } unit) continue;
            var centers = await db.Centers.AsNoTracking().Where(c => c.JurisdictionId == j.Id && c.LeadUnitId == unit)
                .OrderByDescending(c => c.ApprovedOn).ToListAsync(ct);
            if (centers.Count < 2) continue;
            await ChangeRequestAsync(applicant, centers[0], ct);
            await InHearingAsync(bureau, centers[1], ct);
            await RevokedAsync(j.Id, bureau, unit, ct);
        }
    }

    private async Task<WorkflowActor?> ActorAsync(string userName, CancellationToken ct)
    {
        var u = await db.Users.AsNoTracking().FirstOrDefaultAsync(x => x.UserName == userName, ct);
        if (u is null) return null;
        var role = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == u.Id select r.Name).FirstOrDefaultAsync(ct);
        return new WorkflowActor(new UserScope(u.Id, u.UserName!, role, u.JurisdictionId, u.DepartmentId, u.UnitId, u.ExpertId), "本机", u.DisplayName);
    }

    private PolicyPack PackOf(Center c) => catalog.For(c.JurisdictionId, clock.Today) is { InForce: true, Pack: { } p } ? p : catalog.Versions(c.JurisdictionId).First(p => p.Version == c.PackVersion);

    /// <summary>A change of the registered place (or, where the text lists none, of the name) filed, evidenced and submitted.</summary>
    private async Task ChangeRequestAsync(WorkflowActor applicant, Center center, CancellationToken ct)
    {
        var pack = PackOf(center);
        if (ChangeRequests.KindsOf(pack) is not { } kinds || pack.Process(ProcessKinds.ChangeRequest) is null) return;
        var item = kinds.Items.FirstOrDefault(i => i.Changes == ChangeTargets.RegisteredAddress) ?? kinds.Items.FirstOrDefault(i => i.Changes == ChangeTargets.Name);
        if (item is null) return;
        var naming = pack.Rules.OfType<NamingRule>().FirstOrDefault();
        var to = item.Changes == ChangeTargets.RegisteredAddress ? "高新技术产业开发区创新大道88号"
            : naming is { Prefix.Length: > 0 } n && center.Name.StartsWith(n.Prefix, StringComparison.Ordinal) ? n.Prefix + "智能" + center.Name[n.Prefix.Length..] : "智能" + center.Name;
        var filed = await changes.FileAsync(applicant, new(center.Id, item.Name, to, null, [], "依托单位整体搬迁至新址，中心随之迁入，需变更有关信息。"), ct);
        if (!filed.Ok || filed.CaseId is not { } id) return;
        if (kinds.Evidence.Count > 0)
        {
            var pdf = "%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"u8.ToArray();
            using var stream = new MemoryStream(pdf);
            var file = new FormFile(stream, 0, pdf.Length, "file", $"{kinds.Evidence[0].Name}.pdf");
            await changes.AttachAsync(id, applicant, await RevisionAsync(id, ct), file, ct);
        }
        var c = await db.Cases.AsNoTracking().FirstAsync(x => x.Id == id, ct);
        var process = pack.Process(ProcessKinds.ChangeRequest)!;
        var next = process.Transitions.First(t => t.From == c.StageId && process.Stage(t.To) is { IsWithdrawal: false });
        await changes.MoveAsync(id, applicant, c.Revision, next.To, null, ct);
        db.ChangeTracker.Clear();
    }

    /// <summary>A revocation opened on a ground the text states literally, the center told and given 15 days to state its case.</summary>
    private async Task<int?> InHearingAsync(WorkflowActor bureau, Center center, CancellationToken ct, int days = 15)
    {
        var pack = PackOf(center);
        var ground = Revocations.GroundsOf(pack).FirstOrDefault(g => !g.Judgement);
        if (ground is null || pack.Process(ProcessKinds.Revocation) is not { } process) return null;
        var opened = await revocations.OpenAsync(bureau, new(center.Id, [ground.Id], $"经核查，{center.Name}存在“{ground.Text.TrimEnd('的')}”的情形（演示数据）"), ct);
        if (!opened.Ok || opened.CaseId is not { } id) return null;
        var hearing = process.Stages.First(s => s.Step == StageSteps.Hearing);
        await revocations.MoveAsync(id, bureau, await RevisionAsync(id, ct), new(hearing.Id, null, clock.Today.AddDays(days)), ct);
        db.ChangeTracker.Clear();
        return id;
    }

    /// <summary>A center of another unit of the jurisdiction recognized years ago, heard and revoked.</summary>
    private async Task RevokedAsync(string jurisdiction, WorkflowActor bureau, int applicantUnit, CancellationToken ct)
    {
        var other = await db.Units.AsNoTracking().Where(u => u.JurisdictionId == jurisdiction && u.Id != applicantUnit && u.Type == UnitType.Enterprise)
            .OrderByDescending(u => u.Id).FirstOrDefaultAsync(ct);
        if (other is null) return;
        var app = await cases.CreateInExpertReviewAsync(jurisdiction, other.Id, ordinal: 90, ct: ct);
        await cases.RecognizeAsync(app, 30, ct);
        var center = await db.Centers.AsNoTracking().FirstAsync(c => c.ApplicationId == app, ct);
        if (await InHearingAsync(bureau, center, ct, days: 1) is not { } id) return;
        var pack = PackOf(center);
        var process = pack.Process(ProcessKinds.Revocation)!;
        var decision = process.Stages.First(s => s.Step == StageSteps.Decision);
        var centerActor = new WorkflowActor(new UserScope(null, other.Name, Roles.Applicant, jurisdiction, other.DepartmentId, other.Id, null), "本机", other.Name);
        await revocations.MoveAsync(id, centerActor, await RevisionAsync(id, ct), new(decision.Id, null, Statement: "对认定的事实无异议，服从决定。"), ct);
        var revoked = process.Stages.First(s => s.IsApproval);
        await revocations.MoveAsync(id, bureau, await RevisionAsync(id, ct), new(revoked.Id, null, DecisionNumber: $"演示撤〔{clock.Today.Year}〕{id}号"), ct);
        db.ChangeTracker.Clear();
    }

    private Task<int> RevisionAsync(int id, CancellationToken ct) => db.Cases.AsNoTracking().Where(c => c.Id == id).Select(c => c.Revision).FirstAsync(ct);
}
