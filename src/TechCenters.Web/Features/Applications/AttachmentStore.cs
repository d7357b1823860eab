using TechCenters.Web.Infrastructure;

namespace TechCenters.Web.Features.Applications;

/// <summary>
/// Files under generated names outside the web root (App_Data/attachments by default). The type is read from the
/// content (PDF, PNG, JPEG magic bytes), never from the name; an SM3 digest is stored and checked on every read.
/// </summary>
public sealed class AttachmentStore(IConfiguration config, IWebHostEnvironment env, ICryptoProvider crypto, TimeProvider time)
{
    public long MaxBytes => config.GetValue("Attachments:MaxBytes", 20L * 1024 * 1024);
    public string Root => config["Attachments:Path"] is { Length: > 0 } p ? p : Path.Combine(env.ContentRootPath, "App_Data", "attachments");

    public sealed record Saved(Attachment? Attachment, string? Error);

    /// <summary>The content type by magic bytes: %PDF-, PNG signature, JPEG SOI; null for anything else.</summary>
    public static string? Sniff(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("%PDF-"u8)) return "application/pdf";
        if (head.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A })) return "image/png";
        if (head.Length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF) return "image/jpeg";
        return null;
    }

    public async Task<Saved> SaveAsync(IFormFile file, string kind, string? user, CancellationToken ct = default)
    {
        if (file.Length == 0) return new(null, $"文件“{file.FileName}”为空。");
        if (file.Length > MaxBytes) return new(null, $"文件“{file.FileName}”超过 {Size(MaxBytes)} 的大小限制，未保存。");
        using var ms = new MemoryStream((int)file.Length);
        await file.CopyToAsync(ms, ct);
        var bytes = ms.ToArray();
        var type = Sniff(bytes);
        if (type is null) return new(null, $"文件“{file.FileName}”不是 PDF、PNG 或 JPEG 文件（按文件内容判断），未保存。");
        Directory.CreateDirectory(Root);
        var stored = Guid.NewGuid().ToString("N");
        await File.WriteAllBytesAsync(Path.Combine(Root, stored), bytes, ct);
        var name = Path.GetFileName(file.FileName);
        return new(new Attachment
        {
            Kind = kind, FileName = name.Length > 255 ? name[^255..] : name, StoredName = stored, ContentType = type, Size = bytes.Length,
            Sm3 = Convert.ToHexStringLower(crypto.Sm3(bytes)), UploadedAt = time.GetUtcNow(), UploadedBy = user,
        }, null);
    }

    private static string Size(long bytes) => bytes >= 1024 * 1024 ? $"{bytes / 1024.0 / 1024:0.#} MB" : $"{bytes / 1024.0:0.#} KB";

    /// <summary>The file's bytes, or null when the stored content no longer matches its SM3 digest (or is missing).</summary>
    public async Task<byte[]?> ReadVerifiedAsync(Attachment a, CancellationToken ct = default)
    {
        var path = Path.Combine(Root, a.StoredName);
        if (!File.Exists(path)) return null;
        var bytes = await File.ReadAllBytesAsync(path, ct);
        return Convert.ToHexStringLower(crypto.Sm3(bytes)) == a.Sm3 ? bytes : null;
    }

    public void Delete(Attachment a)
    {
        var path = Path.Combine(Root, a.StoredName);
        if (File.Exists(path)) File.Delete(path);
    }
}
