using Bogus;
using Microsoft.EntityFrameworkCore;
using TechCenters.Web.Features.Units;

namespace TechCenters.Web.Data.Seed;

/// <summary>A large generated portfolio for benchmarks: units spread over every jurisdiction and department, two people each.</summary>
public sealed class SyntheticSeeder(AppDbContext db, DemoSeeder demo, TimeProvider time, TechCenters.Policy.PolicyCatalog catalog)
{
    public const int BatchSize = 5000;

    public async Task<int> SeedAsync(int units, Action<int>? progress = null, CancellationToken ct = default)
    {
        await demo.EnsureReferenceDataAsync(ct);
        var depts = await db.Departments.AsNoTracking().OrderBy(d => d.Id).ToListAsync(ct);
        var taken = (await db.Units.AsNoTracking().Select(u => u.CreditCode).ToListAsync(ct)).ToHashSet();
        var start = await db.Units.CountAsync(ct);
        var rnd = new Randomizer(7 + start);
        var types = Enum.GetValues<UnitType>();
        var regionCodes = DemoCatalog.For(catalog).ToDictionary(j => j.Id, j => j.RegionCode);
        var now = time.GetUtcNow();

        var previous = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            for (var done = 0; done < units;)
            {
                var n = Math.Min(BatchSize, units - done);
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                for (var i = 0; i < n; i++)
                {
                    var k = start + done + i;
                    var dept = depts[k % depts.Count];
                    var type = types[k % types.Length];
                    db.Units.Add(new Unit
                    {
                        CreditCode = DemoSeeder.NewCreditCode(rnd, taken, type, regionCodes[dept.JurisdictionId]),
                        Name = $"{dept.Name}{DemoCatalog.EnterpriseWords[k % DemoCatalog.EnterpriseWords.Length]}{DemoCatalog.Industries[k / 7 % DemoCatalog.Industries.Length]}{type.ToChinese()}（合成{k + 1:D6}）",
                        Type = type,
                        JurisdictionId = dept.JurisdictionId,
                        DepartmentId = dept.Id,
                        Region = dept.Name,
                        RegisteredAddress = $"{dept.Name}科技大道{k % 999 + 1}号",
                        CreatedAt = now,
                        People = DemoSeeder.NewPeople(rnd, type, 2),
                    });
                }
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                db.ChangeTracker.Clear();
                done += n;
                progress?.Invoke(done);
            }
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = previous;
        }
        return units;
    }
}
