using Microsoft.AspNetCore.Diagnostics;

namespace TechCenters.Web.Features.Audit;

/// <summary>Records every state-changing request (POST/PUT/PATCH/DELETE) with its outcome, after it ran.</summary>
public sealed class AuditMiddleware(RequestDelegate next)
{
    public const string HandledKey = "audit.handled";

    public async Task InvokeAsync(HttpContext ctx, AuditLog audit)
    {
        // Error and status pages re-run the pipeline for the same request: record it once, on the way out.
        var reExecuted = ctx.Features.Get<IStatusCodeReExecuteFeature>() is not null || ctx.Features.Get<IExceptionHandlerPathFeature>() is not null;
        if (reExecuted || !(HttpMethods.IsPost(ctx.Request.Method) || HttpMethods.IsPut(ctx.Request.Method)
              || HttpMethods.IsPatch(ctx.Request.Method) || HttpMethods.IsDelete(ctx.Request.Method)))
        {
            await next(ctx);
            return;
        }
        try
        {
            await next(ctx);
        }
        catch (Exception ex)
        {
            try
            {
                await Record(ctx, audit, AuditOutcome.Failure, "服务器错误：" + ex.GetType().Name);
            }
            catch (Exception recording)
            {
                // The database that failed the request usually fails its audit row too (a dropped connection, a failover):
                // the request's own error decides the answer (503 for an outage), so it must not be replaced (Bug 0303).
                ctx.RequestServices.GetRequiredService<ILogger<AuditMiddleware>>().LogError(
                    "请求失败且审计记录未能写入：{Method} {Path}，原因 {Error}；写入审计时 {RecordingError}",
                    ctx.Request.Method, ctx.Request.Path.Value, ex.GetType().Name, recording.GetType().Name + ": " + recording.Message);
            }
            throw;
        }
        if (ctx.Items.ContainsKey(HandledKey)) return;
        var status = ctx.Response.StatusCode;
        var location = ctx.Response.Headers.Location.ToString();
        var outcome = status switch
        {
            // A redirect to the login or access-denied page means the request was refused, not done.
            302 when location.Contains(Accounts.AccountsSetup.LoginPath, StringComparison.OrdinalIgnoreCase)
                     || location.Contains("/Accounts/AccessDenied", StringComparison.OrdinalIgnoreCase) => AuditOutcome.Denied,
            < 400 => AuditOutcome.Success,
            401 or 403 => AuditOutcome.Denied,
            _ => AuditOutcome.Failure,
        };
        await Record(ctx, audit, outcome, $"HTTP {status}");
    }

    private static Task Record(HttpContext ctx, AuditLog audit, string outcome, string detail)
    {
        var handler = ctx.Request.Query["handler"].ToString();
        var action = $"{ctx.Request.Method} {ctx.Request.Path}{(handler.Length > 0 ? "?handler=" + handler : "")}";
        var objectId = ctx.GetRouteValue("id")?.ToString();
        return audit.AppendAsync(ctx, new AuditRecord(action, outcome, objectId is null ? null : "路由对象", objectId, detail), ct: CancellationToken.None);
    }
}
