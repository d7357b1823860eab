using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TechCenters.Web.Features.Audit;
using TechCenters.Web.Features.Security;

namespace TechCenters.Web.Features.Admin;

/// <summary>在线会话 (security admin): who is signed in, from where, since when; ending a session logs that account out at once.</summary>
public sealed class SessionsModel(SessionRegistry sessions, AuditLog audit) : PageModel
{
    public List<UserSession> Open { get; private set; } = [];
    public string? Message { get; private set; }

    [BindProperty] public EndInput Input { get; set; } = new();

    public sealed class EndInput
    {
        [Required(ErrorMessage = "缺少会话标识")]
        [RegularExpression("^[0-9a-f]{32}$", ErrorMessage = "会话标识无效")]
        public string SessionId { get; set; } = "";

        [Required(ErrorMessage = "请填写结束会话的原因")]
        [StringLength(200, MinimumLength = 2, ErrorMessage = "原因须为2至200个字")]
        public string Reason { get; set; } = "";
    }

    public async Task OnGetAsync(CancellationToken ct) => Open = await sessions.OpenAsync(ct);

    public async Task<IActionResult> OnPostEndAsync(CancellationToken ct)
    {
        HttpContext.Items[AuditMiddleware.HandledKey] = true;
        if (!ModelState.IsValid)
        {
            await audit.AppendAsync(HttpContext, new AuditRecord("结束会话", AuditOutcome.Failure, "会话", null,
                string.Join("；", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage))), ct: ct);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Open = await sessions.OpenAsync(ct);
            return Page();
        }
        var ended = await sessions.EndAsync(Input.SessionId, User.Identity?.Name ?? "", "安全管理员结束：" + Input.Reason.Trim(), ct);
        if (ended is null)
        {
            await audit.AppendAsync(HttpContext, new AuditRecord("结束会话", AuditOutcome.Failure, "会话", Input.SessionId, "会话不存在或已结束"), ct: ct);
            return NotFound();
        }
        await audit.AppendAsync(HttpContext, new AuditRecord("结束会话", AuditOutcome.Success, "会话", ended.Id,
            $"{ended.UserName}（{ended.ClientAddress}）；原因：{Input.Reason.Trim()}"), ct: ct);
        Message = $"已结束 {ended.UserName} 的会话，该账号须重新登录。";
        ModelState.Clear();
        Input = new();
        Open = await sessions.OpenAsync(ct);
        return Page();
    }
}
