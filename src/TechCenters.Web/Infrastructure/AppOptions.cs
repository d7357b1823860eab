using System.Globalization;
using Microsoft.Extensions.Options;

namespace TechCenters.Web.Infrastructure;

/// <summary>
/// Typed settings read from configuration by hand, so a bad value is reported in Chinese with its key (not the
/// binder's English exception); every section is validated when the host starts (ValidateOnStart).
/// </summary>
public abstract class SettingsBase
{
    internal List<string> Problems { get; } = [];

    protected int Int(IConfiguration c, string key, int fallback, int min, int max)
    {
        var raw = c[key];
        if (string.IsNullOrWhiteSpace(raw)) return fallback;
        if (int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max) return v;
        Problems.Add($"配置项 {key} 的值“{raw}”无效，应为 {min} 至 {max} 之间的整数");
        return fallback;
    }

    protected long Long(IConfiguration c, string key, long fallback, long min, long max)
    {
        var raw = c[key];
        if (string.IsNullOrWhiteSpace(raw)) return fallback;
        if (long.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max) return v;
        Problems.Add($"配置项 {key} 的值“{raw}”无效，应为 {min} 至 {max} 之间的整数");
        return fallback;
    }

    protected bool Bool(IConfiguration c, string key, bool fallback)
    {
        var raw = c[key];
        if (string.IsNullOrWhiteSpace(raw)) return fallback;
        if (bool.TryParse(raw, out var v)) return v;
        Problems.Add($"配置项 {key} 的值“{raw}”无效，应为 true 或 false");
        return fallback;
    }
}

/// <summary>The deployment's time zone: every date the platform shows or compares is a calendar date there.</summary>
public sealed class ClockSettings : SettingsBase
{
    public const string Key = "App:TimeZone";
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    public void Read(IConfiguration c)
    {
        var id = c[Key] is { Length: > 0 } v ? v : "Asia/Shanghai";
        try { Zone = TimeZoneInfo.FindSystemTimeZoneById(id); }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            Problems.Add($"配置项 {Key} 的值“{id}”无效：不是可识别的时区（例如 Asia/Shanghai）");
        }
    }
}

public sealed class AttachmentSettings : SettingsBase
{
    public long MaxBytes { get; private set; }
    public string Path { get; private set; } = "";

    public void Read(IConfiguration c, string contentRoot)
    {
        MaxBytes = Long(c, "Attachments:MaxBytes", 20L * 1024 * 1024, 1024, 1024L * 1024 * 1024);
        Path = c["Attachments:Path"] is { Length: > 0 } p ? p : System.IO.Path.Combine(contentRoot, "App_Data", "attachments");
    }
}

/// <summary>A fixed-window limit per client address: <c>PermitLimit</c> requests per <c>WindowSeconds</c>.</summary>
public sealed record RateLimit(int PermitLimit, TimeSpan Window);

public sealed class SecuritySettings : SettingsBase
{
    public RateLimit Login { get; private set; } = new(10, TimeSpan.FromMinutes(1));
    public RateLimit Objection { get; private set; } = new(5, TimeSpan.FromHours(1));

    public void Read(IConfiguration c)
    {
        Login = new(Int(c, "Security:LoginRateLimit:PermitLimit", 10, 1, 1_000_000),
            TimeSpan.FromSeconds(Int(c, "Security:LoginRateLimit:WindowSeconds", 60, 1, 86_400)));
        Objection = new(Int(c, "Security:ObjectionRateLimit:PermitLimit", 5, 1, 1_000_000),
            TimeSpan.FromSeconds(Int(c, "Security:ObjectionRateLimit:WindowSeconds", 3600, 1, 86_400)));
    }
}

public sealed class DemoSettings : SettingsBase
{
    public bool Enabled { get; private set; }
    public string Password { get; private set; } = "";

    public void Read(IConfiguration c)
    {
        Enabled = Bool(c, "Demo:Enabled", false);
        Password = c["Demo:Password"] is { Length: > 0 } p ? p : Data.Seed.DemoSeeder.DefaultDemoPassword;
    }
}

public sealed class DatabaseSettings : SettingsBase
{
    public Data.DatabaseProvider Provider { get; private set; }
    public bool MigrateOnStartup { get; private set; }

    public void Read(IConfiguration c)
    {
        try { Provider = Data.DatabaseSetup.ProviderFrom(c); }
        catch (InvalidOperationException e) { Problems.Add(e.Message); }
        MigrateOnStartup = Bool(c, "Database:MigrateOnStartup", true);
        if (Provider == Data.DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(c.GetConnectionString("Default")))
            Problems.Add("配置项 Database:Provider=Postgres 需要 ConnectionStrings:Default（PostgreSQL 连接串）");
    }
}

/// <summary>The audit chain sealer (ADR 0010): how often it looks for pending rows when no commit woke it.</summary>
public sealed class AuditSettings : SettingsBase
{
    public TimeSpan SealInterval { get; private set; } = TimeSpan.FromSeconds(1);
    /// <summary>After a commit woke the sealer, how long it lets further commits gather before sealing them together.</summary>
    public TimeSpan SealBatchDelay { get; private set; } = TimeSpan.FromMilliseconds(200);

    public void Read(IConfiguration c)
    {
        SealInterval = TimeSpan.FromMilliseconds(Int(c, "Audit:SealIntervalMilliseconds", 1000, 10, 3_600_000));
        SealBatchDelay = TimeSpan.FromMilliseconds(Int(c, "Audit:SealBatchDelayMilliseconds", 200, 0, 10_000));
    }
}

public static class SettingsSetup
{
    /// <summary>Registers a settings type read by <paramref name="read"/>, checked when the host starts.</summary>
    public static IServiceCollection AddSettings<T>(this IServiceCollection services, Action<T, IConfiguration, IHostEnvironment> read)
        where T : SettingsBase
    {
        services.AddOptions<T>().Configure<IConfiguration, IHostEnvironment>((o, c, env) => read(o, c, env)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<T>, SettingsValidator<T>>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<T>>().Value);
        return services;
    }

    public static IServiceCollection AddAppSettings(this IServiceCollection services) => services
        .AddSettings<ClockSettings>((o, c, _) => o.Read(c))
        .AddSettings<AttachmentSettings>((o, c, env) => o.Read(c, env.ContentRootPath))
        .AddSettings<SecuritySettings>((o, c, _) => o.Read(c))
        .AddSettings<DemoSettings>((o, c, _) => o.Read(c))
        .AddSettings<DatabaseSettings>((o, c, _) => o.Read(c));

    private sealed class SettingsValidator<T> : IValidateOptions<T> where T : SettingsBase
    {
        public ValidateOptionsResult Validate(string? name, T options) =>
            options.Problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(options.Problems);
    }
}
