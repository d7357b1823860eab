using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Shared;
using TechCenters.Web.Features.Units;

namespace TechCenters.Web.Features.Imports;

/// <summary>Where an import may write: the bureau's jurisdiction, or (a unit administrator's) one unit of it.</summary>
public sealed record ImportScope(string JurisdictionId, int? UnitId)
{
    /// <summary>The account's import scope for the kind, or null when it may not import it (403).</summary>
    public static ImportScope? Of(ClaimsPrincipal user, IImportKind kind)
    {
        var s = UserScope.From(user);
        if (s.JurisdictionId is null) return null;
        if (s.Role == Roles.BureauOfficer) return new ImportScope(s.JurisdictionId, null);
        if (kind.UnitAdminMay && Organisation.UnitAdmin.Is(user) && s.UnitId is { } unit) return new ImportScope(s.JurisdictionId, unit);
        return null;
    }
}

/// <summary>The checked rows: every error, and for a file without errors the entities to add.</summary>
public sealed record ImportPlan(IReadOnlyList<ImportError> Errors, IReadOnlyList<object> Entities)
{
    public int InvalidRows => Errors.Select(e => e.Row).Distinct().Count();
}

/// <summary>A kind of import: its template columns, the values it allows, and the check of every row.</summary>
public interface IImportKind
{
    string Key { get; }
    /// <summary>申报单位, 单位人员, 专家.</summary>
    string Name { get; }
    string ListUrl { get; }
    bool UnitAdminMay { get; }
    IReadOnlyList<ImportColumn> Columns { get; }
    Task<IReadOnlyList<(string Title, IReadOnlyList<string> Values)>> AllowedAsync(AppDbContext db, ImportScope scope, CancellationToken ct);
    /// <summary>Checks each row (the required and length checks are done before, their cells are not checked again).</summary>
    Task<ImportPlan> PlanAsync(AppDbContext db, Security.PersonalDataProtector protector, ImportScope scope, IReadOnlyList<ImportRow> rows, ImportChecks checks, CancellationToken ct);
}

public static class ImportKinds
{
    public static readonly IImportKind[] All = [new UnitImport(), new PersonImport(), new ExpertImport()];

    public static IImportKind? Find(string? key) => All.FirstOrDefault(k => k.Key == key);

    /// <summary>The jurisdiction's units with these credit codes (id and name by code), in chunks the databases take.</summary>
    public static async Task<Dictionary<string, (int Id, string Name)>> UnitsByCodeAsync(AppDbContext db, ImportScope scope, IReadOnlyList<string> codes, CancellationToken ct)
    {
        var units = new Dictionary<string, (int Id, string Name)>();
        foreach (var chunk in codes.Chunk(500))
            foreach (var u in await db.Units.AsNoTracking().Where(u => u.JurisdictionId == scope.JurisdictionId && chunk.Contains(u.CreditCode))
                         .Select(u => new { u.Id, u.Name, u.CreditCode }).ToListAsync(ct))
                units[u.CreditCode] = (u.Id, u.Name);
        return units;
    }

    /// <summary>The column checks every kind shares (required, length), then the kind's own.</summary>
    public static async Task<ImportPlan> CheckAsync(IImportKind kind, AppDbContext db, Security.PersonalDataProtector protector, ImportScope scope, IReadOnlyList<ImportRow> rows, CancellationToken ct)
    {
        var checks = new ImportChecks();
        foreach (var row in rows)
            foreach (var c in kind.Columns)
            {
                var v = row[c.Header];
                if (v is null && c.Required) checks.Add(row, c.Header, "不能为空");
                else if (v is not null && v.Length > c.MaxLength) checks.Add(row, c.Header, $"超过 {c.MaxLength} 个字（实际 {v.Length} 个字）");
            }
        var plan = await kind.PlanAsync(db, protector, scope, rows, checks, ct);
        var errors = checks.Errors.OrderBy(e => e.Row).ThenBy(e => kind.Columns.ToList().FindIndex(c => c.Header == e.Column)).ToList();
        return new ImportPlan(errors, errors.Count == 0 ? plan.Entities : []);
    }
}

