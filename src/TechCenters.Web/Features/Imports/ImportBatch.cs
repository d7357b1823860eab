using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TechCenters.Web.Features.Imports;

public enum ImportStatus
{
    /// <summary>Uploaded and checked; waits for the user's confirmation (or a corrected file).</summary>
    Previewed = 1,
    /// <summary>Confirmed: the rows are being written in one transaction.</summary>
    Running = 2,
    /// <summary>Every row imported (committed).</summary>
    Done = 3,
    /// <summary>Refused at commit (a row became wrong meanwhile, e.g. a duplicate created since the preview): nothing imported.</summary>
    Refused = 4,
    /// <summary>The process running it stopped (crash, restart) before the transaction committed: nothing was written.</summary>
    Interrupted = 5,
}

/// <summary>
/// 导入批次: one uploaded XLSX kept server-side (its bytes and SHA-256) between the preview and the confirmation, so
/// what is imported is exactly the file that was checked — never a re-upload. Owned by the account that uploaded it.
/// </summary>
public sealed class ImportBatch
{
    /// <summary>The batch's token (random, in the preview's URL).</summary>
    public Guid Id { get; set; }
    /// <summary>units, people or experts (<see cref="ImportKinds"/>).</summary>
    public required string Kind { get; set; }
    public required string JurisdictionId { get; set; }
    /// <summary>A unit administrator's import: the one unit whose people it may import.</summary>
    public int? UnitId { get; set; }
    public required string UserId { get; set; }
    public required string UserName { get; set; }
    public required string ClientAddress { get; set; }
    public required string FileName { get; set; }
    /// <summary>SHA-256 of <see cref="Content"/> (hex): the confirmation names it, and it is checked again before the import.</summary>
    public required string FileHash { get; set; }
    public required byte[] Content { get; set; }
    public int Total { get; set; }
    /// <summary>Rows with at least one error at the last check.</summary>
    public int Invalid { get; set; }
    public ImportStatus Status { get; set; } = ImportStatus.Previewed;
    public int Imported { get; set; }
    /// <summary>Why the import was refused at commit, one message a line.</summary>
    public string? Message { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
}

public sealed class ImportBatchMap : IEntityTypeConfiguration<ImportBatch>
{
    public void Configure(EntityTypeBuilder<ImportBatch> e)
    {
        e.ToTable("ImportBatches", t => t.HasComment("导入批次（上传的XLSX文件在预览与确认之间保存在服务端）"));
        e.Property(x => x.Id).ValueGeneratedNever().HasComment("批次令牌");
        e.Property(x => x.Kind).HasMaxLength(20).HasComment("导入类别（units 单位，people 人员，experts 专家）");
        e.Property(x => x.JurisdictionId).HasMaxLength(64).HasComment("管理辖区");
        e.Property(x => x.UnitId).HasComment("单位管理员导入时的本单位");
        e.Property(x => x.UserId).HasMaxLength(450).HasComment("上传人账号");
        e.Property(x => x.UserName).HasMaxLength(256).HasComment("上传人用户名");
        e.Property(x => x.ClientAddress).HasMaxLength(64).HasComment("上传人地址");
        e.Property(x => x.FileName).HasMaxLength(200).HasComment("文件名");
        e.Property(x => x.FileHash).HasMaxLength(64).HasComment("文件SHA-256摘要");
        e.Property(x => x.Content).HasComment("文件内容");
        e.Property(x => x.Total).HasComment("数据行数");
        e.Property(x => x.Invalid).HasComment("有误的行数");
        e.Property(x => x.Status).HasComment("状态：1待确认 2导入中 3已导入 4提交时被拒绝 5导入中断");
        e.Property(x => x.Imported).HasComment("已导入行数");
        e.Property(x => x.Message).HasMaxLength(4000).HasComment("提交时被拒绝的原因");
        e.Property(x => x.CreatedAt).HasComment("上传时间");
        e.Property(x => x.StartedAt).HasComment("开始导入时间");
        e.Property(x => x.FinishedAt).HasComment("导入结束时间");
        e.HasOne<Units.Jurisdiction>().WithMany().HasForeignKey(x => x.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.UserId, x.CreatedAt });
        e.HasIndex(x => x.Status);
    }
}

public static class ImportStatusNames
{
    public static string Name(ImportStatus s) => s switch
    {
        ImportStatus.Previewed => "待确认",
        ImportStatus.Running => "导入中",
        ImportStatus.Done => "已导入",
        ImportStatus.Refused => "未导入（提交时被拒绝）",
        ImportStatus.Interrupted => "未导入（导入中断）",
        _ => "未知",
    };
}
