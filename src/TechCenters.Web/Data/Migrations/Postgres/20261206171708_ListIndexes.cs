using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TechCenters.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
                name: "IX_Experts_JurisdictionId_InPool_Kind_Name",
                table: "Experts");

            migrationBuilder.DropIndex(
                name: "IX_EvaluationParticipants_CampaignId_Included_CaseId",
                table: "EvaluationParticipants");
        }
    }
}