/// <summary>The errors found so far, and which cells already have one (a cell gets one message).</summary>
public sealed class ImportChecks
{
    private readonly HashSet<(int, string)> wrong = [];
    public List<ImportError> Errors { get; } = [];

    public void Add(ImportRow row, string column, string message)
    {
        if (wrong.Add((row.Number, column))) Errors.Add(new ImportError(row.Number, column, message));
    }

    /// <summary>The cell's value when it is filled and has no error yet.</summary>
    public string? Ok(ImportRow row, string column) => wrong.Contains((row.Number, column)) ? null : row[column];

    public bool RowOk(ImportRow row) => !Errors.Any(e => e.Row == row.Number);

    /// <summary>The first row in the file with the same key, for "与第 N 行重复".</summary>
    public static Dictionary<string, int> Firsts() => new(StringComparer.Ordinal);
}

/// <summary>申报单位 (the bureau, into its jurisdiction).</summary>
public sealed class UnitImport : IImportKind
{
    public const string Direct = "直接向科技局申报";
    public string Key => "units";
    public string Name => "申报单位";
    public string ListUrl => "/Units";
    public bool UnitAdminMay => false;

    public IReadOnlyList<ImportColumn> Columns { get; } =
    [
        new("单位名称", true, 200, "单位全称"),
        new("统一社会信用代码", true, 18, "18位，末位为校验位（GB 32100）；不得与已登记单位重复"),
        new("单位类型", true, 20, "见“可选值”：" + string.Join("、", Enum.GetValues<UnitType>().Select(t => t.ToChinese()))),
        new("归口管理部门", false, 100, "本辖区的归口管理部门名称（见“可选值”）；不填或填“" + Direct + "”表示直接向科技局申报"),
        new("所在地区", true, 100, "如：第十二师、五家渠市"),
        new("注册地址", true, 300, "营业执照或登记证书上的地址"),
    ];

    public async Task<IReadOnlyList<(string Title, IReadOnlyList<string> Values)>> AllowedAsync(AppDbContext db, ImportScope scope, CancellationToken ct)
    {
        var departments = await db.Departments.AsNoTracking().Where(d => d.JurisdictionId == scope.JurisdictionId && d.Active).OrderBy(d => d.Path).Select(d => d.Name).ToListAsync(ct);
        return [("单位类型", Enum.GetValues<UnitType>().Select(t => t.ToChinese()).ToList()), ("归口管理部门", [Direct, .. departments])];
    }

    public async Task<ImportPlan> PlanAsync(AppDbContext db, Security.PersonalDataProtector protector, ImportScope scope, IReadOnlyList<ImportRow> rows, ImportChecks checks, CancellationToken ct)
    {
        var departments = await db.Departments.AsNoTracking().Where(d => d.JurisdictionId == scope.JurisdictionId).ToDictionaryAsync(d => d.Name, d => (d.Id, d.Active), ct);
        var types = Enum.GetValues<UnitType>().ToDictionary(t => t.ToChinese(), t => t);
        var codes = new Dictionary<string, int>();
        foreach (var row in rows)
            if (checks.Ok(row, "统一社会信用代码") is { } raw)
            {
                var (code, error) = Formats.CreditCode(raw);
                if (error is not null) checks.Add(row, "统一社会信用代码", error);
                else if (codes.TryGetValue(code!, out var first)) checks.Add(row, "统一社会信用代码", $"与第 {first} 行重复");
                else codes[code!] = row.Number;
            }
        var known = new HashSet<string>();
        foreach (var chunk in codes.Keys.Chunk(500))
            known.UnionWith(await db.Units.AsNoTracking().Where(u => chunk.Contains(u.CreditCode)).Select(u => u.CreditCode).ToListAsync(ct));
        var entities = new List<object>();
        foreach (var row in rows)
        {
            var code = checks.Ok(row, "统一社会信用代码")?.ToUpperInvariant();
            if (code is not null && known.Contains(code)) checks.Add(row, "统一社会信用代码", "已在平台登记，不能重复导入");
            UnitType type = default;
            if (checks.Ok(row, "单位类型") is { } t && !types.TryGetValue(t, out type))
                checks.Add(row, "单位类型", $"“{t}”不是可选的单位类型（{string.Join("、", types.Keys)}）");
            int? department = null;
            if (checks.Ok(row, "归口管理部门") is { } d && d != Direct)
            {
                if (!departments.TryGetValue(d, out var found)) checks.Add(row, "归口管理部门", $"“{d}”不是本辖区的归口管理部门");
                else if (!found.Active) checks.Add(row, "归口管理部门", $"“{d}”已停用，不能作为新登记单位的归口管理部门");
                else department = found.Id;
            }
            if (!checks.RowOk(row)) continue;
            entities.Add(new Unit
            {
                Name = row["单位名称"]!, CreditCode = code!, Type = type, JurisdictionId = scope.JurisdictionId, DepartmentId = department,
                Region = row["所在地区"]!, RegisteredAddress = row["注册地址"]!,
            });
        }
        return new ImportPlan(checks.Errors, entities);
    }
}

