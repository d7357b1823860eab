using Microsoft.EntityFrameworkCore;
using TechCenters.Web.Features.Integrity;
using TechCenters.Web.Infrastructure;

namespace TechCenters.Web.Data.Seed;

/// <summary>
/// Demo data of the 科研诚信记录, per jurisdiction: a finding in effect against the pool expert the demo already marks
/// (kept off every panel while in effect) and an expired one against a demo unit, found more than three years ago (so
/// no "近三年" condition reads it), so officers see both states.
/// </summary>
public static class DemoIntegrity
{
    public static async Task SeedAsync(AppDbContext db, Clock clock, string jurisdiction, CancellationToken ct)
    {
        var today = clock.Today;
        var expert = await db.Experts.AsNoTracking().Where(e => e.JurisdictionId == jurisdiction).OrderByDescending(e => e.Id).Skip(1).FirstOrDefaultAsync(ct);
        var unit = await db.Units.AsNoTracking().Where(u => u.JurisdictionId == jurisdiction).OrderByDescending(u => u.Id).FirstOrDefaultAsync(ct);
        if (expert is not null)
            db.IntegrityFindings.Add(new IntegrityFinding
            {
                JurisdictionId = jurisdiction, Subject = FindingSubject.Person, SubjectName = expert.Name, ExpertId = expert.Id, UnitId = expert.UnitId,
                PersonIdNumber = IntegrityRules.IdNumber($"11010119700101{expert.Id % 1000:D3}"), Category = "research_dishonesty",
                What = "评审中泄露申报材料，科研诚信案件处理决定：暂停评审专家资格两年", LegalBasis = "《科研失信行为调查处理规则》第二十四条",
                DocumentNumber = $"科诚决〔{today.Year - 1}〕{expert.Id % 100 + 1}号", FoundOn = today.AddYears(-1), EffectiveFrom = today.AddYears(-1),
                EffectiveTo = IntegrityRules.LastDayOf(today.AddYears(-1), 2), RecordedAt = clock.UtcNow, RecordedBy = "演示数据",
            });
        if (unit is not null)
            db.IntegrityFindings.Add(new IntegrityFinding
            {
                JurisdictionId = jurisdiction, Subject = FindingSubject.Unit, UnitId = unit.Id, CreditCode = unit.CreditCode, SubjectName = unit.Name,
                Category = "major_violation", What = "环境保护行政处罚（已履行完毕）", LegalBasis = "《中华人民共和国环境保护法》第五十九条",
                DocumentNumber = $"环罚〔{today.Year - 5}〕{unit.Id % 100 + 1}号", FoundOn = today.AddYears(-5), EffectiveFrom = today.AddYears(-5),
                EffectiveTo = IntegrityRules.LastDayOf(today.AddYears(-5), 2), RecordedAt = clock.UtcNow, RecordedBy = "演示数据",
            });
        await db.SaveChangesAsync(ct);
    }
}
