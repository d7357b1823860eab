using System.Globalization;
using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs.Attributes;
using Scalar.AspNetCore;
using TechCenters.Policy;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Audit;
using TechCenters.Web.Features.Cases;
using TechCenters.Web.Features.Centers;
using TechCenters.Web.Features.Evaluations;
using TechCenters.Web.Features.Lists;
using TechCenters.Web.Infrastructure;

namespace TechCenters.Web.Features.Api;

/// <summary>One page of a list, as every list endpoint returns it.</summary>
public sealed record ApiPage<T>(
    [property: JsonPropertyName("总数")] int Total,
    [property: JsonPropertyName("页码")] int Page,
    [property: JsonPropertyName("每页条数")] int Size,
    [property: JsonPropertyName("数据")] IReadOnlyList<T> Items);

/// <summary>A center in the public directory (public facts only).</summary>
public sealed class PublicCenterRow
{
    [ExcelColumnName("编号")] public int Id { get; init; }
    [ExcelColumnName("辖区")] public string Jurisdiction { get; init; } = "";
    [ExcelColumnName("中心名称")] public string Name { get; init; } = "";
    [ExcelColumnName("牵头（依托）单位")] public string LeadUnit { get; init; } = "";
    [ExcelColumnName("状态")] public string Status { get; init; } = "";
    [ExcelColumnName("批准文号")] public string ApprovalNumber { get; init; } = "";
    [ExcelColumnName("批准日期")] public string ApprovedOn { get; init; } = "";
}

/// <summary>A published 公示 with its proposed centers (names of centers and units only).</summary>
public sealed class PublicNoticeRow
{
    [ExcelColumnName("编号")] public int Id { get; init; }
    [ExcelColumnName("辖区")] public string Jurisdiction { get; init; } = "";
    [ExcelColumnName("标题")] public string Title { get; init; } = "";
    [ExcelColumnName("公示开始日期")] public string PublishedOn { get; init; } = "";
    [ExcelColumnName("公示截止日期")] public string EndsOn { get; init; } = "";
    [ExcelColumnName("公示项目")] public IReadOnlyList<PublicNoticeItemRow> Items { get; init; } = [];
}

public sealed class PublicNoticeItemRow
{
    [ExcelColumnName("中心名称")] public string CenterName { get; init; } = "";
    [ExcelColumnName("牵头（依托）单位")] public string LeadUnit { get; init; } = "";
    [ExcelColumnName("共建单位")] public string? CoBuilders { get; init; }
}

/// <summary>
/// A center's confirmed grade in an evaluation round whose results the bureau published (the public results page's facts:
/// no scores, no persons), under the evaluation results export's column names.
/// </summary>
public sealed class PublicEvaluationResultRow
{
    [ExcelColumnName("辖区")] public string Jurisdiction { get; init; } = "";
    [ExcelColumnName("评估编号")] public int CampaignId { get; init; }
    [ExcelColumnName("评估名称")] public string Campaign { get; init; } = "";
    [ExcelColumnName("评估年度")] public int Year { get; init; }
    [ExcelColumnName("公布日期")] public string PublishedOn { get; init; } = "";
    [ExcelColumnName("中心名称")] public string CenterName { get; init; } = "";
    [ExcelColumnName("牵头（依托）单位")] public string LeadUnit { get; init; } = "";
    [ExcelColumnName("批准日期")] public string ApprovedOn { get; init; } = "";
    [ExcelColumnName("确认等级")] public string Grade { get; init; } = "";
}

/// <summary>
/// 数据接口 (read only): <c>/api/v1/public/…</c> for anyone (the public directory, published notices and published evaluation results), and
/// <c>/api/v1/centers</c>, <c>/api/v1/cases</c> for registered client systems with a bearer token, within the client's
/// jurisdiction or department subtree (the same <see cref="CaseScope"/> and <see cref="CenterScope"/> the pages use) and
/// its granted resources. Paged, rate limited per client (or address), audited, in the Chinese field names of the exports.
/// The OpenAPI 3 description is at <c>/openapi/v1.json</c>, the readable page at <c>/api/docs</c>.
/// </summary>
public static class ApiEndpoints
{
    public const string RateLimitPolicy = "api";
    public const int MaxSize = 200;

