using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TechCenters.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CaseJudgements : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CaseJudgements",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CaseId = table.Column<int>(type: "INTEGER", nullable: false, comment: "事项"),
                    RuleId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false, comment: "政策包规则标识"),
                    Article = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false, comment: "条款"),
                    Words = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false, comment: "条文判断用语"),
                    Answer = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false, comment: "判断（pass 符合，fail 不符合）"),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false, comment: "判断理由"),
                    CaseRevision = table.Column<int>(type: "INTEGER", nullable: false, comment: "判断时的事项版本号"),
                    AnsweredAt = table.Column<long>(type: "INTEGER", nullable: false, comment: "判断时间"),
                    AnsweredBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true, comment: "判断人"),
                    AnsweredByRole = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true, comment: "判断人角色")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseJudgements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseJudgements_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                },
                comment: "经办人对条文判断用语（严重、原则上、一般应等）作出的判断");

            migrationBuilder.CreateIndex(
                name: "IX_CaseJudgements_CaseId_RuleId_Id",
                table: "CaseJudgements",
                columns: new[] { "CaseId", "RuleId", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CaseJudgements");
        }
    }
}
