using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TechCenters.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CenterRecord : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CenterCoBuilders",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CenterId = table.Column<int>(type: "INTEGER", nullable: false, comment: "技术创新中心"),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false, comment: "共建单位"),
                    Core = table.Column<bool>(type: "INTEGER", nullable: false, comment: "核心共建单位"),
                    Position = table.Column<int>(type: "INTEGER", nullable: false, comment: "排序")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CenterCoBuilders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CenterCoBuilders_Centers_CenterId",
                        column: x => x.CenterId,
                        principalTable: "Centers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CenterCoBuilders_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                },
                comment: "技术创新中心的共建单位");

            migrationBuilder.CreateTable(
                name: "CenterHistory",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CenterId = table.Column<int>(type: "INTEGER", nullable: false, comment: "技术创新中心"),
                    ChangedAt = table.Column<long>(type: "INTEGER", nullable: false, comment: "变更时间"),
                    ChangedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true, comment: "变更人"),
                    Field = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false, comment: "变更项目"),
                    From = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true, comment: "变更前"),
                    To = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true, comment: "变更后"),
                    CaseId = table.Column<int>(type: "INTEGER", nullable: true, comment: "依据的事项"),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true, comment: "说明")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CenterHistory", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CenterHistory_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CenterHistory_Centers_CenterId",
                        column: x => x.CenterId,
                        principalTable: "Centers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                },
                comment: "技术创新中心记录变更历史");

            migrationBuilder.AddColumn<int>(
                name: "DepartmentId",
                table: "Centers",
                type: "INTEGER",
                nullable: true,
                comment: "归口管理部门（为空表示直接由科技局管理）");

            migrationBuilder.AddColumn<string>(
                name: "DirectorName",
                table: "Centers",
                type: "TEXT",
                maxLength: 50,
                nullable: true,
                comment: "中心主任（总经理）");

            migrationBuilder.AddColumn<string>(
                name: "DirectorTitle",
                table: "Centers",
                type: "TEXT",
                maxLength: 50,
                nullable: true,
                comment: "中心主任职称");

            migrationBuilder.AddColumn<int>(
                name: "Revision",
                table: "Centers",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0,
                comment: "并发版本号（每次保存加一）");

            migrationBuilder.AddColumn<DateOnly>(
                name: "RevokedOn",
                table: "Centers",
                type: "TEXT",
                nullable: true,
                comment: "撤销日期");

            migrationBuilder.AddColumn<int>(
                name: "Status",
                table: "Centers",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0,
                comment: "状态：1正常（建设期/运行） 2整改中 3已撤销");

            // Data moves (hand-written, ADR 0007): a center's co-builders become rows (from the application that
            // recognized it), it takes that application's department, every center starts active, and the application
            // case points to the center it produced.
            migrationBuilder.Sql("""
                INSERT INTO "CenterCoBuilders" ("CenterId", "UnitId", "Core", "Position")
                SELECT c."Id", cb."UnitId", cb."Core", cb."Position" FROM "Centers" c JOIN "ApplicationCoBuilders" cb ON cb."ApplicationId" = c."ApplicationId";
                UPDATE "Centers" SET "Status" = 1, "Revision" = 1,
                    "DepartmentId" = (SELECT k."DepartmentId" FROM "Cases" k WHERE k."Id" = "Centers"."ApplicationId");
                UPDATE "Cases" SET "CenterId" = (SELECT c."Id" FROM "Centers" c WHERE c."ApplicationId" = "Cases"."Id")
                WHERE "Kind" = 'application' AND EXISTS (SELECT 1 FROM "Centers" c WHERE c."ApplicationId" = "Cases"."Id");
                """);

            migrationBuilder.DropColumn(
                name: "CoBuilderNames",
                table: "Centers");

            migrationBuilder.CreateIndex(
                name: "IX_Centers_DepartmentId",
                table: "Centers",
                column: "DepartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_Centers_JurisdictionId_Status",
                table: "Centers",
                columns: new[] { "JurisdictionId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_CenterCoBuilders_CenterId_UnitId",
                table: "CenterCoBuilders",
                columns: new[] { "CenterId", "UnitId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CenterCoBuilders_UnitId",
                table: "CenterCoBuilders",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_CenterHistory_CaseId",
                table: "CenterHistory",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_CenterHistory_CenterId_Id",
                table: "CenterHistory",
                columns: new[] { "CenterId", "Id" });

            migrationBuilder.AddForeignKey(
                name: "FK_Cases_Centers_CenterId",
                table: "Cases",
                column: "CenterId",
                principalTable: "Centers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Centers_Departments_DepartmentId",
                table: "Centers",
                column: "DepartmentId",
                principalTable: "Departments",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Cases_Centers_CenterId",
                table: "Cases");

            migrationBuilder.DropForeignKey(
                name: "FK_Centers_Departments_DepartmentId",
                table: "Centers");

            migrationBuilder.DropTable(
                name: "CenterCoBuilders");

            migrationBuilder.DropTable(
                name: "CenterHistory");

            migrationBuilder.DropIndex(
                name: "IX_Centers_DepartmentId",
                table: "Centers");

            migrationBuilder.DropIndex(
                name: "IX_Centers_JurisdictionId_Status",
                table: "Centers");

            migrationBuilder.DropColumn(
                name: "DepartmentId",
                table: "Centers");

            migrationBuilder.DropColumn(
                name: "DirectorName",
                table: "Centers");

            migrationBuilder.DropColumn(
                name: "DirectorTitle",
                table: "Centers");

            migrationBuilder.DropColumn(
                name: "Revision",
                table: "Centers");

            migrationBuilder.DropColumn(
                name: "RevokedOn",
                table: "Centers");

            migrationBuilder.DropColumn(
                name: "Status",
                table: "Centers");

            migrationBuilder.AddColumn<string>(
                name: "CoBuilderNames",
                table: "Centers",
                type: "TEXT",
                maxLength: 2000,
                nullable: true,
                comment: "共建单位（每行一个）");
        }
    }
}