/// <summary>单位人员 (the bureau, into any unit of its jurisdiction; a unit administrator, into its own unit).</summary>
public sealed class PersonImport : IImportKind
{
    public const string UnitCode = "所在单位统一社会信用代码";
    public string Key => "people";
    public string Name => "单位人员";
    public string ListUrl => "/Units/People";
    public bool UnitAdminMay => true;

    public IReadOnlyList<ImportColumn> Columns { get; } =
    [
        new("姓名", true, 50, ""),
        new("职称", false, 50, "如：研究员、高级工程师"),
        new("职务", false, 50, "如：总工程师、研发部主任"),
        new("所在单位", false, 200, "单位全称（填写时须与统一社会信用代码对应的单位一致）"),
        new(UnitCode, false, 18, "科技局导入时必填，须为本辖区已登记的单位；单位管理员可不填（即本单位）"),
        new("手机号码", false, 20, "11位手机号码"),
        new("身份证号码", false, 18, "18位居民身份证号码，以文本格式填写；不得与已登记人员重复"),
        new("电子邮箱", false, 100, ""),
    ];

    public async Task<IReadOnlyList<(string Title, IReadOnlyList<string> Values)>> AllowedAsync(AppDbContext db, ImportScope scope, CancellationToken ct)
    {
        var units = await Units(db, scope).OrderBy(u => u.Name).Take(5000).Select(u => u.Name + "｜" + u.CreditCode).ToListAsync(ct);
        return [("所在单位｜统一社会信用代码", units)];
    }

    private static IQueryable<Unit> Units(AppDbContext db, ImportScope scope) =>
        db.Units.AsNoTracking().Where(u => u.JurisdictionId == scope.JurisdictionId && (scope.UnitId == null || u.Id == scope.UnitId));

