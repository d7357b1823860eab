using Bogus;
using Person = TechCenters.Web.Features.Units.Person;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Units;

namespace TechCenters.Web.Data.Seed;

public sealed record DemoAccount(string UserName, string Role, string JurisdictionName, string Scope);

/// <summary>
/// Deterministic demo data: the five jurisdictions with their bureaus and departments, applicant units of
/// every type with people, an expert pool, and one account per role per jurisdiction plus the three admins.
/// Running it twice changes nothing.
/// </summary>
public sealed class DemoSeeder(AppDbContext db, UserManager<AppUser> users, RoleManager<IdentityRole> roles,
    IPasswordHasher<AppUser> hasher, TechCenters.Web.Infrastructure.Clock clock, IConfiguration config, TechCenters.Policy.PolicyCatalog catalog)
{
    public const string DefaultDemoPassword = "Demo@2026tc";
    private const int Seed = 20260101;

    public string DemoPassword => config["Demo:Password"] ?? DefaultDemoPassword;

    public async Task<bool> SeedAsync(int unitsPerType = 12, CancellationToken ct = default)
    {
        await EnsureRolesAsync();
        await EnsureReferenceDataAsync(ct);
        var created = false;
        if (!await db.Units.AnyAsync(ct))
        {
            await SeedPortfolioAsync(unitsPerType, ct);
            created = true;
        }
        await EnsureAccountsAsync(ct);
        await DemoCalls.SeedAsync(db, catalog, clock, ct);
        return created;
    }

    public async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role))
                await roles.CreateAsync(new IdentityRole(role));
    }

    public async Task EnsureReferenceDataAsync(CancellationToken ct = default)
    {
        foreach (var j in DemoCatalog.For(catalog))
        {
            if (!await db.Jurisdictions.AnyAsync(x => x.Id == j.Id, ct))
                db.Jurisdictions.Add(new Jurisdiction { Id = j.Id, Name = j.Name, Level = j.Level, BureauName = j.BureauName });
            var existing = await db.Departments.Where(d => d.JurisdictionId == j.Id).Select(d => d.Name).ToListAsync(ct);
            foreach (var (name, kind) in j.Departments.Where(d => !existing.Contains(d.Name)))
                db.Departments.Add(new Department { JurisdictionId = j.Id, Name = name, Kind = kind });
        }
        await db.SaveChangesAsync(ct);
        await DepartmentPaths.FillAsync(db, ct);
    }

    private async Task SeedPortfolioAsync(int unitsPerType, CancellationToken ct)
    {
        var rnd = new Randomizer(Seed);
        var faker = new Faker("zh_CN") { Random = rnd };
        var codes = new HashSet<string>();
        var now = clock.UtcNow;
        foreach (var j in DemoCatalog.For(catalog))
        {
            var depts = await db.Departments.Where(d => d.JurisdictionId == j.Id).OrderBy(d => d.Id).ToListAsync(ct);
            var units = new List<Unit>();
            foreach (var type in Enum.GetValues<UnitType>())
            {
                for (var i = 0; i < unitsPerType; i++)
                {
                    // 第十二师: universities and division-level institutes report straight to the bureau (驻地高校、师直单位).
                    var direct = j.DirectUnits.Length > 0 && (type == UnitType.University || (type == UnitType.ResearchInstitute && i % 2 == 1));
                    var dept = direct ? null : depts[(i + (int)type - 1) % depts.Count];
                    var place = PlaceName(j, dept);
                    var name = UnitName(rnd, j, type, i, place);
                    units.Add(new Unit
                    {
                        CreditCode = NewCreditCode(rnd, codes, type, j.RegionCode),
                        Name = name,
                        Type = type,
                        JurisdictionId = j.Id,
                        DepartmentId = dept?.Id,
                        Region = dept is null ? $"{j.Name}（{j.DirectUnits[(int)type % j.DirectUnits.Length]}）" : $"{j.Name}{(dept.Name.StartsWith(j.City, StringComparison.Ordinal) ? "" : dept.Name)}",
                        RegisteredAddress = $"{j.Name}{dept?.Name ?? ""}{faker.Address.StreetName()}{rnd.Number(1, 999)}号",
                        CreatedAt = now,
                        People = NewPeople(rnd, type, rnd.Number(3, 5)),
                    });
                }
            }
            db.Units.AddRange(units);
            await db.SaveChangesAsync(ct);

            var experts = new List<Expert>();
            for (var i = 0; i < 18; i++)
            {
                var (field, kind) = DemoCatalog.ExpertFields[i % DemoCatalog.ExpertFields.Length];
                var employer = units[rnd.Number(0, units.Count - 1)];
                var expert = new Expert
                {
                    JurisdictionId = j.Id,
                    Name = PersonName(rnd),
                    Field = field,
                    Kind = kind,
                    Title = kind == ExpertiseKind.Finance ? rnd.ArrayElement(["高级会计师", "注册会计师", "正高级会计师"])
                        : kind == ExpertiseKind.Management ? rnd.ArrayElement(["研究员", "高级经济师", "教授"])
                        : rnd.ArrayElement(["教授", "研究员", "正高级工程师"]),
                    Employer = employer.Name,
                    UnitId = employer.Id,
                    Phone = Phone(rnd),
                };
                expert.Email = EmailFor(expert.Phone);
                expert.Relations.Add(new ExpertRelation { UnitId = employer.Id, Relation = "所在单位" });
                var other = units[rnd.Number(0, units.Count - 1)];
                if (other.Id != employer.Id) expert.Relations.Add(new ExpertRelation { UnitId = other.Id, Relation = rnd.ArrayElement(["近三年合作项目", "兼职", "曾任职"]) });
                experts.Add(expert);
            }
            db.Experts.AddRange(experts);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>The place word companies put in front of their name (阿克苏, 昌吉, 任丘, 一〇四团 …).</summary>
    private static string PlaceName(DemoCatalog.JurisdictionSeed j, Department? dept)
    {
        if (dept is null || dept.Kind is "经开区" or "区级部门" or "园区" or "开发区") return j.City;
        var name = dept.Name;
        if (name.EndsWith("自治州", StringComparison.Ordinal)) return name[..2];
        if (name.EndsWith("地区", StringComparison.Ordinal)) return name[..^2];
        if (name.EndsWith('市')) return name[..^1];
        if (name.EndsWith('区')) return j.City; // 城区: companies there carry the city's name
        return name; // 团场、农场、县、旗
    }

    private static string UnitName(Randomizer rnd, DemoCatalog.JurisdictionSeed j, UnitType type, int i, string place) => type switch
    {
        UnitType.Enterprise => $"{place}{DemoCatalog.EnterpriseWords[(i * 7 + j.Id.Length) % DemoCatalog.EnterpriseWords.Length]}{DemoCatalog.Industries[(i * 3 + j.Short.Length) % DemoCatalog.Industries.Length]}{(i % 4 == 0 ? "股份" : "")}有限公司",
        UnitType.University => $"{j.City}{DemoCatalog.UniversitySuffix[i % DemoCatalog.UniversitySuffix.Length]}",
        UnitType.ResearchInstitute => $"{(j.DirectUnits.Length > 0 ? "第十二师" : j.Name)}{DemoCatalog.InstituteFields[i % DemoCatalog.InstituteFields.Length]}",
        UnitType.TechnicalInstitution => $"{place}{TechnicalInstitutions[i % TechnicalInstitutions.Length]}",
        _ => $"{place}{DemoCatalog.NewRdFields[i % DemoCatalog.NewRdFields.Length]}",
    } + (i >= 12 ? $"（{i / 12 + 1}）" : "");

    private static readonly string[] TechnicalInstitutions =
        ["产品质量检验检测中心", "计量检定测试所", "技术转移中心", "标准化研究所", "特种设备检验研究院", "农产品质量安全检测中心",
         "知识产权服务中心", "科技情报研究所", "工业设计中心", "环境监测技术服务中心", "食品检验检测中心", "检验认证有限公司"];

    internal static List<Person> NewPeople(Randomizer rnd, UnitType type, int count)
    {
        var academic = type != UnitType.Enterprise;
        var people = new List<Person>(count);
        for (var k = 0; k < count; k++)
        {
            var person = new Person
            {
                Name = PersonName(rnd),
                Title = rnd.ArrayElement(academic ? DemoCatalog.AcademicTitles : DemoCatalog.EnterpriseTitles),
                Position = k == 0 ? (academic ? (type == UnitType.University ? "科技处处长" : "所长") : "总经理")
                    : rnd.ArrayElement(academic ? DemoCatalog.AcademicPositions : DemoCatalog.EnterprisePositions),
                Phone = Phone(rnd),
                IdNumber = IdNumber(rnd),
            };
            person.Email = EmailFor(person.Phone);
            people.Add(person);
        }
        return people;
    }

    internal static string PersonName(Randomizer rnd) => rnd.ArrayElement(DemoCatalog.Surnames) + rnd.ArrayElement(DemoCatalog.GivenNames);

    internal static string Phone(Randomizer rnd) =>
        rnd.ArrayElement(["138", "139", "135", "136", "150", "151", "158", "177", "186", "189", "199"]) + rnd.Number(0, 99_999_999).ToString("D8");

    /// <summary>A mailbox derived from the phone number (no extra draws from the seeded generator, so the rest of the demo data stays as it was).</summary>
    internal static string EmailFor(string? phone) =>
        phone is null ? "" : $"u{phone[^6..]}@" + MailDomains[(phone[^1] - '0') % MailDomains.Length];

    private static readonly string[] MailDomains = ["163.com", "126.com", "qq.com", "sina.com"];

    /// <summary>An 18-digit resident ID number with a valid ISO 7064 MOD 11-2 check digit.</summary>
    internal static string IdNumber(Randomizer rnd)
    {
        var region = rnd.ArrayElement(["650102", "650103", "652301", "150102", "150105", "500101", "130902", "130903", "130982"]);
        var birth = new DateOnly(1960, 1, 1).AddDays(rnd.Number(0, 365 * 38));
        var body = region + birth.ToString("yyyyMMdd") + rnd.Number(0, 999).ToString("D3");
        int[] w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += (body[i] - '0') * w[i];
        return body + "10X98765432"[sum % 11];
    }

    /// <summary>A fresh, valid 统一社会信用代码: 登记管理部门 + 机构类别 + 行政区划 + 组织机构代码 (with its GB 11714 check) + check character.</summary>
    internal static string NewCreditCode(Randomizer rnd, HashSet<string> taken, UnitType type, string regionCode)
    {
        var prefix = type switch
        {
            UnitType.Enterprise => "91",
            UnitType.NewRdInstitution => "52",
            _ => "12",
        };
        while (true)
        {
            const string orgChars = "0123456789ABCDEFGHJKLMNPQRTUWXY";
            var org = new char[8];
            for (var i = 0; i < 8; i++) org[i] = i < 2 ? (char)('0' + rnd.Number(0, 9)) : orgChars[rnd.Number(0, orgChars.Length - 1)];
            int[] w = [3, 7, 9, 10, 5, 8, 4, 2];
            var sum = 0;
            for (var i = 0; i < 8; i++) sum += (char.IsDigit(org[i]) ? org[i] - '0' : org[i] - 'A' + 10) * w[i];
            var c9 = 11 - sum % 11;
            var check9 = c9 == 10 ? 'X' : c9 == 11 ? '0' : (char)('0' + c9);
            var code = CreditCode.Complete(prefix + regionCode + new string(org) + check9);
            if (taken.Add(code)) return code;
        }
    }

    public IReadOnlyList<(string UserName, string Role, string? JurisdictionId, string DisplayName)> AccountPlan()
    {
        var plan = new List<(string, string, string?, string)>
        {
            ("sysadmin", Roles.SystemAdmin, null, "系统管理员"),
            ("secadmin", Roles.SecurityAdmin, null, "安全管理员"),
            ("auditadmin", Roles.AuditAdmin, null, "审计管理员"),
        };
        foreach (var j in DemoCatalog.For(catalog))
        {
            plan.Add(($"{j.Short}-bureau", Roles.BureauOfficer, j.Id, $"{j.BureauName}管理员"));
            plan.Add(($"{j.Short}-dept", Roles.DepartmentOfficer, j.Id, $"{j.Departments[0].Name}科技管理员"));
            plan.Add(($"{j.Short}-applicant", Roles.Applicant, j.Id, "申报单位联系人"));
            plan.Add(($"{j.Short}-expert", Roles.Expert, j.Id, "评审专家"));
            plan.Add(($"{j.Short}-evaluator", Roles.Evaluator, j.Id, "第三方评估机构"));
        }
        return plan;
    }

    /// <summary>Demo accounts share one known password; hashing it once keeps seeding fast at 210,000 PBKDF2 iterations.</summary>
    public async Task<IReadOnlyList<DemoAccount>> EnsureAccountsAsync(CancellationToken ct = default)
    {
        var result = new List<DemoAccount>();
        string? hash = null;
        foreach (var (userName, role, jurisdictionId, displayName) in AccountPlan())
        {
            var j = jurisdictionId is null ? null : await db.Jurisdictions.AsNoTracking().FirstAsync(x => x.Id == jurisdictionId, ct);
            var existing = await users.FindByNameAsync(userName);
            if (existing is null)
            {
                var user = new AppUser
                {
                    UserName = userName,
                    DisplayName = displayName,
                    JurisdictionId = jurisdictionId,
                    LockoutEnabled = true,
                    CreatedAt = clock.UtcNow,
                };
                if (role == Roles.DepartmentOfficer)
                    user.DepartmentId = await db.Departments.Where(d => d.JurisdictionId == jurisdictionId).OrderBy(d => d.Id).Select(d => (int?)d.Id).FirstAsync(ct);
                if (role == Roles.Applicant)
                {
                    // The demo applicant's unit sits in the demo department officer's department.
                    var firstDept = await db.Departments.Where(d => d.JurisdictionId == jurisdictionId).OrderBy(d => d.Id).Select(d => d.Id).FirstAsync(ct);
                    var unit = await db.Units.AsNoTracking().Where(u => u.JurisdictionId == jurisdictionId && u.Type == UnitType.Enterprise)
                        .OrderBy(u => u.DepartmentId == firstDept ? 0 : 1).ThenBy(u => u.Id).FirstAsync(ct);
                    user.UnitId = unit.Id;
                    user.DisplayName = $"{unit.Name}联系人";
                    user.IsUnitAdmin = true; // 单位管理员: manages its unit's staff accounts (/Organisation/Staff)
                }
                if (role == Roles.Expert)
                {
                    var expert = await db.Experts.AsNoTracking().Where(e => e.JurisdictionId == jurisdictionId).OrderBy(e => e.Id).FirstAsync(ct);
                    user.ExpertId = expert.Id;
                    user.DisplayName = $"{expert.Name}（专家）";
                }
                hash ??= hasher.HashPassword(user, DemoPassword);
                user.PasswordHash = hash;
                Check(await users.CreateAsync(user));
                Check(await users.AddToRoleAsync(user, role));
                existing = user;
            }
            var scope = role switch
            {
                Roles.BureauOfficer => j!.BureauName,
                Roles.DepartmentOfficer => await db.Departments.Where(d => d.Id == existing.DepartmentId).Select(d => d.Name).FirstAsync(ct),
                Roles.Applicant => await db.Units.Where(u => u.Id == existing.UnitId).Select(u => u.Name).FirstAsync(ct),
                Roles.Expert => existing.DisplayName,
                Roles.Evaluator => "受托绩效评估",
                _ => "全平台",
            };
            result.Add(new DemoAccount(userName, role, j?.Name ?? "—", scope));
        }
        // Every expert of a demo pool can sign in, so a panel of five can be walked to its end: <j>-expert is the first,
        // <j>-expert-02 … the others, in the pool's order.
        foreach (var j in DemoCatalog.For(catalog))
        {
            var pool = await db.Experts.AsNoTracking().Where(e => e.JurisdictionId == j.Id).OrderBy(e => e.Id).Skip(1).ToListAsync(ct);
            for (var n = 0; n < pool.Count; n++)
            {
                var e = pool[n];
                var userName = ExpertLogin(j.Short, n + 2);
                if (await users.FindByNameAsync(userName) is null && !await db.Users.AnyAsync(u => u.ExpertId == e.Id, ct))
                {
                    var user = new AppUser
                    {
                        UserName = userName, DisplayName = $"{e.Name}（专家）", JurisdictionId = j.Id, ExpertId = e.Id,
                        LockoutEnabled = true, CreatedAt = clock.UtcNow,
                    };
                    hash ??= hasher.HashPassword(user, DemoPassword);
                    user.PasswordHash = hash;
                    Check(await users.CreateAsync(user));
                    Check(await users.AddToRoleAsync(user, Roles.Expert));
                }
                result.Add(new DemoAccount(userName, Roles.Expert, j.Name, $"{e.Name}（专家）"));
            }
        }
        return result;
    }

    /// <summary>The demo login of the n-th expert of a pool (the first is <c>&lt;j&gt;-expert</c>).</summary>
    public static string ExpertLogin(string jurisdictionShort, int n) => n <= 1 ? $"{jurisdictionShort}-expert" : $"{jurisdictionShort}-expert-{n:D2}";

    private static void Check(IdentityResult r)
    {
        if (!r.Succeeded) throw new InvalidOperationException("创建演示账号失败：" + string.Join("；", r.Errors.Select(e => e.Description)));
    }
}
