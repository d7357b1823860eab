using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace TechCenters.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class MasterDataAndRecords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<int>(
                name: "PanelId",
                table: "PanelDraws",
                type: "integer",
                nullable: true,
                comment: "据此组建的专家组（补抽时为所补的专家组）",
                oldClrType: typeof(int),
                oldType: "integer",
                oldNullable: true,
                oldComment: "据此组建的专家组");

            migrationBuilder.AddColumn<string>(
                name: "KeptJson",
                table: "PanelDraws",
                type: "text",
                nullable: true,
                comment: "补抽时专家组中保留的成员（JSON；首次抽取为空）");

            migrationBuilder.AddColumn<string>(
                name: "Field",
                table: "Centers",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true,
                comment: "所属技术领域");

            migrationBuilder.AddColumn<string>(
                name: "WithdrawReason",
                table: "Calls",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true,
                comment: "撤回理由");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "WithdrawnAt",
                table: "Calls",
                type: "timestamp with time zone",
                nullable: true,
                comment: "撤回时间");

            migrationBuilder.AddColumn<string>(
                name: "WithdrawnBy",
                table: "Calls",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true,
                comment: "撤回人");

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

            migrationBuilder.CreateTable(
                name: "IntegrityFindings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    JurisdictionId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, comment: "记录的管理辖区"),
                    Subject = table.Column<int>(type: "integer", nullable: false, comment: "对象类型（1 单位，2 个人）"),
                    UnitId = table.Column<int>(type: "integer", nullable: true, comment: "对象单位（个人所在单位）"),
                    CreditCode = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: true, comment: "统一社会信用代码"),
                    SubjectName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, comment: "单位名称或个人姓名"),
                    PersonIdNumber = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true, comment: "身份证号（SM4加密）"),
                    PersonIdNumberHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true, comment: "身份证号查找散列（HMAC-SM3）"),
                    ExpertId = table.Column<int>(type: "integer", nullable: true, comment: "对应的库内专家"),
                    Category = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false, comment: "记录类别（bad_credit 不良信用，research_dishonesty 科研失信，major_violation 重大违法违规，major_accident 重大事故）"),
                    What = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false, comment: "认定的行为"),
                    LegalBasis = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false, comment: "处理依据"),
                    DocumentNumber = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, comment: "来源文书文号"),
                    AttachmentId = table.Column<int>(type: "integer", nullable: true, comment: "来源文书附件"),
                    FoundOn = table.Column<DateOnly>(type: "date", nullable: false, comment: "认定日期"),
                    EffectiveFrom = table.Column<DateOnly>(type: "date", nullable: false, comment: "有效期起（含当日）"),
                    EffectiveTo = table.Column<DateOnly>(type: "date", nullable: true, comment: "有效期止（含当日，空为长期）"),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, comment: "记录时间"),
                    RecordedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false, comment: "记录人"),
                    WithdrawnAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true, comment: "撤回（更正）时间"),
                    WithdrawnBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, comment: "撤回（更正）人"),
                    WithdrawalReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true, comment: "撤回（更正）理由"),
                    CorrectsId = table.Column<int>(type: "integer", nullable: true, comment: "所更正的记录")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IntegrityFindings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IntegrityFindings_Attachments_AttachmentId",
                        column: x => x.AttachmentId,
                        principalTable: "Attachments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_IntegrityFindings_Experts_ExpertId",
                        column: x => x.ExpertId,
                        principalTable: "Experts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_IntegrityFindings_IntegrityFindings_CorrectsId",
                        column: x => x.CorrectsId,
                        principalTable: "IntegrityFindings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_IntegrityFindings_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                },
                comment: "科研诚信记录（对单位或个人的失信、违法违规认定）");

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

            migrationBuilder.CreateIndex(
                name: "IX_IntegrityFindings_AttachmentId",
                table: "IntegrityFindings",
                column: "AttachmentId");

            migrationBuilder.CreateIndex(
                name: "IX_IntegrityFindings_CorrectsId",
                table: "IntegrityFindings",
                column: "CorrectsId");

            migrationBuilder.CreateIndex(
                name: "IX_IntegrityFindings_ExpertId",
                table: "IntegrityFindings",
                column: "ExpertId");

            migrationBuilder.CreateIndex(
                name: "IX_IntegrityFindings_JurisdictionId_UnitId",
                table: "IntegrityFindings",
                columns: new[] { "JurisdictionId", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_IntegrityFindings_PersonIdNumberHash",
                table: "IntegrityFindings",
                column: "PersonIdNumberHash");

            migrationBuilder.CreateIndex(
                name: "IX_IntegrityFindings_UnitId",
                table: "IntegrityFindings",
                column: "UnitId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ApiClients");

            migrationBuilder.DropTable(
                name: "IntegrityFindings");

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
                name: "KeptJson",
                table: "PanelDraws");

            migrationBuilder.DropColumn(
                name: "Field",
                table: "Centers");

            migrationBuilder.DropColumn(
                name: "WithdrawReason",
                table: "Calls");

            migrationBuilder.DropColumn(
                name: "WithdrawnAt",
                table: "Calls");

            migrationBuilder.DropColumn(
                name: "WithdrawnBy",
                table: "Calls");

            migrationBuilder.DropColumn(
                name: "IsUnitAdmin",
                table: "AspNetUsers");

            migrationBuilder.AlterColumn<int>(
                name: "PanelId",
                table: "PanelDraws",
                type: "integer",
                nullable: true,
                comment: "据此组建的专家组",
                oldClrType: typeof(int),
                oldType: "integer",
                oldNullable: true,
                oldComment: "据此组建的专家组（补抽时为所补的专家组）");
        }
    }
}
