using TechCenters.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Shared;

namespace TechCenters.Web.Features.Audit;

/// <summary>审计日志查询 (audit admin only): by time range, user, action, outcome; plus a chain check.</summary>
public sealed class IndexModel(AppDbContext db, AuditVerifier verifier, Clock clock) : PageModel
{
    public const int PageSize = 30;

    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? User_ { get; set; }
    [BindProperty(SupportsGet = true)] public string? Action { get; set; }
    [BindProperty(SupportsGet = true)] public string? Outcome { get; set; }
    [BindProperty(SupportsGet = true)] public bool Verify { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public Page<AuditEntry> Result { get; private set; } = null!;
    public ChainVerdict? Verdict { get; private set; }
    public static readonly string[] Outcomes = [AuditOutcome.Success, AuditOutcome.Failure, AuditOutcome.Denied];

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "user")] string? user, CancellationToken ct)
    {
        User_ = user;
        if (From is not null && To is not null && From > To)
        {
            ModelState.AddModelError("", "起始日期不能晚于截止日期");
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        var query = db.AuditEntries.AsNoTracking();
        if (ModelState.IsValid)
        {
            var offset = TimeSpan.FromMinutes(clock.OffsetMinutes(DateTimeOffset.UtcNow));
            if (From is not null) { var f = new DateTimeOffset(From.Value.ToDateTime(TimeOnly.MinValue), offset).ToUniversalTime(); query = query.Where(a => a.OccurredAt >= f); }
            if (To is not null) { var t = new DateTimeOffset(To.Value.AddDays(1).ToDateTime(TimeOnly.MinValue), offset).ToUniversalTime(); query = query.Where(a => a.OccurredAt < t); }
            if (!string.IsNullOrWhiteSpace(user)) { var u = user.Trim(); query = query.Where(a => a.UserName == u); }
            if (!string.IsNullOrWhiteSpace(Action)) { var s = Action.Trim(); query = query.Where(a => a.Action.Contains(s)); }
            if (!string.IsNullOrWhiteSpace(Outcome)) query = query.Where(a => a.Outcome == Outcome);
        }
        else query = query.Where(a => false);

        PageNumber = Page<AuditEntry>.Clamp(PageNumber);
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(a => a.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        Result = new Page<AuditEntry>(rows, PageNumber, PageSize, total);
        if (Verify) Verdict = await verifier.VerifyAsync(ct);
        return Page();
    }

    public string PageUrl(int page) => "/Audit" + QueryString.Create(new Dictionary<string, string?>
    {
        ["from"] = From?.ToString("yyyy-MM-dd"), ["to"] = To?.ToString("yyyy-MM-dd"), ["user"] = User_,
        ["action"] = Action, ["outcome"] = Outcome, ["p"] = page.ToString(),
    }.Where(kv => !string.IsNullOrEmpty(kv.Value))).ToUriComponent();
}