    public static IServiceCollection AddReadApi(this IServiceCollection services)
    {
        services.AddOpenApi(o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "技术创新中心建设运行管理平台 数据接口";
            doc.Info.Description = "只读接口。/api/v1/public/*（公开名录、公示、已公布的评估结果）无需令牌；/api/v1/centers、/api/v1/cases 需在请求头携带 Authorization: Bearer <令牌>，只返回令牌授权范围内的数据。字段名与导出表格的中文列名一致。";
            return Task.CompletedTask;
        }));
        // The API's JSON carries the exports' Chinese headings as property names.
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver { Modifiers = { ListExport.ChineseNames } });
        services.AddOptions<RateLimiterOptions>().Configure<IConfiguration>((o, config) =>
        {
            var permits = config.GetValue("Api:RateLimit:PermitLimit", 120);
            o.AddPolicy(RateLimitPolicy, new ApiRateLimit(permits, TimeSpan.FromMinutes(1)));
        });
        return services;
    }

    private sealed class ApiRateLimit(int permits, TimeSpan window) : IRateLimiterPolicy<string>
    {
        public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => async (ctx, ct) =>
        {
            ctx.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            ctx.HttpContext.Response.Headers.RetryAfter = ((int)window.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            await ctx.HttpContext.Response.WriteAsJsonAsync(new ApiError("请求过于频繁，请稍后再试。"), ct);
        };

        public RateLimitPartition<string> GetPartition(HttpContext http)
        {
            // A client by its token, anyone else by address.
            var auth = http.Request.Headers.Authorization.ToString();
            var key = auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? "token:" + ApiClient.Hash(auth[7..].Trim()) : "ip:" + http.Connection.RemoteIpAddress;
            return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 });
        }
    }

    public sealed record ApiError([property: JsonPropertyName("错误")] string Message);

    public static void MapReadApi(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        // Scalar serves its bundle (scalar.js) from the package; its page would start the bundle with an inline script,
        // which the app's CSP refuses. The page endpoint therefore answers with our own page: the same bundle, started
        // by a script file of ours (wwwroot/js/api-docs.js), so /api/docs runs under script-src 'self'.
        app.MapScalarApiReference("/api/docs", o => o.WithTitle("数据接口说明").DisableDefaultFonts().WithOpenApiRoutePattern("/openapi/{documentName}.json"))
            .AllowAnonymous()
            .Add(b =>
            {
                if (b is RouteEndpointBuilder r && r.RoutePattern.Parameters.Any(p => p.Name == "documentName"))
                    b.RequestDelegate = ctx => Results.Content(ApiDocsPage, "text/html; charset=utf-8").ExecuteAsync(ctx);
            });

        var api = app.MapGroup("/api/v1").AllowAnonymous().RequireRateLimiting(RateLimitPolicy).DisableAntiforgery()
            .WithTags("数据接口");

        api.MapGet("/public/centers", PublicCentersAsync).WithName("公开名录").WithSummary("技术创新中心公开名录（无需令牌）");
        api.MapGet("/public/notices", PublicNoticesAsync).WithName("公示").WithSummary("已发布的认定公示（无需令牌）");
        api.MapGet("/public/evaluations", PublicEvaluationsAsync).WithName("评估结果").WithSummary("已公布的评估结果：各中心的确认等级（无需令牌）");
        api.MapGet("/centers", CentersAsync).WithName("技术创新中心").WithSummary("授权范围内的技术创新中心（需令牌，授权 centers）");
        api.MapGet("/cases", CasesAsync).WithName("事项").WithSummary("授权范围内的各类事项及其当前阶段（需令牌，授权 cases）");
    }

    /// <summary>The API's readable page: Scalar's bundle and our starter, both files (no inline script).</summary>
    private const string ApiDocsPage = """
        <!doctype html>
        <html lang="zh-CN">
        <head>
            <meta charset="utf-8" />
            <meta name="viewport" content="width=device-width, initial-scale=1" />
            <title>数据接口说明</title>
            <link rel="icon" href="/api/docs/favicon.svg" />
        </head>
        <body>
            <div id="app" data-openapi="/openapi/v1.json"></div>
            <script src="/api/docs/scalar.js"></script>
            <script src="/js/api-docs.js"></script>
        </body>
        </html>
        """;

    private static (int Page, int Size)? Paging(int? p, int? size) =>
        p is < 1 || size is < 1 or > MaxSize ? null : (p ?? 1, size ?? 50);

    private static BadRequest<ApiError> BadPaging() => TypedResults.BadRequest(new ApiError($"页码应为正整数，每页条数应为1至{MaxSize}"));

    private static async Task<ApiPage<TRow>> PageAsync<T, TRow>(IQueryable<T> ordered, System.Linq.Expressions.Expression<Func<T, TRow>> row, (int Page, int Size) paging, CancellationToken ct)
    {
        var total = await ordered.CountAsync(ct);
        var items = await ordered.Skip((paging.Page - 1) * paging.Size).Take(paging.Size).Select(row).ToListAsync(ct);
        return new ApiPage<TRow>(total, paging.Page, paging.Size, items);
    }

    public static async Task<Results<Ok<ApiPage<PublicCenterRow>>, BadRequest<ApiError>>> PublicCentersAsync(
        AppDbContext db, Clock clock, AuditLog audit, HttpContext http, CancellationToken ct,
        [FromQuery(Name = "jurisdiction")] string? jurisdiction = null, [FromQuery] int? p = null, [FromQuery] int? size = null)
    {
        if (Paging(p, size) is not { } paging) return BadPaging();
        var today = clock.Today;
        var q = db.Centers.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(jurisdiction)) q = q.Where(c => c.JurisdictionId == jurisdiction);
        var page = await PageAsync(q.OrderByDescending(c => c.ApprovedOn).ThenBy(c => c.Id), c => new PublicCenterRow
        {
            Id = c.Id, Jurisdiction = db.Jurisdictions.Where(j => j.Id == c.JurisdictionId).Select(j => j.Name).FirstOrDefault() ?? "", Name = c.Name,
            LeadUnit = c.LeadUnitName, Status = CenterStatusFilter.Name(c.Status, c.ConstructionEndsOn, today), ApprovalNumber = c.ApprovalNumber,
            ApprovedOn = c.ApprovedOn.ToString("yyyy-MM-dd"),
        }, paging, ct);
        await audit.AppendAsync(http, new AuditRecord("接口读取公开名录", AuditOutcome.Success, "接口", "public/centers", $"第{paging.Page}页，{page.Items.Count} 条"), "匿名（公开接口）", ct: ct);
        return TypedResults.Ok(page);
    }

    public static async Task<Results<Ok<ApiPage<PublicNoticeRow>>, BadRequest<ApiError>>> PublicNoticesAsync(
        AppDbContext db, AuditLog audit, HttpContext http, CancellationToken ct,
        [FromQuery(Name = "jurisdiction")] string? jurisdiction = null, [FromQuery] int? p = null, [FromQuery] int? size = null)
    {
        if (Paging(p, size) is not { } paging) return BadPaging();
        var q = db.PublicNotices.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(jurisdiction)) q = q.Where(n => n.JurisdictionId == jurisdiction);
        var page = await PageAsync(q.OrderByDescending(n => n.PublishedOn).ThenBy(n => n.Id), n => new PublicNoticeRow
        {
            Id = n.Id, Jurisdiction = db.Jurisdictions.Where(j => j.Id == n.JurisdictionId).Select(j => j.Name).FirstOrDefault() ?? "", Title = n.Title,
            PublishedOn = n.PublishedOn.ToString("yyyy-MM-dd"), EndsOn = n.EndsOn.ToString("yyyy-MM-dd"),
            Items = n.Items.OrderBy(i => i.Id).Select(i => new PublicNoticeItemRow { CenterName = i.CenterName, LeadUnit = i.LeadUnitName, CoBuilders = i.CoBuilderNames }).ToList(),
        }, paging, ct);
        await audit.AppendAsync(http, new AuditRecord("接口读取公示", AuditOutcome.Success, "接口", "public/notices", $"第{paging.Page}页，{page.Items.Count} 条"), "匿名（公开接口）", ct: ct);
        return TypedResults.Ok(page);
    }

    /// <summary>Results of the rounds the bureau published (<see cref="CampaignStatus.Published"/>) only, as the public results page shows them.</summary>
    public static async Task<Results<Ok<ApiPage<PublicEvaluationResultRow>>, BadRequest<ApiError>>> PublicEvaluationsAsync(
        AppDbContext db, Clock clock, AuditLog audit, HttpContext http, CancellationToken ct,
        [FromQuery(Name = "jurisdiction")] string? jurisdiction = null, [FromQuery] int? year = null, [FromQuery] int? p = null, [FromQuery] int? size = null)
    {
        if (Paging(p, size) is not { } paging) return BadPaging();
        var q = from e in db.Evaluations.AsNoTracking()
                join c in db.EvaluationCampaigns.AsNoTracking() on e.CampaignId equals c.Id
                join x in db.Centers.AsNoTracking() on e.CenterId equals x.Id
                where c.Status == CampaignStatus.Published && e.FinalGrade != null
                select new { e, c, x };
        if (!string.IsNullOrWhiteSpace(jurisdiction)) q = q.Where(r => r.c.JurisdictionId == jurisdiction);
        if (year is { } y) q = q.Where(r => r.c.Year == y);
        var total = await q.CountAsync(ct);
        var rows = await q.OrderByDescending(r => r.c.Year).ThenBy(r => r.c.Id).ThenBy(r => r.x.Name).ThenBy(r => r.e.Id)
            .Skip((paging.Page - 1) * paging.Size).Take(paging.Size)
            .Select(r => new
            {
                Jurisdiction = db.Jurisdictions.Where(j => j.Id == r.c.JurisdictionId).Select(j => j.Name).FirstOrDefault() ?? "",
                r.c.Id, r.c.Title, r.c.Year, r.c.PublishedAt, r.x.Name, r.x.LeadUnitName, r.x.ApprovedOn, Grade = r.e.FinalGrade!,
            }).ToListAsync(ct);
        var page = new ApiPage<PublicEvaluationResultRow>(total, paging.Page, paging.Size, rows.Select(r => new PublicEvaluationResultRow
        {
            Jurisdiction = r.Jurisdiction, CampaignId = r.Id, Campaign = r.Title, Year = r.Year,
            PublishedOn = r.PublishedAt is { } at ? clock.DateOf(at).ToString("yyyy-MM-dd") : "", CenterName = r.Name, LeadUnit = r.LeadUnitName,
            ApprovedOn = r.ApprovedOn.ToString("yyyy-MM-dd"), Grade = r.Grade,
        }).ToList());
        await audit.AppendAsync(http, new AuditRecord("接口读取评估结果", AuditOutcome.Success, "接口", "public/evaluations", $"第{paging.Page}页，{page.Items.Count} 条"), "匿名（公开接口）", ct: ct);
        return TypedResults.Ok(page);
    }

    /// <summary>The client behind the bearer token, if it is valid, not revoked and granted <paramref name="grant"/>.</summary>
    private static async Task<(ApiClient? Client, IResult? Refusal)> ClientAsync(HttpContext http, AppDbContext db, AuditLog audit, Clock clock, string grant, CancellationToken ct)
    {
        var auth = http.Request.Headers.Authorization.ToString();
        var token = auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? auth[7..].Trim() : "";
        ApiClient? client = null;
        if (token.Length is > 0 and <= 200)
        {
            var hash = ApiClient.Hash(token);
            client = await db.ApiClients.FirstOrDefaultAsync(c => c.TokenHash == hash, ct);
        }
        if (client is null || client.RevokedAt is not null)
        {
            await audit.AppendAsync(http, new AuditRecord("接口访问被拒绝", AuditOutcome.Denied, "接口", http.Request.Path, client is null ? "令牌无效或缺失" : $"令牌已吊销（{client.Name}）"),
                client?.Name ?? "匿名（接口）", ct: ct);
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return (null, TypedResults.Json(new ApiError(client is null ? "缺少或无效的访问令牌" : "访问令牌已吊销"), statusCode: StatusCodes.Status401Unauthorized));
        }
        if (!client.Has(grant))
        {
            await audit.AppendAsync(http, new AuditRecord("接口访问被拒绝", AuditOutcome.Denied, "接口", http.Request.Path, $"未授权读取 {grant}"), $"接入系统：{client.Name}", ct: ct);
            return (null, TypedResults.Json(new ApiError("该接入系统未被授权读取此类数据"), statusCode: StatusCodes.Status403Forbidden));
        }
        client.LastUsedAt = clock.UtcNow;
        await db.SaveChangesAsync(ct);
        return (client, null);
    }

    /// <summary>The client's scope as an account's: the bureau of its jurisdiction, or a department officer of its department.</summary>
    public static UserScope ScopeOf(ApiClient c) => c.DepartmentId is { } d
        ? new UserScope(null, $"接入系统：{c.Name}", Roles.DepartmentOfficer, c.JurisdictionId, d, null, null)
        : new UserScope(null, $"接入系统：{c.Name}", Roles.BureauOfficer, c.JurisdictionId, null, null, null);

    public static async Task<IResult> CentersAsync(AppDbContext db, Clock clock, AuditLog audit, HttpContext http, CancellationToken ct,
        [FromQuery] int? p = null, [FromQuery] int? size = null)
    {
        var (client, refusal) = await ClientAsync(http, db, audit, clock, ApiGrants.Centers, ct);
        if (refusal is not null) return refusal;
        if (Paging(p, size) is not { } paging) return BadPaging();
        var scope = ScopeOf(client!);
        var list = CentersModel.Definition(clock.Today, db);
        var page = await PageAsync(db.Centers.AsNoTracking().VisibleTo(db, scope).OrderBy(c => c.Id), list.Row, paging, ct);
        await audit.AppendAsync(http, new AuditRecord("接口读取技术创新中心", AuditOutcome.Success, "接口", "centers", $"第{paging.Page}页，{page.Items.Count} 条"), scope.UserName, ct: ct);
        return TypedResults.Ok(page);
    }

    public static async Task<IResult> CasesAsync(AppDbContext db, Clock clock, AuditLog audit, PolicyCatalog catalog, IEnumerable<ICaseKind> kinds, HttpContext http, CancellationToken ct,
        [FromQuery] string? kind = null, [FromQuery] int? p = null, [FromQuery] int? size = null)
    {
        var (client, refusal) = await ClientAsync(http, db, audit, clock, ApiGrants.Cases, ct);
        if (refusal is not null) return refusal;
        if (Paging(p, size) is not { } paging) return BadPaging();
        if (!string.IsNullOrEmpty(kind) && !Policy.Rules.ProcessKinds.All.Contains(kind))
            return TypedResults.BadRequest(new ApiError($"没有“{kind}”这一类事项；可选：{string.Join("、", Policy.Rules.ProcessKinds.All)}"));
        var scope = ScopeOf(client!);
        var list = CasesModel.Definition(new CaseNames(catalog, scope, kinds), clock.Today, clock);
        var q = db.Cases.AsNoTracking().VisibleTo(db, scope);
        if (!string.IsNullOrEmpty(kind)) q = q.Where(c => c.Kind == kind);
        var page = await PageAsync(q.OrderBy(c => c.Id), list.Row, paging, ct);
        await audit.AppendAsync(http, new AuditRecord("接口读取事项", AuditOutcome.Success, "接口", "cases", $"第{paging.Page}页，{page.Items.Count} 条{(kind is null ? "" : "；类别 " + kind)}"), scope.UserName, ct: ct);
        return TypedResults.Ok(page);
    }
}
