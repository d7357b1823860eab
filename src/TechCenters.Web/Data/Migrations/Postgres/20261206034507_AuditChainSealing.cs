using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TechCenters.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AuditChainSealing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<long>(
                name: "Sequence",
                table: "AuditEntries",
                type: "bigint",
                nullable: true,
                comment: "链上序号（空：待入链）",
                oldClrType: typeof(long),
                oldType: "bigint",
                oldComment: "链上序号");

            migrationBuilder.AlterColumn<string>(
                name: "PreviousHash",
                table: "AuditEntries",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true,
                comment: "前一条记录的哈希（SM3）",
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64,
                oldComment: "前一条记录的哈希（SM3）");

            migrationBuilder.AlterColumn<string>(
                name: "Hash",
                table: "AuditEntries",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true,
                comment: "本条记录的哈希（SM3）",
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64,
                oldComment: "本条记录的哈希（SM3）");
        
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<long>(
                name: "Sequence",
                table: "AuditEntries",
                type: "bigint",
                nullable: false,
                defaultValue: 0L,
                comment: "链上序号",
                oldClrType: typeof(long),
                oldType: "bigint",
                oldNullable: true,
                oldComment: "链上序号（空：待入链）");

            migrationBuilder.AlterColumn<string>(
                name: "PreviousHash",
                table: "AuditEntries",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "",
                comment: "前一条记录的哈希（SM3）",
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64,
                oldNullable: true,
                oldComment: "前一条记录的哈希（SM3）");

            migrationBuilder.AlterColumn<string>(
                name: "Hash",
                table: "AuditEntries",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "",
                comment: "本条记录的哈希（SM3）",
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64,
                oldNullable: true,
                oldComment: "本条记录的哈希（SM3）");
        }
    }
}
