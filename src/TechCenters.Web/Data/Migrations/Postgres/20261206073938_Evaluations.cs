using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace TechCenters.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Evaluations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "OrganisationId",
                table: "CaseAssignments",
                type: "integer",
                nullable: true,
                comment: "评估机构");

            migrationBuilder.CreateTable(
                name: "EvaluationCampaigns",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    JurisdictionId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, comment: "管理辖区"),
                    Year = table.Column<int>(type: "integer", nullable: false, comment: "评估年度"),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, comment: "名称"),
                    PackVersion = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false, comment: "适用政策包版本"),
                    PackDocument = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, comment: "适用管理办法文号"),
                    Status = table.Column<int>(type: "integer", nullable: false, comment: "状态（1 进行中，2 结果已确认，3 结果已公布）"),
                    OpenedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, comment: "启动时间"),
                    OpenedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, comment: "启动人"),
                    DecisionRecord = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true, comment: "结果确认的决定记录"),
                    ConfirmedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true, comment: "结果确认时间"),
                    ConfirmedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, comment: "结果确认人"),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true, comment: "结果公布时间"),
                    Revision = table.Column<int>(type: "integer", nullable: false, comment: "并发版本号")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvaluationCampaigns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EvaluationCampaigns_Jurisdictions_JurisdictionId",
                        column: x => x.JurisdictionId,
                        principalTable: "Jurisdictions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                },
                comment: "绩效评估工作（评估年度）");

            migrationBuilder.CreateTable(
                name: "EvaluatorOrganisations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    JurisdictionId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, comment: "管理辖区"),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, comment: "机构名称"),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, comment: "登记时间"),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, comment: "登记人")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvaluatorOrganisations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EvaluatorOrganisations_Jurisdictions_JurisdictionId",
                        column: x => x.JurisdictionId,
                        principalTable: "Jurisdictions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                },
                comment: "第三方评估机构");

            migrationBuilder.CreateTable(
                name: "Rectifications",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false, comment: "事项"),
                    CenterId = table.Column<int>(type: "integer", nullable: false, comment: "技术创新中心"),
                    EvaluationCaseId = table.Column<int>(type: "integer", nullable: false, comment: "引起整改的评估事项"),
                    Grade = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false, comment: "评估等级"),
                    Deadline = table.Column<DateOnly>(type: "date", nullable: false, comment: "整改期限"),
                    Article = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, comment: "依据条款"),
                    Report = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: true, comment: "整改报告"),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true, comment: "提交时间"),
                    RecheckOpinion = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true, comment: "复核意见"),
                    RevocationGround = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true, comment: "整改未达标时的撤销情形")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Rectifications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Rectifications_Cases_EvaluationCaseId",
                        column: x => x.EvaluationCaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Rectifications_Cases_Id",
                        column: x => x.Id,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Rectifications_Centers_CenterId",
                        column: x => x.CenterId,
                        principalTable: "Centers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                },
                comment: "整改事项明细");

            migrationBuilder.CreateTable(
                name: "EvaluationParticipants",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CampaignId = table.Column<int>(type: "integer", nullable: false, comment: "评估工作"),
                    CenterId = table.Column<int>(type: "integer", nullable: false, comment: "技术创新中心"),
                    Included = table.Column<bool>(type: "boolean", nullable: false, comment: "是否参评"),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false, comment: "参评或不参评的理由"),
                    Article = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true, comment: "依据条款"),
                    Source = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false, comment: "来源（pack 按政策包，bureau 科技局增减）"),
                    EvaluationType = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true, comment: "评估类型"),
                    CaseId = table.Column<int>(type: "integer", nullable: true, comment: "评估事项"),
                    ChangedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, comment: "增减人"),
                    ChangedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true, comment: "增减时间")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvaluationParticipants", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EvaluationParticipants_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_EvaluationParticipants_Centers_CenterId",
                        column: x => x.CenterId,
                        principalTable: "Centers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_EvaluationParticipants_EvaluationCampaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "EvaluationCampaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                },
                comment: "绩效评估的参评中心");

            migrationBuilder.CreateTable(
                name: "Evaluations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false, comment: "事项"),
                    CampaignId = table.Column<int>(type: "integer", nullable: false, comment: "评估工作"),
                    CenterId = table.Column<int>(type: "integer", nullable: false, comment: "技术创新中心"),
                    SelfEvaluation = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: true, comment: "自评价报告"),
                    Evidence = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true, comment: "证明材料"),
                    PrefillSource = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true, comment: "预填数据来源"),
                    ScoresJson = table.Column<string>(type: "text", nullable: true, comment: "各指标得分（JSON）"),
                    Score = table.Column<decimal>(type: "numeric(9,4)", precision: 9, scale: 4, nullable: true, comment: "评估得分"),
                    Grade = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true, comment: "评定等级（按政策包计算或评估结论）"),
                    Conclusion = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true, comment: "评估结论与理由"),
                    ScoredBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, comment: "评分人"),
                    ScoredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true, comment: "评分时间"),
                    FinalGrade = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true, comment: "确认的等级"),
                    QuotaReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true, comment: "名额调整理由"),
                    Consequence = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true, comment: "结果应用"),
                    ConsequenceArticle = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true, comment: "结果应用依据条款"),
                    FundsYuan = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true, comment: "经费支持（元）"),
                    Recommendation = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true, comment: "推荐事项")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Evaluations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Evaluations_Cases_Id",
                        column: x => x.Id,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Evaluations_Centers_CenterId",
                        column: x => x.CenterId,
                        principalTable: "Centers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Evaluations_EvaluationCampaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "EvaluationCampaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                },
                comment: "绩效评估事项明细");

            migrationBuilder.CreateTable(
                name: "EvaluatorMembers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrganisationId = table.Column<int>(type: "integer", nullable: false, comment: "评估机构"),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false, comment: "账号")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvaluatorMembers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EvaluatorMembers_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_EvaluatorMembers_EvaluatorOrganisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "EvaluatorOrganisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                },
                comment: "评估机构的账号");

            migrationBuilder.CreateIndex(
                name: "IX_CaseAssignments_OrganisationId_CaseId",
                table: "CaseAssignments",
                columns: new[] { "OrganisationId", "CaseId" });

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationCampaigns_JurisdictionId_Year",
                table: "EvaluationCampaigns",
                columns: new[] { "JurisdictionId", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationParticipants_CampaignId_CenterId",
                table: "EvaluationParticipants",
                columns: new[] { "CampaignId", "CenterId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationParticipants_CaseId",
                table: "EvaluationParticipants",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationParticipants_CenterId",
                table: "EvaluationParticipants",
                column: "CenterId");

            migrationBuilder.CreateIndex(
                name: "IX_Evaluations_CampaignId",
                table: "Evaluations",
                column: "CampaignId");

            migrationBuilder.CreateIndex(
                name: "IX_Evaluations_CenterId",
                table: "Evaluations",
                column: "CenterId");

            migrationBuilder.CreateIndex(
                name: "IX_EvaluatorMembers_OrganisationId",
                table: "EvaluatorMembers",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_EvaluatorMembers_UserId",
                table: "EvaluatorMembers",
                column: "UserId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EvaluatorOrganisations_JurisdictionId_Name",
                table: "EvaluatorOrganisations",
                columns: new[] { "JurisdictionId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Rectifications_CenterId",
                table: "Rectifications",
                column: "CenterId");

            migrationBuilder.CreateIndex(
                name: "IX_Rectifications_EvaluationCaseId",
                table: "Rectifications",
                column: "EvaluationCaseId");

            migrationBuilder.AddForeignKey(
                name: "FK_CaseAssignments_EvaluatorOrganisations_OrganisationId",
                table: "CaseAssignments",
                column: "OrganisationId",
                principalTable: "EvaluatorOrganisations",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_CaseAssignments_EvaluatorOrganisations_OrganisationId",
                table: "CaseAssignments");

            migrationBuilder.DropTable(
                name: "EvaluationParticipants");

            migrationBuilder.DropTable(
                name: "Evaluations");

            migrationBuilder.DropTable(
                name: "EvaluatorMembers");

            migrationBuilder.DropTable(
                name: "Rectifications");

            migrationBuilder.DropTable(
                name: "EvaluationCampaigns");

            migrationBuilder.DropTable(
                name: "EvaluatorOrganisations");

            migrationBuilder.DropIndex(
                name: "IX_CaseAssignments_OrganisationId_CaseId",
                table: "CaseAssignments");

            migrationBuilder.DropColumn(
                name: "OrganisationId",
                table: "CaseAssignments");
        }
    }
}
