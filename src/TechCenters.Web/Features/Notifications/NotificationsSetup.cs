namespace TechCenters.Web.Features.Notifications;

public static class NotificationsSetup
{
    /// <summary>The notification centre: e-mail for those who ask, reminders of due and overdue cases.</summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        services.AddScoped<NotificationMail>();
        services.AddScoped<NotificationWriter>();
        services.AddScoped<ReminderRun>();
        return services;
    }
}
