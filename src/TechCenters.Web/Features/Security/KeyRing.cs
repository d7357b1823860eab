using System.Text.Json;
using System.Text.Json.Serialization;
using TechCenters.Web.Infrastructure;

namespace TechCenters.Web.Features.Security;

/// <summary>
/// The key file (Crypto:KeyFile): SM4 data keys (each 32 bytes: 16 for SM4, 16 for the keyed SM3 look-up hash) and SM2
/// signing keys, each with an id that travels with what it protected, and which of each is current. It lives outside the
/// database and the repository, readable only by the service account (mode 0600 when this code writes it).
/// </summary>
public sealed class KeyFile
{
    public string Comment { get; set; } = "技术创新中心平台密钥文件：请勿提交到代码仓库，请勿与数据库备份存放在一起。";
    public List<DataKey> DataKeys { get; set; } = [];
    public string CurrentDataKey { get; set; } = "";
    public List<SigningKey> SigningKeys { get; set; } = [];
    public string CurrentSigningKey { get; set; } = "";

    public sealed class DataKey
    {
        public required string Id { get; set; }
        /// <summary>64 hex digits: the SM4 key, then the HMAC-SM3 look-up key.</summary>
        public required string Material { get; set; }
        public DateTimeOffset Created { get; set; }
        [JsonIgnore] public byte[] EncryptionKey => Convert.FromHexString(Material)[..16];
        [JsonIgnore] public byte[] LookupKey => Convert.FromHexString(Material)[16..32];
    }

    public sealed class SigningKey
    {
        public required string Id { get; set; }
        public required string PrivateKey { get; set; }
        public required string PublicKey { get; set; }
        public DateTimeOffset Created { get; set; }
    }

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static KeyFile Load(string path)
    {
        KeyFile? file;
        try { file = JsonSerializer.Deserialize<KeyFile>(File.ReadAllText(path), Json); }
        catch (JsonException e) { throw new InvalidOperationException($"密钥文件“{path}”格式无效：{e.Message}", e); }
        if (file is null) throw new InvalidOperationException($"密钥文件“{path}”为空");
        file.Check(path);
        return file;
    }

    private void Check(string path)
    {
        if (DataKeys.All(k => k.Id != CurrentDataKey)) throw new InvalidOperationException($"密钥文件“{path}”中没有当前数据密钥“{CurrentDataKey}”");
        if (SigningKeys.All(k => k.Id != CurrentSigningKey)) throw new InvalidOperationException($"密钥文件“{path}”中没有当前签名密钥“{CurrentSigningKey}”");
        foreach (var k in DataKeys)
            if (k.Material.Length != 64 || !k.Material.All(Uri.IsHexDigit) || k.Id.Contains(':'))
                throw new InvalidOperationException($"密钥文件“{path}”中数据密钥“{k.Id}”无效（应为64位十六进制，标识不含冒号）");
    }

    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temp = path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(this, Json));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>A new file with one data key and one SM2 signing key, both current.</summary>
    public static KeyFile Generate(ICryptoProvider crypto, DateTimeOffset now)
    {
        var file = new KeyFile();
        file.AddDataKey(crypto, now);
        file.AddSigningKey(crypto, now);
        return file;
    }

    /// <summary>Adds a data key and makes it current (old keys stay, so existing data stays readable until `keys rotate`).</summary>
    public DataKey AddDataKey(ICryptoProvider crypto, DateTimeOffset now)
    {
        var key = new DataKey { Id = NewId("d", now, DataKeys.Select(k => k.Id)), Material = Convert.ToHexStringLower(crypto.RandomBytes(32)), Created = now };
        DataKeys.Add(key);
        CurrentDataKey = key.Id;
        return key;
    }

    public SigningKey AddSigningKey(ICryptoProvider crypto, DateTimeOffset now)
    {
        var pair = crypto.GenerateSm2KeyPair();
        var key = new SigningKey
        {
            Id = NewId("s", now, SigningKeys.Select(k => k.Id)), PrivateKey = Convert.ToHexStringLower(pair.PrivateKey),
            PublicKey = Convert.ToHexStringLower(pair.PublicKey), Created = now,
        };
        SigningKeys.Add(key);
        CurrentSigningKey = key.Id;
        return key;
    }

    private static string NewId(string prefix, DateTimeOffset now, IEnumerable<string> taken)
    {
        var set = taken.ToHashSet();
        var id = $"{prefix}{now:yyyyMMdd}";
        for (var n = 2; set.Contains(id); n++) id = $"{prefix}{now:yyyyMMdd}-{n}";
        return id;
    }

    public DataKey Current => DataKeys.First(k => k.Id == CurrentDataKey);
    public DataKey? FindData(string id) => DataKeys.FirstOrDefault(k => k.Id == id);
    public SigningKey CurrentSigning => SigningKeys.First(k => k.Id == CurrentSigningKey);
    public SigningKey? FindSigning(string id) => SigningKeys.FirstOrDefault(k => k.Id == id);
}

/// <summary>The key file of this process, read once from Crypto:KeyFile (created there in demo mode).</summary>
public sealed class KeyRing(CryptoSettings settings, ICryptoProvider crypto, TimeProvider time)
{
    private readonly Lazy<KeyFile> file = new(() =>
    {
        if (settings.KeyFile.Length == 0) throw new InvalidOperationException($"未配置 {CryptoSettings.KeyFileKey}");
        if (settings.CreateIfMissing && !File.Exists(settings.KeyFile))
            KeyFile.Generate(crypto, time.GetUtcNow()).Save(settings.KeyFile);
        return KeyFile.Load(settings.KeyFile);
    });

    public KeyFile Keys => file.Value;
    public string Path => settings.KeyFile;
}
