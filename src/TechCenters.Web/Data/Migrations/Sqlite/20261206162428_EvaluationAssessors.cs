using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TechCenters.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EvaluationAssessors : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "CampaignId",
                table: "PanelDraws",
                type: "INTEGER",
                nullable: true,
                comment: "绩效评估工作（指派评估专家的抽取；为空表示申报评审专家组的抽取）");

            migrationBuilder.AlterColumn<string>(
                name: "Role",
                table: "CaseAssignments",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                comment: "身份（expert 专家，evaluator 评估机构，department 协助评估的归口管理部门）",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 20,
                oldComment: "身份（expert 专家，evaluator 评估机构）");

            migrationBuilder.CreateTable(
                name: "EvaluationExpertSheets",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CaseId = table.Column<int>(type: "INTEGER", nullable: false, comment: "评估事项"),
                    ExpertId = table.Column<int>(type: "INTEGER", nullable: false, comment: "专家"),
                    ScoresJson = table.Column<string>(type: "TEXT", nullable: true, comment: "各指标得分（JSON）"),
                    Score = table.Column<decimal>(type: "TEXT", precision: 9, scale: 4, nullable: true, comment: "评估得分（按政策包计算）"),
                    Grade = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true, comment: "评定等级"),
                    Conclusion = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true, comment: "评估意见与理由"),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: false, comment: "提交时间"),
                    SubmittedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true, comment: "提交账号")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvaluationExpertSheets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EvaluationExpertSheets_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_EvaluationExpertSheets_Experts_ExpertId",
                        column: x => x.ExpertId,
                        principalTable: "Experts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                },
                comment: "评估专家评分表（每位指派专家对一家中心的评分）");

            migrationBuilder.CreateIndex(
                name: "IX_PanelDraws_CampaignId",
                table: "PanelDraws",
                column: "CampaignId");

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationExpertSheets_CaseId_ExpertId",
                table: "EvaluationExpertSheets",
                columns: new[] { "CaseId", "ExpertId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationExpertSheets_ExpertId",
                table: "EvaluationExpertSheets",
                column: "ExpertId");

            migrationBuilder.AddForeignKey(
                name: "FK_PanelDraws_EvaluationCampaigns_CampaignId",
                table: "PanelDraws",
                column: "CampaignId",
                principalTable: "EvaluationCampaigns",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_PanelDraws_EvaluationCampaigns_CampaignId",
                table: "PanelDraws");

            migrationBuilder.DropTable(
                name: "EvaluationExpertSheets");

            migrationBuilder.DropIndex(
                name: "IX_PanelDraws_CampaignId",
                table: "PanelDraws");

            migrationBuilder.DropColumn(
                name: "CampaignId",
                table: "PanelDraws");

            migrationBuilder.AlterColumn<string>(
                name: "Role",
                table: "CaseAssignments",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                comment: "身份（expert 专家，evaluator 评估机构）",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 20,
                oldComment: "身份（expert 专家，evaluator 评估机构，department 协助评估的归口管理部门）");
        }
    }
}
