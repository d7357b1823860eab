using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TechCenters.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CaseKernel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Cases",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false, comment: "事项类别"),
                    JurisdictionId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false, comment: "管理辖区"),
                    DepartmentId = table.Column<int>(type: "INTEGER", nullable: true, comment: "归口管理部门（为空表示直接报科技局）"),
                    LeadUnitId = table.Column<int>(type: "INTEGER", nullable: true, comment: "牵头（依托）单位"),
                    ApplicationId = table.Column<int>(type: "INTEGER", nullable: true, comment: "所属认定申报（中心事项）"),
                    CenterId = table.Column<int>(type: "INTEGER", nullable: true, comment: "所属技术创新中心"),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false, comment: "事项名称"),
                    PackVersion = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false, comment: "适用政策包版本（施行日期）"),
                    PackDocument = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false, comment: "适用管理办法文号"),
                    StageId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false, comment: "当前阶段（政策包阶段标识）"),
                    Step = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false, comment: "当前阶段的性质（step）"),
                    Holder = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true, comment: "待办方（政策包参与方）"),
                    SubmittedInStage = table.Column<bool>(type: "INTEGER", nullable: false, comment: "本阶段已提交"),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: true, comment: "办理期限"),
                    ReturnReason = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true, comment: "退回修改理由"),
                    VerdictOutcome = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true, comment: "最近一次判定结论"),
                    VerdictJson = table.Column<string>(type: "TEXT", nullable: true, comment: "最近一次判定（JSON）"),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false, comment: "创建时间"),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false, comment: "最后修改时间"),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true, comment: "创建人"),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true, comment: "办结时间"),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false, comment: "并发版本号（每次保存加一）")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Cases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Cases_Departments_DepartmentId",
                        column: x => x.DepartmentId,
                        principalTable: "Departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Cases_Jurisdictions_JurisdictionId",
                        column: x => x.JurisdictionId,
                        principalTable: "Jurisdictions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Cases_Units_LeadUnitId",
                        column: x => x.LeadUnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                },
                comment: "事项（申报、年度报告、变更、评估、整改、撤销）");

            migrationBuilder.CreateTable(
                name: "CaseAssignments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CaseId = table.Column<int>(type: "INTEGER", nullable: false, comment: "事项"),
                    Role = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false, comment: "身份（expert 专家，evaluator 评估机构）"),
                    ExpertId = table.Column<int>(type: "INTEGER", nullable: true, comment: "专家"),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true, comment: "评估机构账号"),
                    AssignedAt = table.Column<long>(type: "INTEGER", nullable: false, comment: "分配时间"),
                    AssignedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true, comment: "分配人"),
                    EndedAt = table.Column<long>(type: "INTEGER", nullable: true, comment: "结束时间")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseAssignments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseAssignments_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CaseAssignments_Experts_ExpertId",
                        column: x => x.ExpertId,
                        principalTable: "Experts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                },
                comment: "事项分配（专家、评估机构）");

            migrationBuilder.CreateTable(
                name: "CaseParties",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CaseId = table.Column<int>(type: "INTEGER", nullable: false, comment: "事项"),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false, comment: "单位"),
                    Role = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false, comment: "身份（lead 牵头/依托，co_builder 共建）")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseParties", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseParties_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CaseParties_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                },
                comment: "事项的当事单位（牵头、共建）");

            migrationBuilder.CreateTable(
                name: "CaseVerdicts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CaseId = table.Column<int>(type: "INTEGER", nullable: false, comment: "事项"),
                    Purpose = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false, comment: "判定事由"),
                    CaseRevision = table.Column<int>(type: "INTEGER", nullable: false, comment: "判定时的事项版本号"),
                    Version = table.Column<int>(type: "INTEGER", nullable: true, comment: "判定的提交版本"),
                    PackVersion = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false, comment: "政策包版本"),
                    PackDocument = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false, comment: "管理办法文号"),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false, comment: "结论（pass/fail/needs_judgement）"),
                    VerdictJson = table.Column<string>(type: "TEXT", nullable: false, comment: "判定（JSON，含各条理由）"),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false, comment: "记录时间"),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true, comment: "记录人")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseVerdicts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseVerdicts_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                },
                comment: "事项的判定记录（提交、推荐、决定时的判定，按当时版本保存）");

            migrationBuilder.AddColumn<int>(
                name: "ParentId",
                table: "Departments",
                type: "INTEGER",
                nullable: true,
                comment: "上级部门（为空表示直属科技局）");

            migrationBuilder.AddColumn<string>(
                name: "Path",
                table: "Departments",
                type: "TEXT",
                maxLength: 400,
                nullable: false,
                defaultValue: "",
                comment: "部门路径（/上级Id/本级Id/，用于按子树授权）");

            migrationBuilder.AddColumn<int>(
                name: "Audience",
                table: "Activities",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0,
                comment: "可见范围（位标志：1申报单位 2归口部门 4专家/评估机构 8科技局 16公众）");

            migrationBuilder.AddColumn<int>(
                name: "CaseId",
                table: "Activities",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0,
                comment: "事项");

            // Data moves (hand-written, ADR 0007): every application becomes a case with the same id, its timeline
            // entries move to the case (experts' names and scores readable by the bureau only), parties and panel
            // assignments become rows, departments get their path.
            migrationBuilder.Sql("""
                INSERT INTO "Cases" ("Id", "Kind", "JurisdictionId", "DepartmentId", "LeadUnitId", "ApplicationId", "CenterId", "Title",
                    "PackVersion", "PackDocument", "StageId", "Step", "Holder", "SubmittedInStage", "DueOn", "ReturnReason", "VerdictOutcome",
                    "VerdictJson", "CreatedAt", "UpdatedAt", "CreatedBy", "ClosedAt", "Revision")
                SELECT a."Id", 'application', a."JurisdictionId", a."DepartmentId", a."LeadUnitId", NULL,
                    (SELECT c."Id" FROM "Centers" c WHERE c."ApplicationId" = a."Id"), a."CenterName",
                    a."PackVersion", a."PackDocument", a."StageId", a."Step", a."Holder", a."SubmittedInStage", NULL, a."ReturnReason", NULL,
                    NULL, a."CreatedAt", a."UpdatedAt", a."CreatedBy", CASE WHEN a."Holder" IS NULL THEN a."UpdatedAt" ELSE NULL END, a."Revision"
                FROM "Applications" a;
                UPDATE "Activities" SET "CaseId" = "ApplicationId",
                    "Audience" = CASE WHEN "Action" IN ('组建专家组', '专家提交评审意见', '专家修改评审意见')
                        OR "Action" LIKE '评审通过%' OR "Action" LIKE '评审未通过%' THEN 8 ELSE 15 END;
                INSERT INTO "CaseParties" ("CaseId", "UnitId", "Role") SELECT "Id", "LeadUnitId", 'lead' FROM "Applications";
                INSERT INTO "CaseParties" ("CaseId", "UnitId", "Role")
                SELECT cb."ApplicationId", cb."UnitId", 'co_builder' FROM "ApplicationCoBuilders" cb
                JOIN "Applications" a ON a."Id" = cb."ApplicationId" WHERE a."VersionCount" > 0;
                INSERT INTO "CaseAssignments" ("CaseId", "Role", "ExpertId", "UserId", "AssignedAt", "AssignedBy", "EndedAt")
                SELECT pa."ApplicationId", 'expert', pm."ExpertId", NULL, p."FormedAt", p."FormedBy", NULL
                FROM "PanelAssignments" pa JOIN "ExpertPanels" p ON p."Id" = pa."PanelId" JOIN "PanelMembers" pm ON pm."PanelId" = p."Id";
                UPDATE "Departments" SET "Path" = '/' || "Id" || '/';
                """);

            migrationBuilder.DropForeignKey(
                name: "FK_Activities_Applications_ApplicationId",
                table: "Activities");

            migrationBuilder.DropForeignKey(
                name: "FK_Applications_Departments_DepartmentId",
                table: "Applications");

            migrationBuilder.DropForeignKey(
                name: "FK_Applications_Jurisdictions_JurisdictionId",
                table: "Applications");

            migrationBuilder.DropForeignKey(
                name: "FK_Applications_Units_LeadUnitId",
                table: "Applications");

            migrationBuilder.DropIndex(
                name: "IX_Applications_DepartmentId_Holder",
                table: "Applications");

            migrationBuilder.DropIndex(
                name: "IX_Applications_JurisdictionId_Holder",
                table: "Applications");

            migrationBuilder.DropIndex(
                name: "IX_Applications_LeadUnitId_CallId",
                table: "Applications");

            migrationBuilder.DropIndex(
                name: "IX_Activities_ApplicationId_Id",
                table: "Activities");

            migrationBuilder.DropColumn(
                name: "CreatedAt",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "CreatedBy",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "DepartmentId",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "Holder",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "JurisdictionId",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "LeadUnitId",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "PackDocument",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "PackVersion",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "ReturnReason",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "Revision",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "StageId",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "Step",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "SubmittedInStage",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "UpdatedAt",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "ApplicationId",
                table: "Activities");

            migrationBuilder.AlterTable(
                name: "Applications",
                comment: "申报书（含建设方案）：申报事项的明细，与事项同一编号",
                oldComment: "申报书（含建设方案）");

            migrationBuilder.AlterTable(
                name: "Activities",
                comment: "事项办理记录（时间线）",
                oldComment: "申报办理记录（时间线）");

            migrationBuilder.AlterColumn<int>(
                name: "Type",
                table: "Units",
                type: "INTEGER",
                nullable: false,
                comment: "单位类型：1企业 2高等院校 3科研院所 4新型研发机构 5技术机构",
                oldClrType: typeof(int),
                oldType: "INTEGER",
                oldComment: "单位类型：1企业 2高等院校 3科研院所 4新型研发机构");

            migrationBuilder.AlterColumn<int>(
                name: "Id",
                table: "Applications",
                type: "INTEGER",
                nullable: false,
                comment: "事项编号",
                oldClrType: typeof(int),
                oldType: "INTEGER")
                .OldAnnotation("Sqlite:Autoincrement", true);

            migrationBuilder.CreateIndex(
                name: "IX_Departments_ParentId",
                table: "Departments",
                column: "ParentId");

            migrationBuilder.CreateIndex(
                name: "IX_Departments_Path",
                table: "Departments",
                column: "Path");

            migrationBuilder.CreateIndex(
                name: "IX_Activities_CaseId_Id",
                table: "Activities",
                columns: new[] { "CaseId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseAssignments_CaseId",
                table: "CaseAssignments",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseAssignments_ExpertId_CaseId",
                table: "CaseAssignments",
                columns: new[] { "ExpertId", "CaseId" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseAssignments_UserId_CaseId",
                table: "CaseAssignments",
                columns: new[] { "UserId", "CaseId" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseParties_CaseId_UnitId",
                table: "CaseParties",
                columns: new[] { "CaseId", "UnitId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CaseParties_UnitId",
                table: "CaseParties",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_CenterId",
                table: "Cases",
                column: "CenterId");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_DepartmentId_Holder",
                table: "Cases",
                columns: new[] { "DepartmentId", "Holder" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_JurisdictionId_Kind_Holder",
                table: "Cases",
                columns: new[] { "JurisdictionId", "Kind", "Holder" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_LeadUnitId_Kind",
                table: "Cases",
                columns: new[] { "LeadUnitId", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseVerdicts_CaseId_Id",
                table: "CaseVerdicts",
                columns: new[] { "CaseId", "Id" });

            migrationBuilder.AddForeignKey(
                name: "FK_Activities_Cases_CaseId",
                table: "Activities",
                column: "CaseId",
                principalTable: "Cases",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_Applications_Cases_Id",
                table: "Applications",
                column: "Id",
                principalTable: "Cases",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_Departments_Departments_ParentId",
                table: "Departments",
                column: "ParentId",
                principalTable: "Departments",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Activities_Cases_CaseId",
                table: "Activities");

            migrationBuilder.DropForeignKey(
                name: "FK_Applications_Cases_Id",
                table: "Applications");

            migrationBuilder.DropForeignKey(
                name: "FK_Departments_Departments_ParentId",
                table: "Departments");

            migrationBuilder.DropTable(
                name: "CaseAssignments");

            migrationBuilder.DropTable(
                name: "CaseParties");

            migrationBuilder.DropTable(
                name: "CaseVerdicts");

            migrationBuilder.DropTable(
                name: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Departments_ParentId",
                table: "Departments");

            migrationBuilder.DropIndex(
                name: "IX_Departments_Path",
                table: "Departments");

            migrationBuilder.DropIndex(
                name: "IX_Activities_CaseId_Id",
                table: "Activities");

            migrationBuilder.DropColumn(
                name: "ParentId",
                table: "Departments");

            migrationBuilder.DropColumn(
                name: "Path",
                table: "Departments");

            migrationBuilder.DropColumn(
                name: "Audience",
                table: "Activities");

            migrationBuilder.DropColumn(
                name: "CaseId",
                table: "Activities");

            migrationBuilder.AlterTable(
                name: "Applications",
                comment: "申报书（含建设方案）",
                oldComment: "申报书（含建设方案）：申报事项的明细，与事项同一编号");

            migrationBuilder.AlterTable(
                name: "Activities",
                comment: "申报办理记录（时间线）",
                oldComment: "事项办理记录（时间线）");

            migrationBuilder.AlterColumn<int>(
                name: "Type",
                table: "Units",
                type: "INTEGER",
                nullable: false,
                comment: "单位类型：1企业 2高等院校 3科研院所 4新型研发机构",
                oldClrType: typeof(int),
                oldType: "INTEGER",
                oldComment: "单位类型：1企业 2高等院校 3科研院所 4新型研发机构 5技术机构");

            migrationBuilder.AlterColumn<int>(
                name: "Id",
                table: "Applications",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(int),
                oldType: "INTEGER",
                oldComment: "事项编号")
                .Annotation("Sqlite:Autoincrement", true);

            migrationBuilder.AddColumn<long>(
                name: "CreatedAt",
                table: "Applications",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L,
                comment: "创建时间");

            migrationBuilder.AddColumn<string>(
                name: "CreatedBy",
                table: "Applications",
                type: "TEXT",
                maxLength: 256,
                nullable: true,
                comment: "创建人");

            migrationBuilder.AddColumn<int>(
                name: "DepartmentId",
                table: "Applications",
                type: "INTEGER",
                nullable: true,
                comment: "归口管理部门（为空表示直接报科技局）");

            migrationBuilder.AddColumn<string>(
                name: "Holder",
                table: "Applications",
                type: "TEXT",
                maxLength: 32,
                nullable: true,
                comment: "待办方（政策包参与方）");

            migrationBuilder.AddColumn<string>(
                name: "JurisdictionId",
                table: "Applications",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "",
                comment: "管理辖区");

            migrationBuilder.AddColumn<int>(
                name: "LeadUnitId",
                table: "Applications",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0,
                comment: "牵头（依托）单位");

            migrationBuilder.AddColumn<string>(
                name: "PackDocument",
                table: "Applications",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "",
                comment: "适用管理办法文号");

            migrationBuilder.AddColumn<string>(
                name: "PackVersion",
                table: "Applications",
                type: "TEXT",
                maxLength: 10,
                nullable: false,
                defaultValue: "",
                comment: "适用政策包版本（施行日期）");

            migrationBuilder.AddColumn<string>(
                name: "ReturnReason",
                table: "Applications",
                type: "TEXT",
                maxLength: 4000,
                nullable: true,
                comment: "退回修改理由");

            migrationBuilder.AddColumn<int>(
                name: "Revision",
                table: "Applications",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0,
                comment: "并发版本号（每次保存加一）");

            migrationBuilder.AddColumn<string>(
                name: "StageId",
                table: "Applications",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "",
                comment: "当前阶段（政策包阶段标识）");

            migrationBuilder.AddColumn<string>(
                name: "Step",
                table: "Applications",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "",
                comment: "当前阶段的性质（step）");

            migrationBuilder.AddColumn<bool>(
                name: "SubmittedInStage",
                table: "Applications",
                type: "INTEGER",
                nullable: false,
                defaultValue: false,
                comment: "本阶段已提交");

            migrationBuilder.AddColumn<long>(
                name: "UpdatedAt",
                table: "Applications",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L,
                comment: "最后修改时间");

            migrationBuilder.AddColumn<int>(
                name: "ApplicationId",
                table: "Activities",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0,
                comment: "申报书");

            migrationBuilder.CreateIndex(
                name: "IX_Applications_DepartmentId_Holder",
                table: "Applications",
                columns: new[] { "DepartmentId", "Holder" });

            migrationBuilder.CreateIndex(
                name: "IX_Applications_JurisdictionId_Holder",
                table: "Applications",
                columns: new[] { "JurisdictionId", "Holder" });

            migrationBuilder.CreateIndex(
                name: "IX_Applications_LeadUnitId_CallId",
                table: "Applications",
                columns: new[] { "LeadUnitId", "CallId" });

            migrationBuilder.CreateIndex(
                name: "IX_Activities_ApplicationId_Id",
                table: "Activities",
                columns: new[] { "ApplicationId", "Id" });

            migrationBuilder.AddForeignKey(
                name: "FK_Activities_Applications_ApplicationId",
                table: "Activities",
                column: "ApplicationId",
                principalTable: "Applications",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_Applications_Departments_DepartmentId",
                table: "Applications",
                column: "DepartmentId",
                principalTable: "Departments",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Applications_Jurisdictions_JurisdictionId",
                table: "Applications",
                column: "JurisdictionId",
                principalTable: "Jurisdictions",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Applications_Units_LeadUnitId",
                table: "Applications",
                column: "LeadUnitId",
                principalTable: "Units",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }
    }
}
