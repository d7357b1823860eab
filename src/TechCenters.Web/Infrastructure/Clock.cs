using System.Globalization;

namespace TechCenters.Web.Infrastructure;

/// <summary>
/// The one clock and time zone (App:TimeZone, Asia/Shanghai by default). Instants are stored in UTC; a date the
/// regulations speak of (a due day, a notice period, a submission day) is the calendar date in this zone.
/// </summary>
public sealed class Clock(TimeProvider time, ClockSettings settings)
{
    public TimeZoneInfo Zone => settings.Zone;
    public DateTimeOffset UtcNow => time.GetUtcNow();
    public DateOnly Today => DateOf(UtcNow);

    /// <summary>The calendar date of an instant in the deployment's zone.</summary>
    public DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(ToLocal(instant).DateTime);

    public DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    public int OffsetMinutes(DateTimeOffset instant) => (int)Zone.GetUtcOffset(instant).TotalMinutes;

    /// <summary>A local wall-clock time (as typed on a form) as an instant.</summary>
    public DateTimeOffset FromLocal(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, Zone.GetUtcOffset(unspecified)).ToUniversalTime();
    }

    /// <summary>The first instant of a local calendar day.</summary>
    public DateTimeOffset StartOf(DateOnly day) => FromLocal(day.ToDateTime(TimeOnly.MinValue));

    public string Format(DateTimeOffset instant) => ToLocal(instant).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
    public string Format(DateTimeOffset? instant) => instant is { } i ? Format(i) : "—";
    public string FormatSeconds(DateTimeOffset instant) => ToLocal(instant).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