    public async Task<ImportPlan> PlanAsync(AppDbContext db, Security.PersonalDataProtector protector, ImportScope scope, IReadOnlyList<ImportRow> rows, ImportChecks checks, CancellationToken ct)
    {
        var wanted = rows.Select(r => checks.Ok(r, UnitCode)?.ToUpperInvariant()).OfType<string>().Distinct().ToList();
        var units = await ImportKinds.UnitsByCodeAsync(db, scope, wanted, ct);
        (int Id, string Name)? own = scope.UnitId is { } o ? await db.Units.AsNoTracking().Where(u => u.Id == o).Select(u => new ValueTuple<int, string>(u.Id, u.Name)).FirstAsync(ct) : null;
        var parsed = new List<(ImportRow Row, int? Unit, string? Phone, string? Id, string? IdHash)>();
        var ids = new Dictionary<string, int>();
        foreach (var row in rows)
        {
            int? unit = null;
            if (checks.Ok(row, UnitCode) is { } raw)
            {
                var (code, error) = Formats.CreditCode(raw);
                if (error is not null) checks.Add(row, UnitCode, error);
                else if (!units.TryGetValue(code!, out var u)) checks.Add(row, UnitCode, "本辖区没有该统一社会信用代码的单位");
                else if (own is { } mine && u.Id != mine.Id) checks.Add(row, UnitCode, "不是本单位：单位管理员只能导入本单位的人员");
                else
                {
                    unit = u.Id;
                    if (row["所在单位"] is { } name && name != u.Name) checks.Add(row, "所在单位", $"与统一社会信用代码对应的单位“{u.Name}”不一致");
                }
            }
            else if (row[UnitCode] is null)
            {
                if (own is { } mine)
                {
                    unit = mine.Id;
                    if (row["所在单位"] is { } name && name != mine.Name) checks.Add(row, "所在单位", $"不是本单位（{mine.Name}）");
                }
                else checks.Add(row, UnitCode, "不能为空（科技局导入人员须写明所在单位）");
            }
            string? phone = null, id = null, hash = null;
            if (checks.Ok(row, "手机号码") is { } p) { (phone, var e) = Formats.Phone(p); if (e is not null) checks.Add(row, "手机号码", e); }
            if (checks.Ok(row, "身份证号码") is { } i)
            {
                (id, var e) = Formats.IdNumber(i);
                if (e is not null) checks.Add(row, "身份证号码", e);
                else if (ids.TryGetValue(id!, out var first)) checks.Add(row, "身份证号码", $"与第 {first} 行重复");
                else { ids[id!] = row.Number; hash = protector.LookupHash(id!); }
            }
            if (checks.Ok(row, "电子邮箱") is { } m && Formats.Email(m) is { } me) checks.Add(row, "电子邮箱", me);
            parsed.Add((row, unit, phone, id, hash));
        }
        var hashes = parsed.Select(p => p.IdHash).OfType<string>().ToList();
        var taken = new HashSet<string>();
        foreach (var chunk in hashes.Chunk(500))
            taken.UnionWith(await db.People.AsNoTracking().Where(p => p.IdNumberHash != null && chunk.Contains(p.IdNumberHash)).Select(p => p.IdNumberHash!).ToListAsync(ct));
        var entities = new List<object>();
        foreach (var (row, unit, phone, id, hash) in parsed)
        {
            if (hash is not null && taken.Contains(hash)) checks.Add(row, "身份证号码", "该身份证号码的人员已登记，不能重复导入");
            if (!checks.RowOk(row)) continue;
            entities.Add(new Person
            {
                UnitId = unit!.Value, Name = row["姓名"]!, Title = row["职称"], Position = row["职务"], Phone = phone, IdNumber = id,
                Email = row["电子邮箱"],
            });
        }
        return new ImportPlan(checks.Errors, entities);
    }
}

/// <summary>专家 (the bureau, into its jurisdiction's pool).</summary>
public sealed class ExpertImport : IImportKind
{
    public const string EmployerCode = "工作单位统一社会信用代码";
    public string Key => "experts";
    public string Name => "专家";
    public string ListUrl => "/Experts";
    public bool UnitAdminMay => false;

    public IReadOnlyList<ImportColumn> Columns { get; } =
    [
        new("姓名", true, 50, ""),
        new("专家类别", true, 20, "见“可选值”：" + string.Join("、", Enum.GetValues<ExpertiseKind>().Select(k => k.ToChinese()))),
        new("专业领域", true, 100, "如：新材料、现代农业（参考“可选值”中本库已有领域）"),
        new("学科代码", false, 100, "GB/T 13745 学科代码，如 430.25；多个以顿号分隔"),
        new("职称", false, 50, ""),
        new("工作单位", true, 200, "单位全称（可为平台外单位）"),
        new(EmployerCode, false, 18, "工作单位是本辖区已登记单位时填写（据此执行同单位回避）"),
        new("手机号码", false, 20, "11位手机号码；不得与库中专家重复"),
        new("电子邮箱", false, 100, ""),
    ];

    public async Task<IReadOnlyList<(string Title, IReadOnlyList<string> Values)>> AllowedAsync(AppDbContext db, ImportScope scope, CancellationToken ct)
    {
        var fields = await db.Experts.AsNoTracking().Where(e => e.JurisdictionId == scope.JurisdictionId).Select(e => e.Field).Distinct().OrderBy(f => f).ToListAsync(ct);
        return [("专家类别", Enum.GetValues<ExpertiseKind>().Select(k => k.ToChinese()).ToList()), ("本库已有专业领域", fields)];
    }

