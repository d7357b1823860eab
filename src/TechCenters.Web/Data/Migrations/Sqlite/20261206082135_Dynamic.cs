using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TechCenters.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Dynamic : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "Ground",
                table: "Revocations",
                type: "TEXT",
                maxLength: 500,
                nullable: false,
                comment: "撤销所依据的情形（政策包规则标识，逗号分隔）",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 64,
                oldComment: "撤销情形（政策包规则标识）");

            migrationBuilder.AddColumn<int>(
                name: "CaseId",
                table: "Revocations",
                type: "INTEGER",
                nullable: true,
                comment: "作出撤销决定的事项");

            migrationBuilder.AddColumn<int>(
                name: "CenterId",
                table: "Revocations",
                type: "INTEGER",
                nullable: true,
                comment: "被撤销的技术创新中心");

            migrationBuilder.AddColumn<string>(
                name: "RegisteredAddress",
                table: "Centers",
                type: "TEXT",
                maxLength: 500,
                nullable: true,
                comment: "注册地（经批准变更的）");

            migrationBuilder.AddColumn<int>(
                name: "CaseId",
                table: "Attachments",
                type: "INTEGER",
                nullable: true,
                comment: "所属事项（变更申请佐证材料等）");

            migrationBuilder.CreateTable(
                name: "ChangeRequests",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false, comment: "事项（与 Cases 同号）"),
                    CenterId = table.Column<int>(type: "INTEGER", nullable: false, comment: "技术创新中心"),
                    Matter = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false, comment: "变更事项（管理办法原文用语）"),
                    Target = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false, comment: "变更的记录项目（name/registered_address/host_unit/host_unit_name/core_co_builders/other）"),
                    FromValue = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true, comment: "变更前"),
                    ToValue = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true, comment: "申请变更为"),
                    NewUnitId = table.Column<int>(type: "INTEGER", nullable: true, comment: "新的依托（牵头）单位"),
                    NewCoreUnitIds = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true, comment: "新的核心共建单位（单位标识，逗号分隔）"),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false, comment: "变更理由")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChangeRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ChangeRequests_Cases_Id",
                        column: x => x.Id,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ChangeRequests_Centers_CenterId",
                        column: x => x.CenterId,
                        principalTable: "Centers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ChangeRequests_Units_NewUnitId",
                        column: x => x.NewUnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                },
                comment: "重大事项变更申请（事项明细）");

            migrationBuilder.CreateTable(
                name: "RevocationCases",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false, comment: "事项（与 Cases 同号）"),
                    CenterId = table.Column<int>(type: "INTEGER", nullable: false, comment: "技术创新中心"),
                    Grounds = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false, comment: "撤销情形（政策包规则标识，逗号分隔）"),
                    FactsFound = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false, comment: "认定的事实"),
                    HearingDueOn = table.Column<DateOnly>(type: "TEXT", nullable: true, comment: "陈述申辩期限（科技局确定）"),
                    Statement = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true, comment: "中心的陈述、申辩意见"),
                    StatementWaived = table.Column<bool>(type: "INTEGER", nullable: false, comment: "中心放弃陈述、申辩"),
                    StatementAt = table.Column<long>(type: "INTEGER", nullable: true, comment: "陈述申辩提交时间"),
                    StatementBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true, comment: "陈述申辩提交人"),
                    JudgementsJson = table.Column<string>(type: "TEXT", nullable: true, comment: "经办人对条文判断用语的判断及理由（JSON）"),
                    DecisionNumber = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true, comment: "撤销决定文号"),
                    DecidedOn = table.Column<DateOnly>(type: "TEXT", nullable: true, comment: "决定日期")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RevocationCases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RevocationCases_Cases_Id",
                        column: x => x.Id,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_RevocationCases_Centers_CenterId",
                        column: x => x.CenterId,
                        principalTable: "Centers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                },
                comment: "撤销认定事项（事项明细）");

            migrationBuilder.CreateIndex(
                name: "IX_Revocations_CaseId",
                table: "Revocations",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_Revocations_CenterId",
                table: "Revocations",
                column: "CenterId");

            migrationBuilder.CreateIndex(
                name: "IX_Attachments_CaseId",
                table: "Attachments",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_ChangeRequests_CenterId",
                table: "ChangeRequests",
                column: "CenterId");

            migrationBuilder.CreateIndex(
                name: "IX_ChangeRequests_NewUnitId",
                table: "ChangeRequests",
                column: "NewUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_RevocationCases_CenterId",
                table: "RevocationCases",
                column: "CenterId");

            migrationBuilder.AddForeignKey(
                name: "FK_Attachments_Cases_CaseId",
                table: "Attachments",
                column: "CaseId",
                principalTable: "Cases",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_Revocations_Cases_CaseId",
                table: "Revocations",
                column: "CaseId",
                principalTable: "Cases",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Revocations_Centers_CenterId",
                table: "Revocations",
                column: "CenterId",
                principalTable: "Centers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Attachments_Cases_CaseId",
                table: "Attachments");

            migrationBuilder.DropForeignKey(
                name: "FK_Revocations_Cases_CaseId",
                table: "Revocations");

            migrationBuilder.DropForeignKey(
                name: "FK_Revocations_Centers_CenterId",
                table: "Revocations");

            migrationBuilder.DropTable(
                name: "ChangeRequests");

            migrationBuilder.DropTable(
                name: "RevocationCases");

            migrationBuilder.DropIndex(
                name: "IX_Revocations_CaseId",
                table: "Revocations");

            migrationBuilder.DropIndex(
                name: "IX_Revocations_CenterId",
                table: "Revocations");

            migrationBuilder.DropIndex(
                name: "IX_Attachments_CaseId",
                table: "Attachments");

            migrationBuilder.DropColumn(
                name: "CaseId",
                table: "Revocations");

            migrationBuilder.DropColumn(
                name: "CenterId",
                table: "Revocations");

            migrationBuilder.DropColumn(
                name: "RegisteredAddress",
                table: "Centers");

            migrationBuilder.DropColumn(
                name: "CaseId",
                table: "Attachments");

            migrationBuilder.AlterColumn<string>(
                name: "Ground",
                table: "Revocations",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                comment: "撤销情形（政策包规则标识）",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 500,
                oldComment: "撤销所依据的情形（政策包规则标识，逗号分隔）");
        }
    }
}
