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
    /// <summary>
    /// The TLS gateways in front of the app (addresses or networks, "10.0.0.5", "10.0.0.0/24"): only their
    /// X-Forwarded-For/-Proto are believed, so behind them cookies are Secure and limits count the real client.
    /// </summary>
    public IReadOnlyList<System.Net.IPNetwork> TrustedProxies { get; private set; } = [];

    public void Read(IConfiguration c)
    {
        TrustedProxies = ReadProxies(c, "Security:TrustedProxies");
        Login = new(Int(c, "Security:LoginRateLimit:PermitLimit", 10, 1, 1_000_000),
            TimeSpan.FromSeconds(Int(c, "Security:LoginRateLimit:WindowSeconds", 60, 1, 86_400)));
        Objection = new(Int(c, "Security:ObjectionRateLimit:PermitLimit", 5, 1, 1_000_000),
            TimeSpan.FromSeconds(Int(c, "Security:ObjectionRateLimit:WindowSeconds", 3600, 1, 86_400)));
    }

    // Either a list (Security:TrustedProxies:0, :1 …) or one comma-separated value (an environment variable).
    // A single address is kept as a network of one (/32, /128).
    private List<System.Net.IPNetwork> ReadProxies(IConfiguration c, string key)
    {
        var section = c.GetSection(key);
        var raw = section.GetChildren().Select(x => x.Value ?? "").Append(section.Value ?? "")
            .SelectMany(v => v.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var result = new List<System.Net.IPNetwork>();
        foreach (var v in raw)
        {
            if (System.Net.IPAddress.TryParse(v, out var address))
                result.Add(new(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128));
            else if (System.Net.IPNetwork.TryParse(v, out var network)) result.Add(network);
            else Problems.Add($"配置项 {key} 的值“{v}”无效，应为 IP 地址（如 10.0.0.5）或网段（如 10.0.0.0/24）");
        }
        return result;
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

/// <summary>
/// Where the platform's keys live (SM4 data keys, the SM2 signing key): a file outside the database and the repository.
/// Required outside demo mode; a demo deployment generates one under App_Data/keys on first start.
/// </summary>
public sealed class CryptoSettings : SettingsBase
{
    public const string KeyFileKey = "Crypto:KeyFile";
    public string KeyFile { get; private set; } = "";
    /// <summary>Create the file when it does not exist (demo mode only).</summary>
    public bool CreateIfMissing { get; private set; }

    public void Read(IConfiguration c, string contentRoot)
    {
        // A bad Demo:Enabled is DemoSettings' to report; here it only decides whether a key file may be created.
        var demo = bool.TryParse(c["Demo:Enabled"], out var d) && d;
        if (c[KeyFileKey] is { Length: > 0 } path) KeyFile = path;
        else if (demo) { KeyFile = System.IO.Path.Combine(contentRoot, "App_Data", "keys", "platform-keys.json"); CreateIfMissing = true; }
        else Problems.Add($"配置项 {KeyFileKey} 未设置：个人信息加密（SM4）与签名（SM2）密钥文件须存放在数据库和代码仓库之外，" +
                          "可用 `keys generate --file <路径>` 生成后配置其路径");
        if (KeyFile.Length > 0 && !CreateIfMissing && !File.Exists(KeyFile))
            Problems.Add($"配置项 {KeyFileKey} 指向的密钥文件“{KeyFile}”不存在");
    }
}

/// <summary>Sessions and passwords beyond Identity's defaults (等保三级 身份鉴别).</summary>
public sealed class SessionSettings : SettingsBase
{
    /// <summary>Days a password stays valid; 0 turns expiry off.</summary>
    public int PasswordMaxAgeDays { get; private set; }

    public void Read(IConfiguration c) => PasswordMaxAgeDays = Int(c, "Security:PasswordMaxAgeDays", 90, 0, 3650);
}

/// <summary>Audit retention (等保三级: at least six months), the scheduled chain check, and the chain sealer (ADR 0010).</summary>
public sealed class AuditSettings : SettingsBase
{
    public const int MinRetentionMonths = 6;
    public int RetentionMonths { get; private set; }
    /// <summary>Minutes between scheduled `audit verify` runs; 0 turns the schedule off.</summary>
    public int VerifyIntervalMinutes { get; private set; }
    /// <summary>How often the sealer looks for pending rows when no commit woke it.</summary>
    public TimeSpan SealInterval { get; private set; } = TimeSpan.FromSeconds(1);
    /// <summary>After a commit woke the sealer, how long it lets further commits gather before sealing them together.</summary>
    public TimeSpan SealBatchDelay { get; private set; } = TimeSpan.FromMilliseconds(200);

    public void Read(IConfiguration c)
    {
        var raw = c["Audit:RetentionMonths"];
        RetentionMonths = Int(c, "Audit:RetentionMonths", 12, 1, 1200);
        if (RetentionMonths < MinRetentionMonths && Problems.Count == 0)
            Problems.Add($"配置项 Audit:RetentionMonths 的值“{raw}”无效：审计日志至少保存 {MinRetentionMonths} 个月（GB/T 22239-2019 8.1.4.3）");
        VerifyIntervalMinutes = Int(c, "Audit:VerifyIntervalMinutes", 60, 0, 10_080);
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
        .AddSettings<DatabaseSettings>((o, c, _) => o.Read(c))
        .AddSettings<CryptoSettings>((o, c, env) => o.Read(c, env.ContentRootPath))
        .AddSettings<SessionSettings>((o, c, _) => o.Read(c))
        .AddSettings<AuditSettings>((o, c, _) => o.Read(c));

    private sealed class SettingsValidator<T> : IValidateOptions<T> where T : SettingsBase
    {
        public ValidateOptionsResult Validate(string? name, T options) =>
            options.Problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(options.Problems);
    }
}
