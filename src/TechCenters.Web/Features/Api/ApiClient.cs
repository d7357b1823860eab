using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TechCenters.Web.Features.Units;

namespace TechCenters.Web.Features.Api;

/// <summary>
/// 接入系统: a provincial/national system or a bureau's portal that reads the API with its own token. The token is shown
/// once and stored only as its SHA-256; the client reads what its jurisdiction (or its department's subtree) holds, and
/// only the resources granted to it; revoking it ends its access at the next request.
/// </summary>
public sealed class ApiClient
{
    public const string TokenPrefix = "tcapi_";

    public int Id { get; set; }
    public required string Name { get; set; }
    public required string JurisdictionId { get; set; }
    /// <summary>Narrows the client to this department and everything below it (null: the whole jurisdiction).</summary>
    public int? DepartmentId { get; set; }
    /// <summary>Granted resources, comma-separated (<see cref="ApiGrants"/>).</summary>
    public required string Grants { get; set; }
    public required string TokenHash { get; set; }
    /// <summary>The first characters of the token, to tell tokens apart on the page.</summary>
    public required string TokenHint { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }

    public bool Has(string grant) => Grants.Split(',').Contains(grant);

    public static string NewToken() => TokenPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}

/// <summary>What a client may be granted: centers and cases (with their stages) of its scope.</summary>
public static class ApiGrants
{
    public const string Centers = "centers";
    public const string Cases = "cases";

    public static readonly (string Key, string Label)[] All = [(Centers, "技术创新中心"), (Cases, "事项及其阶段")];
}

public sealed class ApiClientMap : IEntityTypeConfiguration<ApiClient>
{
    public void Configure(EntityTypeBuilder<ApiClient> e)
    {
        e.ToTable("ApiClients", t => t.HasComment("接入系统（读取接口的外部系统及其令牌）"));
        e.Property(x => x.Id).HasComment("主键");
        e.Property(x => x.Name).HasMaxLength(100).HasComment("接入系统名称");
        e.Property(x => x.JurisdictionId).HasMaxLength(64).HasComment("所属辖区");
        e.Property(x => x.DepartmentId).HasComment("限定的归口管理部门（含下级；为空表示整个辖区）");
        e.Property(x => x.Grants).HasMaxLength(200).HasComment("授权范围（centers、cases，逗号分隔）");
        e.Property(x => x.TokenHash).HasMaxLength(64).HasComment("令牌的SHA-256摘要（令牌本身不保存）");
        e.Property(x => x.TokenHint).HasMaxLength(16).HasComment("令牌前缀（用于辨认）");
        e.Property(x => x.CreatedAt).HasComment("创建时间");
        e.Property(x => x.CreatedBy).HasMaxLength(256).HasComment("创建人");
        e.Property(x => x.RevokedAt).HasComment("吊销时间");
        e.Property(x => x.RevokedBy).HasMaxLength(256).HasComment("吊销人");
        e.Property(x => x.LastUsedAt).HasComment("最近使用时间");
        e.HasIndex(x => x.TokenHash).IsUnique();
        e.HasIndex(x => x.JurisdictionId);
        e.HasOne<Department>().WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Restrict);
    }
}
