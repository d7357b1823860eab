using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace TechCenters.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Security : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "Phone",
                table: "People",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true,
                comment: "手机号码（SM4加密存储；页面与导出一律脱敏）",
                oldClrType: typeof(string),
                oldType: "character varying(20)",
                oldMaxLength: 20,
                oldNullable: true,
                oldComment: "手机号码（页面与导出一律脱敏）");

            migrationBuilder.AlterColumn<string>(
                name: "IdNumber",
                table: "People",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true,
                comment: "身份证号码（SM4加密存储；页面与导出一律脱敏）",
                oldClrType: typeof(string),
                oldType: "character varying(18)",
                oldMaxLength: 18,
                oldNullable: true,
                oldComment: "身份证号码（页面与导出一律脱敏）");

            migrationBuilder.AddColumn<string>(
                name: "Email",
                table: "People",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true,
                comment: "电子邮箱（SM4加密存储；脱敏显示）");

            migrationBuilder.AddColumn<string>(
                name: "IdNumberHash",
                table: "People",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true,
                comment: "身份证号码的带密钥SM3杂凑（精确查询用）");

            migrationBuilder.AddColumn<string>(
                name: "PhoneHash",
                table: "People",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true,
                comment: "手机号码的带密钥SM3杂凑（精确查询用）");

            migrationBuilder.AlterColumn<string>(
                name: "Phone",
                table: "Experts",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true,
                comment: "手机号码（SM4加密存储；脱敏显示）",
                oldClrType: typeof(string),
                oldType: "character varying(20)",
                oldMaxLength: 20,
                oldNullable: true,
                oldComment: "手机号码（脱敏显示）");

            migrationBuilder.AddColumn<string>(
                name: "Email",
                table: "Experts",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true,
                comment: "电子邮箱（SM4加密存储；脱敏显示）");

            migrationBuilder.AddColumn<string>(
                name: "PhoneHash",
                table: "Experts",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true,
                comment: "手机号码的带密钥SM3杂凑（精确查询用）");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "PasswordChangedAt",
                table: "AspNetUsers",
                type: "timestamp with time zone",
                nullable: true,
                comment: "口令最近修改时间（为空表示自创建起未修改）");

            migrationBuilder.CreateTable(
                name: "DocumentSignatures",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false, comment: "类别：receipt 申报回执，approval_notice 批准通知"),
                    Subject = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false, comment: "签名对象（同类别内唯一）"),
                    Number = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false, comment: "文件上的编号（回执编号、批准文号）"),
                    Payload = table.Column<string>(type: "text", nullable: false, comment: "签名原文（规范化文本）"),
                    PayloadDigest = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, comment: "签名原文的SM3杂凑"),
                    Signature = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false, comment: "SM2签名值（r‖s，十六进制）"),
                    KeyId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false, comment: "签名密钥标识"),
                    Code = table.Column<string>(type: "character varying(19)", maxLength: 19, nullable: false, comment: "验证码"),
                    SignedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, comment: "签名时间（UTC）")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DocumentSignatures", x => x.Id);
                },
                comment: "回执与公文的SM2签名（只追加）");

            migrationBuilder.CreateTable(
                name: "KeyRotationCheckpoints",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TargetKeyId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false, comment: "轮换到的数据密钥标识"),
                    TableName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, comment: "表名"),
                    LastId = table.Column<long>(type: "bigint", nullable: false, comment: "已提交的最后一行主键"),
                    Processed = table.Column<long>(type: "bigint", nullable: false, comment: "已重新加密的行数"),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, comment: "开始时间（UTC）"),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, comment: "最近进度时间（UTC）"),
                    CompletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true, comment: "完成时间（UTC）")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KeyRotationCheckpoints", x => x.Id);
                },
                comment: "密钥轮换进度（中断后从此处继续）");

            migrationBuilder.CreateTable(
                name: "SecurityAlerts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RaisedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, comment: "告警时间（UTC）"),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false, comment: "类别：audit_chain 审计链断裂"),
                    Message = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false, comment: "告警内容"),
                    AcknowledgedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true, comment: "确认时间（UTC）"),
                    AcknowledgedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, comment: "确认人")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SecurityAlerts", x => x.Id);
                },
                comment: "安全告警");

            migrationBuilder.CreateTable(
                name: "UserSessions",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false, comment: "会话标识"),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false, comment: "账号标识"),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false, comment: "用户名"),
                    ClientAddress = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, comment: "登录地址"),
                    UserAgent = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true, comment: "浏览器标识"),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, comment: "登录时间（UTC）"),
                    LastSeenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, comment: "最近活动时间（UTC，按分钟更新）"),
                    EndedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true, comment: "结束时间（UTC）"),
                    EndedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, comment: "结束人（本人退出或安全管理员）"),
                    EndReason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true, comment: "结束原因")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UserSessions", x => x.Id);
                },
                comment: "登录会话");

            migrationBuilder.CreateIndex(
                name: "IX_People_IdNumberHash",
                table: "People",
                column: "IdNumberHash");

            migrationBuilder.CreateIndex(
                name: "IX_People_PhoneHash",
                table: "People",
                column: "PhoneHash");

            migrationBuilder.CreateIndex(
                name: "IX_Experts_PhoneHash",
                table: "Experts",
                column: "PhoneHash");

            migrationBuilder.CreateIndex(
                name: "IX_DocumentSignatures_Code",
                table: "DocumentSignatures",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DocumentSignatures_Kind_Subject",
                table: "DocumentSignatures",
                columns: new[] { "Kind", "Subject" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DocumentSignatures_Number",
                table: "DocumentSignatures",
                column: "Number");

            migrationBuilder.CreateIndex(
                name: "IX_KeyRotationCheckpoints_TargetKeyId_TableName",
                table: "KeyRotationCheckpoints",
                columns: new[] { "TargetKeyId", "TableName" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SecurityAlerts_AcknowledgedAt_RaisedAt",
                table: "SecurityAlerts",
                columns: new[] { "AcknowledgedAt", "RaisedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_UserSessions_EndedAt_LastSeenAt",
                table: "UserSessions",
                columns: new[] { "EndedAt", "LastSeenAt" });

            migrationBuilder.CreateIndex(
                name: "IX_UserSessions_UserId",
                table: "UserSessions",
                column: "UserId");

            // Signatures of receipts and documents are append-only, like the audit log.
            migrationBuilder.Sql("""
                CREATE FUNCTION document_signatures_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION '签名记录只允许追加，不允许修改或删除';
                END;
                $$;
                CREATE TRIGGER document_signatures_no_update_delete BEFORE UPDATE OR DELETE ON "DocumentSignatures"
                    FOR EACH ROW EXECUTE FUNCTION document_signatures_append_only();
                CREATE TRIGGER document_signatures_no_truncate BEFORE TRUNCATE ON "DocumentSignatures"
                    FOR EACH STATEMENT EXECUTE FUNCTION document_signatures_append_only();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DocumentSignatures");

            migrationBuilder.DropTable(
                name: "KeyRotationCheckpoints");

            migrationBuilder.DropTable(
                name: "SecurityAlerts");

            migrationBuilder.DropTable(
                name: "UserSessions");

            migrationBuilder.DropIndex(
                name: "IX_People_IdNumberHash",
                table: "People");

            migrationBuilder.DropIndex(
                name: "IX_People_PhoneHash",
                table: "People");

            migrationBuilder.DropIndex(
                name: "IX_Experts_PhoneHash",
                table: "Experts");

            migrationBuilder.DropColumn(
                name: "Email",
                table: "People");

            migrationBuilder.DropColumn(
                name: "IdNumberHash",
                table: "People");

            migrationBuilder.DropColumn(
                name: "PhoneHash",
                table: "People");

            migrationBuilder.DropColumn(
                name: "Email",
                table: "Experts");

            migrationBuilder.DropColumn(
                name: "PhoneHash",
                table: "Experts");

            migrationBuilder.DropColumn(
                name: "PasswordChangedAt",
                table: "AspNetUsers");

            migrationBuilder.AlterColumn<string>(
                name: "Phone",
                table: "People",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true,
                comment: "手机号码（页面与导出一律脱敏）",
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200,
                oldNullable: true,
                oldComment: "手机号码（SM4加密存储；页面与导出一律脱敏）");

            migrationBuilder.AlterColumn<string>(
                name: "IdNumber",
                table: "People",
                type: "character varying(18)",
                maxLength: 18,
                nullable: true,
                comment: "身份证号码（页面与导出一律脱敏）",
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200,
                oldNullable: true,
                oldComment: "身份证号码（SM4加密存储；页面与导出一律脱敏）");

            migrationBuilder.AlterColumn<string>(
                name: "Phone",
                table: "Experts",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true,
                comment: "手机号码（脱敏显示）",
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200,
                oldNullable: true,
                oldComment: "手机号码（SM4加密存储；脱敏显示）");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS document_signatures_append_only();");
        }
    }
}
