using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TechCenters.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ImportBatches : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ImportBatches",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false, comment: "批次令牌"),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false, comment: "导入类别（units 单位，people 人员，experts 专家）"),
                    JurisdictionId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, comment: "管理辖区"),
                    UnitId = table.Column<int>(type: "integer", nullable: true, comment: "单位管理员导入时的本单位"),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false, comment: "上传人账号"),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false, comment: "上传人用户名"),
                    ClientAddress = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, comment: "上传人地址"),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, comment: "文件名"),
                    FileHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, comment: "文件SHA-256摘要"),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false, comment: "文件内容"),
                    Total = table.Column<int>(type: "integer", nullable: false, comment: "数据行数"),
                    Invalid = table.Column<int>(type: "integer", nullable: false, comment: "有误的行数"),
                    Status = table.Column<int>(type: "integer", nullable: false, comment: "状态：1待确认 2导入中 3已导入 4提交时被拒绝"),
                    Imported = table.Column<int>(type: "integer", nullable: false, comment: "已导入行数"),
                    Message = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true, comment: "提交时被拒绝的原因"),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, comment: "上传时间"),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true, comment: "开始导入时间"),
                    FinishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true, comment: "导入结束时间")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportBatches", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ImportBatches_Jurisdictions_JurisdictionId",
                        column: x => x.JurisdictionId,
                        principalTable: "Jurisdictions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                },
                comment: "导入批次（上传的XLSX文件在预览与确认之间保存在服务端）");

            migrationBuilder.CreateIndex(
                name: "IX_ImportBatches_JurisdictionId",
                table: "ImportBatches",
                column: "JurisdictionId");

            migrationBuilder.CreateIndex(
                name: "IX_ImportBatches_UserId_CreatedAt",
                table: "ImportBatches",
                columns: new[] { "UserId", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ImportBatches");
        }
    }
}
