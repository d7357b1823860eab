using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Infrastructure;

namespace TechCenters.Web.Features.Notifications;

/// <summary>通知设置: in-app only or also e-mail, the address, and how many days ahead to be reminded. Said plainly when no SMTP server is configured.</summary>
public sealed class SettingsModel(AppDbContext db, NotificationMail mail, Clock clock) : PageModel
{
    public sealed class SettingsInput
    {
        public bool ByEmail { get; set; }
        [StringLength(320, ErrorMessage = "邮箱地址不超过320个字符")]
        [EmailAddress(ErrorMessage = "邮箱地址格式不正确")]
        public string? Email { get; set; }
        [Range(1, NotificationSetting.MaxDueDays, ErrorMessage = "提前提醒天数应为1至30天")]
        public int DueDays { get; set; } = NotificationSetting.DefaultDueDays;
    }

    [BindProperty] public SettingsInput Input { get; set; } = new();
    [TempData] public string? Flash { get; set; }
    public bool MailConfigured => mail.Configured;

    private string Me => UserScope.From(User).UserId!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var s = await db.Set<NotificationSetting>().AsNoTracking().FirstOrDefaultAsync(x => x.UserId == Me, ct);
        if (s is not null) Input = new() { ByEmail = s.ByEmail, Email = s.Email, DueDays = s.DueDays };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Input.ByEmail && string.IsNullOrWhiteSpace(Input.Email))
            ModelState.AddModelError("Input.Email", "选择同时发送邮件时，请填写接收通知的邮箱");
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var s = await db.Set<NotificationSetting>().FirstOrDefaultAsync(x => x.UserId == Me, ct);
        if (s is null) db.Add(s = new NotificationSetting { UserId = Me });
        s.ByEmail = Input.ByEmail;
        s.Email = string.IsNullOrWhiteSpace(Input.Email) ? null : Input.Email.Trim();
        s.DueDays = Input.DueDays;
        s.UpdatedAt = clock.UtcNow;
        await db.SaveChangesAsync(ct);
        Flash = Input.ByEmail && !MailConfigured ? "已保存。本平台尚未配置邮件服务器（SMTP），通知仅在站内显示。" : "通知设置已保存。";
        return Redirect("/Notifications/Settings");
    }
}
