using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TechCenters.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Operations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<long>(
                name: "Sequence",
                table: "AuditEntries",
                type: "INTEGER",
                nullable: true,
                comment: "链上序号（空：待入链）",
                oldClrType: typeof(long),
                oldType: "INTEGER",
                oldComment: "链上序号");

            migrationBuilder.AlterColumn<string>(
                name: "PreviousHash",
                table: "AuditEntries",
                type: "TEXT",
                maxLength: 64,
                nullable: true,
                comment: "前一条记录的哈希（SM3）",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 64,
                oldComment: "前一条记录的哈希（SM3）");

            migrationBuilder.AlterColumn<string>(
                name: "Hash",
                table: "AuditEntries",
                type: "TEXT",
                maxLength: 64,
                nullable: true,
                comment: "本条记录的哈希（SM3）",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 64,
                oldComment: "本条记录的哈希（SM3）");

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FriendlyName = table.Column<string>(type: "TEXT", nullable: true, comment: "密钥名称"),
                    Xml = table.Column<string>(type: "TEXT", nullable: true, comment: "密钥（XML）")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                },
                comment: "数据保护密钥环（登录与防伪令牌的加密密钥，各实例共用）");

            migrationBuilder.CreateTable(
                name: "JobRuns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Job = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false, comment: "任务标识"),
                    ScheduledFor = table.Column<long>(type: "INTEGER", nullable: false, comment: "计划触发时间（UTC）"),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false, comment: "开始时间（UTC）"),
                    FinishedAt = table.Column<long>(type: "INTEGER", nullable: false, comment: "结束时间（UTC）"),
                    Instance = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false, comment: "运行的实例"),
                    Succeeded = table.Column<bool>(type: "INTEGER", nullable: false, comment: "是否成功"),
                    Error = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true, comment: "失败原因")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JobRuns", x => x.Id);
                },
                comment: "定时任务运行记录（每次触发一条，唯一）");

            migrationBuilder.CreateTable(
                name: "OutboundEmails",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    To = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false, comment: "收件人"),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false, comment: "主题"),
                    Body = table.Column<string>(type: "TEXT", nullable: false, comment: "正文"),
                    MessageId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false, comment: "邮件标识（Message-ID，重发时不变）"),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false, comment: "写入时间（UTC）"),
                    NextAttemptAt = table.Column<long>(type: "INTEGER", nullable: false, comment: "下次发送时间（UTC）"),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false, comment: "已尝试次数"),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: true, comment: "发送成功时间（UTC）"),
                    FailedAt = table.Column<long>(type: "INTEGER", nullable: true, comment: "放弃发送时间（UTC，重试用尽）"),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true, comment: "最近一次失败原因")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutboundEmails", x => x.Id);
                },
                comment: "待发邮件（发件箱：与业务变更同一事务写入，由定时任务发送一次）");

            migrationBuilder.CreateIndex(
                name: "IX_JobRuns_Job_ScheduledFor",
                table: "JobRuns",
                columns: new[] { "Job", "ScheduledFor" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OutboundEmails_MessageId",
                table: "OutboundEmails",
                column: "MessageId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OutboundEmails_SentAt_FailedAt_NextAttemptAt",
                table: "OutboundEmails",
                columns: new[] { "SentAt", "FailedAt", "NextAttemptAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropTable(
                name: "JobRuns");

            migrationBuilder.DropTable(
                name: "OutboundEmails");

            migrationBuilder.AlterColumn<long>(
                name: "Sequence",
                table: "AuditEntries",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L,
                comment: "链上序号",
                oldClrType: typeof(long),
                oldType: "INTEGER",
                oldNullable: true,
                oldComment: "链上序号（空：待入链）");

            migrationBuilder.AlterColumn<string>(
                name: "PreviousHash",
                table: "AuditEntries",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "",
                comment: "前一条记录的哈希（SM3）",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 64,
                oldNullable: true,
                oldComment: "前一条记录的哈希（SM3）");

            migrationBuilder.AlterColumn<string>(
                name: "Hash",
                table: "AuditEntries",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "",
                comment: "本条记录的哈希（SM3）",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 64,
                oldNullable: true,
                oldComment: "本条记录的哈希（SM3）");
        }
    }
}
