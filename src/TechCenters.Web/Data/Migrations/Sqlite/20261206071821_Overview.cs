using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TechCenters.Web.Data.Migrations.Sqlite
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
                type: "TEXT",
                maxLength: 100,
                nullable: true,
                comment: "所属技术领域");

            migrationBuilder.AddColumn<bool>(
                name: "IsUnitAdmin",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: false,
                defaultValue: false,
                comment: "单位管理员（管理本单位人员账号）");

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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
