using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace TechCenters.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ExpertPool : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Experts_JurisdictionId",
                table: "Experts");

            migrationBuilder.AlterColumn<string>(
                name: "Kind",
                table: "Notifications",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                comment: "类别（assigned 待办, returned 退回, decided 办结, due 到期提醒, overdue 逾期, withdrawn 专家回避）",
                oldClrType: typeof(string),
                oldType: "character varying(20)",
                oldMaxLength: 20,
                oldComment: "类别（assigned 待办, returned 退回, decided 办结, due 到期提醒, overdue 逾期）");

            migrationBuilder.AddColumn<string>(
                name: "AvailabilityNote",
                table: "Experts",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true,
                comment: "暂停参评原因");

            migrationBuilder.AddColumn<bool>(
                name: "Available",
                table: "Experts",
                type: "boolean",
                nullable: false,
                defaultValue: true,
                comment: "可参评");

            migrationBuilder.AddColumn<string>(
                name: "FieldCode",
                table: "Experts",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true,
                comment: "学科代码（GB/T 13745）");

            migrationBuilder.AddColumn<bool>(
                name: "InPool",
                table: "Experts",
                type: "boolean",
                nullable: false,
                defaultValue: true,
                comment: "在库（出库后保留评审历史）");

            migrationBuilder.AddColumn<string>(
                name: "IntegrityFinding",
                table: "Experts",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true,
                comment: "科研诚信（失信）记录");

            migrationBuilder.AddColumn<DateOnly>(
                name: "IntegrityFindingUntil",
                table: "Experts",
                type: "date",
                nullable: true,
                comment: "科研诚信记录有效期至（含当日）");

            migrationBuilder.AddColumn<DateOnly>(
                name: "UnavailableUntil",
                table: "Experts",
                type: "date",
                nullable: true,
                comment: "暂停参评至（含当日）");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DeclaredAt",
                table: "ExpertRelations",
                type: "timestamp with time zone",
                nullable: true,
                comment: "申报时间");

            migrationBuilder.AddColumn<string>(
                name: "DeclaredBy",
                table: "ExpertRelations",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true,
                comment: "申报人");

            migrationBuilder.AddColumn<int>(
                name: "EndedYear",
                table: "ExpertRelations",
                type: "integer",
                nullable: true,
                comment: "离开前工作单位的年份");

            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "ExpertRelations",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "other",
                comment: "关系类别（former_employer 前工作单位，advisor 顾问，co_author 合作署名，part_time 兼职，other 其他）");

            migrationBuilder.AddColumn<string>(
                name: "EndReason",
                table: "CaseAssignments",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true,
                comment: "提前结束的理由（专家申请回避）");

            migrationBuilder.CreateTable(
                name: "NotificationSettings",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false, comment: "账号"),
                    ByEmail = table.Column<bool>(type: "boolean", nullable: false, comment: "同时发送邮件"),
                    Email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true, comment: "接收通知的邮箱"),
                    DueDays = table.Column<int>(type: "integer", nullable: false, comment: "到期提醒提前天数"),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, comment: "修改时间")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NotificationSettings", x => x.UserId);
                    table.ForeignKey(
                        name: "FK_NotificationSettings_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                },
                comment: "通知方式（站内或同时发送邮件）");

            migrationBuilder.CreateTable(
                name: "PanelDraws",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    JurisdictionId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, comment: "管理辖区"),
                    CaseIds = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false, comment: "评审的事项（申报）"),
                    Field = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true, comment: "抽取的专业领域（技术专家）"),
                    Size = table.Column<int>(type: "integer", nullable: false, comment: "拟抽取人数"),
                    Seed = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, comment: "随机种子"),
                    CandidatesJson = table.Column<string>(type: "text", nullable: false, comment: "候选专家（按种子排定的顺序，JSON）"),
                    ExclusionsJson = table.Column<string>(type: "text", nullable: false, comment: "排除的专家及理由（JSON）"),
                    SelectedIds = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false, comment: "抽中的专家"),
                    Shortfall = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true, comment: "未能满足的规定"),
                    DrawnAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, comment: "抽取时间"),
                    DrawnBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, comment: "抽取人"),
                    PanelId = table.Column<int>(type: "integer", nullable: true, comment: "据此组建的专家组")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PanelDraws", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PanelDraws_ExpertPanels_PanelId",
                        column: x => x.PanelId,
                        principalTable: "ExpertPanels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_PanelDraws_Jurisdictions_JurisdictionId",
                        column: x => x.JurisdictionId,
                        principalTable: "Jurisdictions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                },
                comment: "专家抽取记录（随机种子、候选、排除及理由、抽取结果，可复核）");

            migrationBuilder.CreateIndex(
                name: "IX_Experts_JurisdictionId_Kind_Field",
                table: "Experts",
                columns: new[] { "JurisdictionId", "Kind", "Field" });

            migrationBuilder.CreateIndex(
                name: "IX_PanelDraws_JurisdictionId_Id",
                table: "PanelDraws",
                columns: new[] { "JurisdictionId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_PanelDraws_PanelId",
                table: "PanelDraws",
                column: "PanelId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "NotificationSettings");

            migrationBuilder.DropTable(
                name: "PanelDraws");

            migrationBuilder.DropIndex(
                name: "IX_Experts_JurisdictionId_Kind_Field",
                table: "Experts");

            migrationBuilder.DropColumn(
                name: "AvailabilityNote",
                table: "Experts");

            migrationBuilder.DropColumn(
                name: "Available",
                table: "Experts");

            migrationBuilder.DropColumn(
                name: "FieldCode",
                table: "Experts");

            migrationBuilder.DropColumn(
                name: "InPool",
                table: "Experts");

            migrationBuilder.DropColumn(
                name: "IntegrityFinding",
                table: "Experts");

            migrationBuilder.DropColumn(
                name: "IntegrityFindingUntil",
                table: "Experts");

            migrationBuilder.DropColumn(
                name: "UnavailableUntil",
                table: "Experts");

            migrationBuilder.DropColumn(
                name: "DeclaredAt",
                table: "ExpertRelations");

            migrationBuilder.DropColumn(
                name: "DeclaredBy",
                table: "ExpertRelations");

            migrationBuilder.DropColumn(
                name: "EndedYear",
                table: "ExpertRelations");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "ExpertRelations");

            migrationBuilder.DropColumn(
                name: "EndReason",
                table: "CaseAssignments");

            migrationBuilder.AlterColumn<string>(
                name: "Kind",
                table: "Notifications",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                comment: "类别（assigned 待办, returned 退回, decided 办结, due 到期提醒, overdue 逾期）",
                oldClrType: typeof(string),
                oldType: "character varying(20)",
                oldMaxLength: 20,
                oldComment: "类别（assigned 待办, returned 退回, decided 办结, due 到期提醒, overdue 逾期, withdrawn 专家回避）");

            migrationBuilder.CreateIndex(
                name: "IX_Experts_JurisdictionId",
                table: "Experts",
                column: "JurisdictionId");
        }
    }
}
