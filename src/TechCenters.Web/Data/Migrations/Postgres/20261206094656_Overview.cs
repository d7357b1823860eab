using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace TechCenters.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Overview : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Field",
                table: "Centers",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true,
                comment: "所属技术领域");

            migrationBuilder.AddColumn<bool>(
                name: "IsUnitAdmin",
                table: "AspNetUsers",
                type: "boolean",
                nullable: false,
                defaultValue: false,
                comment: "单位管理员（管理本单位人员账号）");

            migrationBuilder.CreateTable(
                name: "ApiClients",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false, comment: "主键")
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, comment: "接入系统名称"),
                    JurisdictionId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, comment: "所属辖区"),
                    DepartmentId = table.Column<int>(type: "integer", nullable: true, comment: "限定的归口管理部门（含下级；为空表示整个辖区）"),
                    Grants = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, comment: "授权范围（centers、cases，逗号分隔）"),
                    TokenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, comment: "令牌的SHA-256摘要（令牌本身不保存）"),
                    TokenHint = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false, comment: "令牌前缀（用于辨认）"),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, comment: "创建时间"),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, comment: "创建人"),
                    RevokedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true, comment: "吊销时间"),
                    RevokedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, comment: "吊销人"),
                    LastUsedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true, comment: "最近使用时间")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApiClients", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ApiClients_Departments_DepartmentId",
                        column: x => x.DepartmentId,
                        principalTable: "Departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                },
                comment: "接入系统（读取接口的外部系统及其令牌）");

            migrationBuilder.CreateIndex(
                name: "IX_Centers_JurisdictionId_ApprovedOn",
                table: "Centers",
                columns: new[] { "JurisdictionId", "ApprovedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Centers_JurisdictionId_Field",
                table: "Centers",
                columns: new[] { "JurisdictionId", "Field" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_JurisdictionId_CreatedAt",
                table: "Cases",
                columns: new[] { "JurisdictionId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_JurisdictionId_DueOn",
                table: "Cases",
                columns: new[] { "JurisdictionId", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_JurisdictionId_Kind_StageId",
                table: "Cases",
                columns: new[] { "JurisdictionId", "Kind", "StageId" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_JurisdictionId_UpdatedAt",
                table: "Cases",
                columns: new[] { "JurisdictionId", "UpdatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ApiClients_DepartmentId",
                table: "ApiClients",
                column: "DepartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_ApiClients_JurisdictionId",
                table: "ApiClients",
                column: "JurisdictionId");

            migrationBuilder.CreateIndex(
                name: "IX_ApiClients_TokenHash",
                table: "ApiClients",
                column: "TokenHash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ApiClients");

            migrationBuilder.DropIndex(
                name: "IX_Centers_JurisdictionId_ApprovedOn",
                table: "Centers");

            migrationBuilder.DropIndex(
                name: "IX_Centers_JurisdictionId_Field",
                table: "Centers");

            migrationBuilder.DropIndex(
                name: "IX_Cases_JurisdictionId_CreatedAt",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_JurisdictionId_DueOn",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_JurisdictionId_Kind_StageId",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_JurisdictionId_UpdatedAt",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "Field",
                table: "Centers");

            migrationBuilder.DropColumn(
                name: "IsUnitAdmin",
                table: "AspNetUsers");
        }
    }
}
