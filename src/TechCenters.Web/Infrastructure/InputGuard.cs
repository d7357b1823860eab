using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.EntityFrameworkCore;

namespace TechCenters.Web.Infrastructure;

/// <summary>
/// 数据有效性检验 (GB/T 22239-2019 8.1.4.4 入侵防范 e): every form field and query parameter of every page is checked
/// before its handler runs. A value with control or invisible/bidirectional characters, markup or script, SQL-injection
/// syntax, path traversal, percent-encoded payloads, or more than <see cref="MaxLength"/> characters is refused with 400
/// and a Chinese message naming the field, and the handler never runs (nothing is stored). A GET whose typed parameters do
/// not bind (1e309 for a number, 2026-02-30 for a date) is refused the same way. Passwords
/// (<c>[DataType(DataType.Password)]</c>) are exempt from the content rules: any character may be part of one.
/// </summary>
public static partial class InputGuard
{
    /// <summary>No single field of any form is longer (the longest, a plan section, is far shorter).</summary>
    public const int MaxLength = 100_000;
    public const string MessageKey = "status.message";

    /// <summary>Why a value is refused (Chinese, without echoing the value), or null.</summary>
    public static string? Problem(string value)
    {
        if (value.Length > MaxLength) return $"内容过长（超过 {MaxLength:N0} 个字符）";
        foreach (var rune in value.EnumerateRunes())
        {
            var c = rune.Value;
            if (c is '\t' or '\n' or '\r') continue;
            if (c < 0x20 || c is >= 0x7F and <= 0x9F) return "包含控制字符";
            var cat = Rune.GetUnicodeCategory(rune);
            if (cat is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
                return "包含不可见字符或文字方向控制字符";
            if (c is 0xFFFD or 0xFFFE or 0xFFFF || cat == UnicodeCategory.Surrogate) return "包含无效字符";
        }
        if (value.Contains('\uFFFD')) return "包含无效字符";
        if (Markup().IsMatch(value)) return "包含网页标记或脚本";
        if (Sql().IsMatch(value)) return "包含数据库语句片段";
        if (Traversal().IsMatch(value)) return "包含路径跳转字符";
        if (Encoded().IsMatch(value)) return "包含编码后的特殊字符";
        return null;
    }

    // Tags and comments (<a, </a, <!, <?), character references, script schemes, inline event handlers, template expressions.
    [GeneratedRegex(@"<\s*[a-zA-Z!/?]|&#?[a-zA-Z0-9]+;|&#x?[0-9a-fA-F]+|\b(j\s*a\s*v\s*a|v\s*b)\s*s\s*c\s*r\s*i\s*p\s*t\s*:|data\s*:\s*text/html|\bon[a-z]{3,}\s*=|\{\{.*\}\}|\$\{.*\}|<%|%>|\bexpression\s*\(",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Markup();

    // Quote-then-keyword, comments, stacked statements, UNION SELECT, time-based probes and system procedures.
    [GeneratedRegex(@"['""`]\s*(\)\s*)*(or|and|union|select|insert|update|delete|drop|exec|;|--|#|/\*|\|\|)|['""`]\s*([-=+]\s*['""`]|`)|\|\|\s*\(|\bprocedure\s+analyse\b|--|/\*|\*/|;\s*(select|insert|update|delete|drop|alter|create|truncate|exec|execute|shutdown|declare|grant|revoke)\b|\bunion\b[\s\S]*\bselect\b|\bselect\b[\s\S]+\bfrom\b|\binsert\s+into\b|\bdelete\s+from\b|\bdrop\s+(table|database)\b|\bupdate\b[\s\S]+\bset\b|\b(waitfor\s+delay|pg_sleep|sleep\s*\(|benchmark\s*\(|xp_cmdshell|information_schema|sqlite_master)|\b(or|and)\s+\d+\s*=\s*\d+",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Sql();

    [GeneratedRegex(@"\.\.[/\\;]|[/\\]\.\.|^[/\\]|^[a-zA-Z]:[/\\]|\\\\|/etc/|/proc/|\bfile://", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Traversal();

    [GeneratedRegex(@"%(0[0-9a-f]|1[0-9a-f]|2[2567ef]|3[cde]|5c|60|7f|c0|e2|u[0-9a-f]{4})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Encoded();

    /// <summary>
    /// A bound choice must be one of the options the page offered (Bug 0212): a value that is none of them is refused as a
    /// malformed one is — 400 with a Chinese message naming the field, nothing done — whichever handler it came with. The
    /// options are the page's to give (a query of what it lists); 0 is no choice.
    /// </summary>
    public static async Task<IActionResult?> OfferedAsync(HttpContext http, int chosen, IQueryable<int> offered, string label, CancellationToken ct)
    {
        if (chosen == 0 || await offered.AnyAsync(id => id == chosen, ct)) return null;
        return RefusalPages.Refuse(http, StatusCodes.Status400BadRequest, $"所选的{label}不在可选范围内，未作任何处理。");
    }

    private static readonly ConcurrentDictionary<Type, HashSet<string>> Secrets = new();

    /// <summary>Form keys bound to password properties of the page model (Input.Password, Input.New …).</summary>
    public static HashSet<string> SecretFields(Type model) => Secrets.GetOrAdd(model, t =>
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var p in t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetCustomAttribute<BindPropertyAttribute>() is not null))
        {
            if (IsPassword(p)) names.Add(p.Name);
            if (p.PropertyType.IsClass && p.PropertyType != typeof(string))
                foreach (var inner in p.PropertyType.GetProperties().Where(IsPassword)) names.Add($"{p.Name}.{inner.Name}");
        }
        return names;
    });

    private static bool IsPassword(PropertyInfo p) => p.GetCustomAttribute<DataTypeAttribute>()?.DataType == DataType.Password;

    /// <summary>Runs before every page handler (after model binding, before the handler).</summary>
    public sealed class Filter : IAsyncPageFilter
    {
        public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

        public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
        {
            // The status and error pages re-run for a refused request: they show its answer, they do not judge it again.
            if (context.HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is not null
                || context.HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerPathFeature>() is not null)
            {
                await next();
                return;
            }
            var request = context.HttpContext.Request;
            // No handler of this page answers the request (a POST to a page with named handlers only, ?handler=unknown): the
            // page would render without having loaded anything (Bug 0203: a 500). Nothing is there.
            if (context.HandlerMethod is null && context.ActionDescriptor.HandlerMethods.Count > 0)
            {
                context.Result = new StatusCodeResult(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)
                    ? StatusCodes.Status404NotFound : StatusCodes.Status405MethodNotAllowed);
                return;
            }
            var secrets = context.HandlerInstance is { } model ? SecretFields(model.GetType()) : [];
            string? refusal = null;
            foreach (var (key, values) in request.Query)
                if (refusal is null && Check(key, values) is { } q) refusal = q;
            if (refusal is null && request.HasFormContentType)
            {
                var form = await request.ReadFormAsync();
                foreach (var (key, values) in form)
                {
                    if (key == "__RequestVerificationToken" || secrets.Contains(key)) continue;
                    if (Check(key, values) is { } f) { refusal = f; break; }
                }
                foreach (var file in form.Files)
                    if (refusal is null && UploadProblem(file.FileName) is { } u) refusal = $"上传的文件名无效：{u}";
                if (refusal is null && form.Files.GroupBy(f => (f.Length, f.FileName)).Any(g => g.Count() > 1))
                    refusal = "同一文件重复上传";
            }
            // Typed fields take their canonical form only: the framework's converters would also take 0x10, 1,000 (enum flags),
            // 1/2 or 1.2.3 (as dates) and quietly read something else.
            if (refusal is null)
            {
                var types = TypedFields(context);
                foreach (var (key, values) in request.Query.Concat(request.HasFormContentType ? await request.ReadFormAsync() : []))
                {
                    if (!types.TryGetValue(key, out var type)) continue;
                    foreach (var v in values)
                        if (!string.IsNullOrEmpty(v) && FormatProblem(type, v) is { } t) { refusal = $"字段“{Label(key)}”{t}，未作任何处理"; break; }
                    if (refusal is not null) break;
                }
            }
            // A GET whose typed parameters did not bind (a number that is not one, a date that does not exist) shows nothing.
            if (refusal is null && HttpMethods.IsGet(request.Method) && !context.ModelState.IsValid)
                refusal = string.Join("；", context.ModelState.Where(e => e.Value!.Errors.Count > 0)
                    .Select(e => $"参数“{e.Key}”：{e.Value!.Errors[0].ErrorMessage}"));
            if (refusal is not null)
            {
                context.Result = RefusalPages.Refuse(context.HttpContext, StatusCodes.Status400BadRequest, refusal);
                return;
            }
            await next();
        }

        private static string? Check(string key, Microsoft.Extensions.Primitives.StringValues values)
        {
            if (Problem(key) is { } k) return $"字段名无效（{k}）";
            foreach (var v in values)
                if (v is not null && (IsReturnUrl(key) ? ReturnUrlProblem(v) : Problem(v)) is { } p) return $"字段“{Label(key)}”{p}，未作任何处理";
            return null;
        }

        /// <summary>
        /// The address the sign-in and access-denied pages send back to (set by the framework's redirect) always starts
        /// with "/", which the traversal rule refuses in any other field (Bug 0209: every link to a page followed while
        /// signed out, or to a page one may not see, ended on 请求无效). It must be a path of this site ("/x", never "//x"
        /// or "/\x", "/etc/…" or "/../…"); the rest of it meets every other rule.
        /// </summary>
        private static bool IsReturnUrl(string key) => string.Equals(key, "ReturnUrl", StringComparison.OrdinalIgnoreCase);

        private static string? ReturnUrlProblem(string v) =>
            v.Length == 0 ? null : v[0] != '/' ? "不是本平台内的地址" : v.Length == 1 ? null : Problem(v[1..]) ?? Problem("_" + v);

        /// <summary>Bound names of the page's typed properties (one level into input classes) and handler parameters.</summary>
        private static Dictionary<string, Type> TypedFields(PageHandlerExecutingContext context)
        {
            var map = new Dictionary<string, Type>(StringComparer.OrdinalIgnoreCase);
            void Add(string name, Type t)
            {
                var type = Nullable.GetUnderlyingType(t) ?? t;
                if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>)) type = type.GetGenericArguments()[0];
                if (Typed(type)) map[name] = type;
                else if (type.IsClass && type != typeof(string) && !type.Namespace!.StartsWith("Microsoft", StringComparison.Ordinal))
                    foreach (var p in type.GetProperties().Where(p => Typed(Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType)))
                        map[$"{name}.{p.Name}"] = Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType;
            }
            foreach (var p in context.ActionDescriptor.BoundProperties) Add(p.BindingInfo?.BinderModelName ?? p.Name, p.ParameterType);
            foreach (var p in context.HandlerMethod?.Parameters ?? []) Add(p.BindingInfo?.BinderModelName ?? p.Name, p.ParameterType);
            return map;
        }

        private static bool Typed(Type t) => t.IsEnum || t == typeof(int) || t == typeof(long) || t == typeof(decimal) || t == typeof(double)
            || t == typeof(bool) || t == typeof(DateOnly) || t == typeof(DateTime) || t == typeof(DateTimeOffset);

        private static string Label(string key) => key.Length > 40 ? key[..40] + "…" : key;
    }

    /// <summary>Why a value is not the canonical text of its type (null when it is).</summary>
    public static string? FormatProblem(Type type, string v)
    {
        if (type == typeof(bool)) return v is "true" or "false" or "True" or "False" ? null : "应为 true 或 false";
        if (type.IsEnum) return Regex.IsMatch(v, @"^([A-Za-z][A-Za-z0-9]*|\d{1,9})$") ? null : "不是可选的值";
        if (type == typeof(DateOnly)) return Regex.IsMatch(v, @"^\d{4}-\d{2}-\d{2}$") ? null : "应为 yyyy-MM-dd 格式的日期";
        if (type == typeof(DateTime) || type == typeof(DateTimeOffset))
            return Regex.IsMatch(v, @"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?)?$") ? null : "应为 yyyy-MM-dd HH:mm 格式的时间";
        if (type == typeof(int) || type == typeof(long))
        {
            if (!Regex.IsMatch(v, @"^-?(0|[1-9]\d{0,18})$") || v == "-0") return "应为整数";
            // In the field's range too: a figure that does not fit fails to bind, and a handler that does not read that field
            // went on as if it had not been sent (Bug 0211: 2147483648 in the campaign form's 委托评估机构, posted with 协助).
            var fits = type == typeof(int) ? int.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)
                : long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);
            return fits ? null : $"超出可接受的整数范围（{(type == typeof(int) ? "-2147483648 至 2147483647" : "-9223372036854775808 至 9223372036854775807")}）";
        }
        return Regex.IsMatch(v, @"^-?(0|[1-9]\d{0,27})(\.\d{1,10})?$") && !Regex.IsMatch(v, @"^-0(\.0*)?$") ? null : "应为数字（不带单位、千分位或科学计数法）";
    }

    /// <summary>
    /// A form body the framework cannot even decode (a NUL character, broken encoding) is refused with 400 before anything
    /// reads it — otherwise the first reader (antiforgery) throws and the answer is a 500.
    /// </summary>
    public static IApplicationBuilder UseInputGuard(this IApplicationBuilder app) => app.Use(async (ctx, next) =>
    {
        if (ctx.Request.HasFormContentType)
        {
            try
            {
                await ctx.Request.ReadFormAsync();
            }
            catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
            {
                ctx.Features.Set<Microsoft.AspNetCore.Http.Features.IFormFeature>(new Microsoft.AspNetCore.Http.Features.FormFeature(FormCollection.Empty));
                ctx.Items[MessageKey] = "提交的内容包含无法识别的字符（如空字符或错误的编码），未作任何处理";
                ctx.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }
        }
        await next();
    });

    /// <summary>An uploaded file's name: a plain name, no folders, no control characters, a sensible length, not an executable.</summary>
    public static string? UploadProblem(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return "文件名为空";
        if (name.Length > 255) return "文件名过长";
        if (name.IndexOfAny(['/', '\\']) >= 0 || name.Contains("..")) return "文件名不得包含路径";
        if (Problem(name) is { } p) return "文件名" + p;
        var ext = Path.GetExtension(name).ToLowerInvariant();
        if (ext is ".exe" or ".dll" or ".bat" or ".cmd" or ".com" or ".scr" or ".msi" or ".js" or ".vbs" or ".ps1" or ".sh" or ".jar" or ".php" or ".jsp" or ".asp" or ".aspx" or ".html" or ".htm" or ".svg")
            return "不接受可执行或脚本类文件";
        return null;
    }
}