    public async Task<ImportPlan> PlanAsync(AppDbContext db, Security.PersonalDataProtector protector, ImportScope scope, IReadOnlyList<ImportRow> rows, ImportChecks checks, CancellationToken ct)
    {
        var kinds = Enum.GetValues<ExpertiseKind>().ToDictionary(k => k.ToChinese(), k => k);
        var codes = rows.Select(r => checks.Ok(r, EmployerCode)?.ToUpperInvariant()).OfType<string>().Distinct().ToList();
        var units = await ImportKinds.UnitsByCodeAsync(db, scope, codes, ct);
        var names = rows.Select(r => r["姓名"]).OfType<string>().Distinct().ToList();
        var pool = new HashSet<(string, string)>();
        foreach (var chunk in names.Chunk(500))
            foreach (var e in await db.Experts.AsNoTracking().Where(e => e.JurisdictionId == scope.JurisdictionId && chunk.Contains(e.Name))
                         .Select(e => new { e.Name, e.Employer }).ToListAsync(ct))
                pool.Add((e.Name, e.Employer));
        var people = new Dictionary<(string, string), int>();
        var phones = new Dictionary<string, int>();
        var parsed = new List<(ImportRow Row, ExpertiseKind Kind, int? Unit, string? Phone, string? Hash)>();
        foreach (var row in rows)
        {
            ExpertiseKind kind = default;
            if (checks.Ok(row, "专家类别") is { } k && !kinds.TryGetValue(k, out kind))
                checks.Add(row, "专家类别", $"“{k}”不是可选的专家类别（{string.Join("、", kinds.Keys)}）");
            if (checks.Ok(row, "学科代码") is { } fc && !Formats.FieldCodePattern().IsMatch(fc))
                checks.Add(row, "学科代码", "应为 GB/T 13745 学科代码，如 430.25，多个以顿号分隔");
            int? unit = null;
            if (checks.Ok(row, EmployerCode) is { } raw)
            {
                var (code, error) = Formats.CreditCode(raw);
                if (error is not null) checks.Add(row, EmployerCode, error);
                else if (units.TryGetValue(code!, out var u)) unit = u.Id;
                else checks.Add(row, EmployerCode, "本辖区没有该统一社会信用代码的单位（平台外单位可不填）");
            }
            if (checks.Ok(row, "姓名") is { } name && checks.Ok(row, "工作单位") is { } employer)
            {
                if (people.TryGetValue((name, employer), out var first)) checks.Add(row, "姓名", $"与第 {first} 行是同一单位的同名专家，重复");
                else if (pool.Contains((name, employer))) checks.Add(row, "姓名", "专家库中已有该单位的同名专家，不能重复导入");
                else people[(name, employer)] = row.Number;
            }
            string? phone = null, hash = null;
            if (checks.Ok(row, "手机号码") is { } p)
            {
                (phone, var e) = Formats.Phone(p);
                if (e is not null) checks.Add(row, "手机号码", e);
                else if (phones.TryGetValue(phone!, out var first)) checks.Add(row, "手机号码", $"与第 {first} 行重复");
                else { phones[phone!] = row.Number; hash = protector.LookupHash(phone!); }
            }
            if (checks.Ok(row, "电子邮箱") is { } m && Formats.Email(m) is { } me) checks.Add(row, "电子邮箱", me);
            parsed.Add((row, kind, unit, phone, hash));
        }
        var hashes = parsed.Select(p => p.Hash).OfType<string>().ToList();
        var taken = new HashSet<string>();
        foreach (var chunk in hashes.Chunk(500))
            taken.UnionWith(await db.Experts.AsNoTracking().Where(e => e.JurisdictionId == scope.JurisdictionId && e.PhoneHash != null && chunk.Contains(e.PhoneHash))
                .Select(e => e.PhoneHash!).ToListAsync(ct));
        var entities = new List<object>();
        foreach (var (row, kind, unit, phone, hash) in parsed)
        {
            if (hash is not null && taken.Contains(hash)) checks.Add(row, "手机号码", "专家库中已有使用该手机号码的专家");
            if (!checks.RowOk(row)) continue;
            entities.Add(new Expert
            {
                JurisdictionId = scope.JurisdictionId, Name = row["姓名"]!, Kind = kind, Field = row["专业领域"]!, FieldCode = row["学科代码"],
                Title = row["职称"], Employer = row["工作单位"]!, UnitId = unit, Phone = phone, Email = row["电子邮箱"],
            });
        }
        return new ImportPlan(checks.Errors, entities);
    }
}
