using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TechCenters.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Integrity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "IntegrityFindings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    JurisdictionId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false, comment: "记录的管理辖区"),
                    Subject = table.Column<int>(type: "INTEGER", nullable: false, comment: "对象类型（1 单位，2 个人）"),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: true, comment: "对象单位（个人所在单位）"),
                    CreditCode = table.Column<string>(type: "TEXT", maxLength: 18, nullable: true, comment: "统一社会信用代码"),
                    SubjectName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false, comment: "单位名称或个人姓名"),
                    PersonIdNumber = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true, comment: "身份证号（SM4加密）"),
                    PersonIdNumberHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true, comment: "身份证号查找散列（HMAC-SM3）"),
                    ExpertId = table.Column<int>(type: "INTEGER", nullable: true, comment: "对应的库内专家"),
                    Category = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false, comment: "记录类别（bad_credit 不良信用，research_dishonesty 科研失信，major_violation 重大违法违规，major_accident 重大事故）"),
                    What = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false, comment: "认定的行为"),
                    LegalBasis = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false, comment: "处理依据"),
                    DocumentNumber = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false, comment: "来源文书文号"),
                    AttachmentId = table.Column<int>(type: "INTEGER", nullable: true, comment: "来源文书附件"),
                    FoundOn = table.Column<DateOnly>(type: "TEXT", nullable: false, comment: "认定日期"),
                    EffectiveFrom = table.Column<DateOnly>(type: "TEXT", nullable: false, comment: "有效期起（含当日）"),
                    EffectiveTo = table.Column<DateOnly>(type: "TEXT", nullable: true, comment: "有效期止（含当日，空为长期）"),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false, comment: "记录时间"),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false, comment: "记录人"),
                    WithdrawnAt = table.Column<long>(type: "INTEGER", nullable: true, comment: "撤回（更正）时间"),
                    WithdrawnBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true, comment: "撤回（更正）人"),
                    WithdrawalReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true, comment: "撤回（更正）理由"),
                    CorrectsId = table.Column<int>(type: "INTEGER", nullable: true, comment: "所更正的记录")
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
                name: "IntegrityFindings");
        }
    }
}
