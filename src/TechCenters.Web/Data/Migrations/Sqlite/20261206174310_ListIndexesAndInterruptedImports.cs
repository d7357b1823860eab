using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TechCenters.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ListIndexesAndInterruptedImports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<int>(
                name: "Status",
                table: "ImportBatches",
                type: "INTEGER",
                nullable: false,
                comment: "状态：1待确认 2导入中 3已导入 4提交时被拒绝 5导入中断",
                oldClrType: typeof(int),
                oldType: "INTEGER",
                oldComment: "状态：1待确认 2导入中 3已导入 4提交时被拒绝");

            migrationBuilder.CreateIndex(
                name: "IX_ImportBatches_Status",
                table: "ImportBatches",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_Experts_JurisdictionId_InPool_Kind_Name",
                table: "Experts",
                columns: new[] { "JurisdictionId", "InPool", "Kind", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationParticipants_CampaignId_Included_CaseId",
                table: "EvaluationParticipants",
                columns: new[] { "CampaignId", "Included", "CaseId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ImportBatches_Status",
                table: "ImportBatches");

            migrationBuilder.DropIndex(
                name: "IX_Experts_JurisdictionId_InPool_Kind_Name",
                table: "Experts");

            migrationBuilder.DropIndex(
                name: "IX_EvaluationParticipants_CampaignId_Included_CaseId",
                table: "EvaluationParticipants");

            migrationBuilder.AlterColumn<int>(
                name: "Status",
                table: "ImportBatches",
                type: "INTEGER",
                nullable: false,
                comment: "状态：1待确认 2导入中 3已导入 4提交时被拒绝",
                oldClrType: typeof(int),
                oldType: "INTEGER",
                oldComment: "状态：1待确认 2导入中 3已导入 4提交时被拒绝 5导入中断");
        }
    }
}
