using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace TechCenters.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CenterRunning : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AnnualReports",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false, comment: "事项编号（与 Cases.Id 相同）"),
                    CenterId = table.Column<int>(type: "integer", nullable: false, comment: "技术创新中心"),
                    Year = table.Column<int>(type: "integer", nullable: false, comment: "报告所属年度"),
                    ContentJson = table.Column<string>(type: "text", nullable: false, comment: "报告内容（提纲项 → 正文，JSON）"),
                    FiguresJson = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false, comment: "年度数据（事实路径 → 值，JSON）"),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: true, comment: "报送期限（政策包规定的日期）"),
                    SavedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true, comment: "最后保存时间"),
                    FirstSubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true, comment: "首次提交时间"),
                    FirstSubmittedOn = table.Column<DateOnly>(type: "date", nullable: true, comment: "首次提交日期（北京时间，判定是否按时）"),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true, comment: "最近提交时间"),
                    ReceiptNumber = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true, comment: "最近回执编号"),
                    VersionCount = table.Column<int>(type: "integer", nullable: false, comment: "提交次数"),
                    Late = table.Column<bool>(type: "boolean", nullable: true, comment: "逾期提交"),
                    MissingRecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true, comment: "逾期未报记录时间")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AnnualReports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AnnualReports_Cases_Id",
                        column: x => x.Id,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AnnualReports_Centers_CenterId",
                        column: x => x.CenterId,
                        principalTable: "Centers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                },
                comment: "年度报告（自评价工作报告），事项明细");

            migrationBuilder.CreateTable(
                name: "BodyMeetings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CenterId = table.Column<int>(type: "integer", nullable: false, comment: "技术创新中心"),
                    Body = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false, comment: "机构"),
                    HeldOn = table.Column<DateOnly>(type: "date", nullable: false, comment: "会议日期"),
                    BodyVersion = table.Column<int>(type: "integer", nullable: false, comment: "会议时的组成版本"),
                    MembersTotal = table.Column<int>(type: "integer", nullable: false, comment: "全体成员人数"),
                    Attended = table.Column<int>(type: "integer", nullable: false, comment: "出席人数"),
                    Attendees = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false, comment: "出席人员"),
                    Minutes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true, comment: "会议纪要摘要"),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, comment: "登记时间"),
                    RecordedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, comment: "登记人")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BodyMeetings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BodyMeetings_Centers_CenterId",
                        column: x => x.CenterId,
                        principalTable: "Centers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                },
                comment: "治理机构会议记录");

            migrationBuilder.CreateTable(
                name: "GovernanceBodies",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CenterId = table.Column<int>(type: "integer", nullable: false, comment: "技术创新中心"),
                    Body = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false, comment: "机构（词汇表 bodies 或 director）"),
                    Version = table.Column<int>(type: "integer", nullable: false, comment: "组成版本（每次调整加一）"),
                    EstablishedOn = table.Column<DateOnly>(type: "date", nullable: true, comment: "成立（聘任）日期"),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, comment: "最后调整时间"),
                    UpdatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, comment: "最后调整人")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GovernanceBodies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GovernanceBodies_Centers_CenterId",
                        column: x => x.CenterId,
                        principalTable: "Centers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                },
                comment: "技术创新中心治理机构（理事会、专家委员会、技术指导委员会、中心主任）");

            migrationBuilder.CreateTable(
                name: "GovernanceFilings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CenterId = table.Column<int>(type: "integer", nullable: false, comment: "技术创新中心"),
                    Body = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false, comment: "备案对象（机构或 director）"),
                    Version = table.Column<int>(type: "integer", nullable: false, comment: "备案的组成版本"),
                    Recipient = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false, comment: "备案机关（bureau 科技局，department 归口管理部门）"),
                    FiledOn = table.Column<DateOnly>(type: "date", nullable: false, comment: "备案日期（北京时间）"),
                    FiledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, comment: "备案时间"),
                    FiledBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, comment: "报备人"),
                    Composition = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false, comment: "备案时的组成"),
                    Article = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true, comment: "依据条款")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GovernanceFilings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GovernanceFilings_Centers_CenterId",
                        column: x => x.CenterId,
                        principalTable: "Centers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                },
                comment: "治理机构与主任备案记录");

            migrationBuilder.CreateTable(
                name: "GovernanceJudgements",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CenterId = table.Column<int>(type: "integer", nullable: false, comment: "技术创新中心"),
                    Body = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false, comment: "机构"),
                    Version = table.Column<int>(type: "integer", nullable: false, comment: "认定所针对的组成版本"),
                    RuleId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, comment: "规则"),
                    Answer = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false, comment: "认定（pass 符合，fail 不符合）"),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false, comment: "理由"),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, comment: "认定时间"),
                    RecordedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, comment: "认定人")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GovernanceJudgements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GovernanceJudgements_Centers_CenterId",
                        column: x => x.CenterId,
                        principalTable: "Centers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                },
                comment: "经办人对治理机构判断性规定的认定（如“一般应”的例外）");

            migrationBuilder.CreateTable(
                name: "ServiceLedger",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CenterId = table.Column<int>(type: "integer", nullable: false, comment: "技术创新中心"),
                    ServedOn = table.Column<DateOnly>(type: "date", nullable: false, comment: "服务日期"),
                    Client = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, comment: "服务对象"),
                    Content = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false, comment: "服务内容"),
                    Outcome = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false, comment: "服务成效"),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, comment: "登记时间"),
                    RecordedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, comment: "登记人")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServiceLedger", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ServiceLedger_Centers_CenterId",
                        column: x => x.CenterId,
                        principalTable: "Centers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                },
                comment: "面向中小企业的服务台账");

            migrationBuilder.CreateTable(
                name: "YearlyDeclarations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CenterId = table.Column<int>(type: "integer", nullable: false, comment: "技术创新中心"),
                    Year = table.Column<int>(type: "integer", nullable: false, comment: "年度"),
                    FactsJson = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false, comment: "年度运行数据（事实路径 → 值，JSON）"),
                    DeclaredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, comment: "申报时间"),
                    DeclaredBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, comment: "申报人")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_YearlyDeclarations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_YearlyDeclarations_Centers_CenterId",
                        column: x => x.CenterId,
                        principalTable: "Centers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                },
                comment: "技术创新中心年度运行情况申报");

            migrationBuilder.CreateTable(
                name: "AnnualReportVersions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ReportId = table.Column<int>(type: "integer", nullable: false, comment: "年度报告"),
                    Number = table.Column<int>(type: "integer", nullable: false, comment: "版本号"),
                    ReceiptNumber = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false, comment: "回执编号"),
                    IdempotencyKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, comment: "防重复提交标识"),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, comment: "提交时间（服务器）"),
                    SubmittedOn = table.Column<DateOnly>(type: "date", nullable: false, comment: "提交日期（北京时间）"),
                    SubmittedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, comment: "提交人"),
                    ContentJson = table.Column<string>(type: "text", nullable: false, comment: "提交的报告内容"),
                    FiguresJson = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false, comment: "提交的年度数据")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AnnualReportVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AnnualReportVersions_AnnualReports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "AnnualReports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                },
                comment: "年度报告提交版本（回执）");

            migrationBuilder.CreateTable(
                name: "MeetingMatters",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MeetingId = table.Column<int>(type: "integer", nullable: false, comment: "会议"),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, comment: "事项"),
                    Major = table.Column<bool>(type: "boolean", nullable: false, comment: "重大事项"),
                    VotesFor = table.Column<int>(type: "integer", nullable: false, comment: "同意票"),
                    VotesAgainst = table.Column<int>(type: "integer", nullable: false, comment: "反对票"),
                    VotesAbstain = table.Column<int>(type: "integer", nullable: false, comment: "弃权票"),
                    Passed = table.Column<bool>(type: "boolean", nullable: false, comment: "是否通过"),
                    Position = table.Column<int>(type: "integer", nullable: false, comment: "排序")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MeetingMatters", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MeetingMatters_BodyMeetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "BodyMeetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                },
                comment: "会议审议事项与表决");

            migrationBuilder.CreateTable(
                name: "BodyMembers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    BodyId = table.Column<int>(type: "integer", nullable: false, comment: "治理机构"),
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false, comment: "姓名"),
                    Employer = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, comment: "工作单位"),
                    EmployerUnitId = table.Column<int>(type: "integer", nullable: true, comment: "工作单位（牵头或共建单位）"),
                    Affiliation = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false, comment: "来源（center 中心本部，lead 牵头单位，co_builder 共建单位，government 政府部门，external 外部单位）"),
                    Title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true, comment: "职称或职务"),
                    Role = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false, comment: "身份（chair 主任/理事长，member 成员）"),
                    FullTime = table.Column<bool>(type: "boolean", nullable: true, comment: "全职（中心主任）"),
                    Position = table.Column<int>(type: "integer", nullable: false, comment: "排序")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BodyMembers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BodyMembers_GovernanceBodies_BodyId",
                        column: x => x.BodyId,
                        principalTable: "GovernanceBodies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_BodyMembers_Units_EmployerUnitId",
                        column: x => x.EmployerUnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                },
                comment: "治理机构成员");

            migrationBuilder.CreateIndex(
                name: "IX_AnnualReports_CenterId_Year",
                table: "AnnualReports",
                columns: new[] { "CenterId", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AnnualReports_Year",
                table: "AnnualReports",
                column: "Year");

            migrationBuilder.CreateIndex(
                name: "IX_AnnualReportVersions_IdempotencyKey",
                table: "AnnualReportVersions",
                column: "IdempotencyKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AnnualReportVersions_ReceiptNumber",
                table: "AnnualReportVersions",
                column: "ReceiptNumber",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AnnualReportVersions_ReportId_Number",
                table: "AnnualReportVersions",
                columns: new[] { "ReportId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BodyMeetings_CenterId_Body_HeldOn",
                table: "BodyMeetings",
                columns: new[] { "CenterId", "Body", "HeldOn" });

            migrationBuilder.CreateIndex(
                name: "IX_BodyMembers_BodyId",
                table: "BodyMembers",
                column: "BodyId");

            migrationBuilder.CreateIndex(
                name: "IX_BodyMembers_EmployerUnitId",
                table: "BodyMembers",
                column: "EmployerUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_GovernanceBodies_CenterId_Body",
                table: "GovernanceBodies",
                columns: new[] { "CenterId", "Body" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_GovernanceFilings_CenterId_Body_Version_Recipient",
                table: "GovernanceFilings",
                columns: new[] { "CenterId", "Body", "Version", "Recipient" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_GovernanceJudgements_CenterId_Body_Version_RuleId",
                table: "GovernanceJudgements",
                columns: new[] { "CenterId", "Body", "Version", "RuleId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MeetingMatters_MeetingId",
                table: "MeetingMatters",
                column: "MeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceLedger_CenterId_ServedOn",
                table: "ServiceLedger",
                columns: new[] { "CenterId", "ServedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_YearlyDeclarations_CenterId_Year",
                table: "YearlyDeclarations",
                columns: new[] { "CenterId", "Year" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AnnualReportVersions");

            migrationBuilder.DropTable(
                name: "BodyMembers");

            migrationBuilder.DropTable(
                name: "GovernanceFilings");

            migrationBuilder.DropTable(
                name: "GovernanceJudgements");

            migrationBuilder.DropTable(
                name: "MeetingMatters");

            migrationBuilder.DropTable(
                name: "ServiceLedger");

            migrationBuilder.DropTable(
                name: "YearlyDeclarations");

            migrationBuilder.DropTable(
                name: "AnnualReports");

            migrationBuilder.DropTable(
                name: "GovernanceBodies");

            migrationBuilder.DropTable(
                name: "BodyMeetings");
        }
    }
}
