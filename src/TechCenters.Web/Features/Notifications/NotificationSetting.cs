using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TechCenters.Web.Features.Accounts;

namespace TechCenters.Web.Features.Notifications;

/// <summary>An account's choice: in-app only, or also by e-mail (to the address it gives), and how many days ahead to be reminded.</summary>
public sealed class NotificationSetting
{
    public const int DefaultDueDays = 3;
    public const int MaxDueDays = 30;

    public required string UserId { get; set; }
    public bool ByEmail { get; set; }
    public string? Email { get; set; }
    /// <summary>到期提醒提前天数 (1–30).</summary>
    public int DueDays { get; set; } = DefaultDueDays;
    public DateTimeOffset UpdatedAt { get; set; }
}

public sealed class NotificationSettingMap : IEntityTypeConfiguration<NotificationSetting>
{
    public void Configure(EntityTypeBuilder<NotificationSetting> e)
    {
        e.ToTable("NotificationSettings", t => t.HasComment("通知方式（站内或同时发送邮件）"));
        e.HasKey(x => x.UserId);
        e.Property(x => x.UserId).HasMaxLength(450).HasComment("账号");
        e.Property(x => x.ByEmail).HasComment("同时发送邮件");
        e.Property(x => x.Email).HasMaxLength(320).HasComment("接收通知的邮箱");
        e.Property(x => x.DueDays).HasComment("到期提醒提前天数");
        e.Property(x => x.UpdatedAt).HasComment("修改时间");
        e.HasOne<AppUser>().WithOne().HasForeignKey<NotificationSetting>(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
