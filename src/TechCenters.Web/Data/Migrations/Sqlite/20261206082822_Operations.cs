using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TechCenters.Web.Data.Migrations.Sqlite
{
    /// <summary>
    /// Operations (issue 16: Data Protection keys, job runs, the e-mail outbox, audit rows pending their seal, Quartz's job
    /// store on PostgreSQL) together with the lifecycle areas merged with it (governance bodies, meetings, yearly duties and
    /// annual reports; evaluation campaigns, evaluations and rectifications; the expert pool and draws; notification
    /// preferences; change requests and revocations): one migration because those branches landed in one merge.
    /// </summary>
    public partial class Operations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Experts_JurisdictionId",
                table: "Experts");

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

            migrationBuilder.AlterColumn<string>(
                name: "Kind",
                table: "Notifications",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                comment: "类别（assigned 待办, returned 退回, decided 办结, due 到期提醒, overdue 逾期, withdrawn 专家回避）",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 20,
                oldComment: "类别（assigned 待办, returned 退回, decided 办结, due 到期提醒, overdue 逾期）");

            migrationBuilder.AddColumn<string>(
                name: "AvailabilityNote",
                table: "Experts",
                type: "TEXT",
                maxLength: 200,
                nullable: true,
                comment: "暂停参评原因");

            migrationBuilder.AddColumn<bool>(
                name: "Available",
                table: "Experts",
                type: "INTEGER",
                nullable: false,
                defaultValue: true,
                comment: "可参评");

            migrationBuilder.AddColumn<string>(
                name: "FieldCode",
                table: "Experts",
                type: "TEXT",
                maxLength: 100,
                nullable: true,
                comment: "学科代码（GB/T 13745）");

            migrationBuilder.AddColumn<bool>(
                name: "InPool",
                table: "Experts",
                type: "INTEGER",
                nullable: false,
                defaultValue: true,
                comment: "在库（出库后保留评审历史）");

            migrationBuilder.AddColumn<string>(
                name: "IntegrityFinding",
                table: "Experts",
                type: "TEXT",
                maxLength: 500,
                nullable: true,
                comment: "科研诚信（失信）记录");

            migrationBuilder.AddColumn<DateOnly>(
                name: "IntegrityFindingUntil",
                table: "Experts",
                type: "TEXT",
                nullable: true,
                comment: "科研诚信记录有效期至（含当日）");

            migrationBuilder.AddColumn<DateOnly>(
                name: "UnavailableUntil",
                table: "Experts",
                type: "TEXT",
                nullable: true,
                comment: "暂停参评至（含当日）");

            migrationBuilder.AddColumn<long>(
                name: "DeclaredAt",
                table: "ExpertRelations",
                type: "INTEGER",
                nullable: true,
                comment: "申报时间");

            migrationBuilder.AddColumn<string>(
                name: "DeclaredBy",
                table: "ExpertRelations",
                type: "TEXT",
                maxLength: 256,
                nullable: true,
                comment: "申报人");

            migrationBuilder.AddColumn<int>(
                name: "EndedYear",
                table: "ExpertRelations",
                type: "INTEGER",
                nullable: true,
                comment: "离开前工作单位的年份");

            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "ExpertRelations",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "other",
                comment: "关系类别（former_employer 前工作单位，advisor 顾问，co_author 合作署名，part_time 兼职，other 其他）");

            migrationBuilder.AddColumn<string>(
                name: "RegisteredAddress",
                table: "Centers",
                type: "TEXT",
                maxLength: 500,
                nullable: true,
                comment: "注册地（经批准变更的）");

            migrationBuilder.AddColumn<string>(
                name: "EndReason",
                table: "CaseAssignments",
                type: "TEXT",
                maxLength: 500,
                nullable: true,
                comment: "提前结束的理由（专家申请回避）");

            migrationBuilder.AddColumn<int>(
                name: "OrganisationId",
                table: "CaseAssignments",
                type: "INTEGER",
                nullable: true,
                comment: "评估机构");

            migrationBuilder.AlterColumn<long>(
                name: "Sequence",
                table: "AuditEntries",
                type: "INTEGER",
                nullable: true,
                comment: "链上序号（空：待入链）",
                oldClrType: typeof(long),
                oldType: "INTEGER",
                oldComment: "链上序号");

            migrationBuilder.AlterColumn<string>(
                name: "PreviousHash",
                table: "AuditEntries",
                type: "TEXT",
                maxLength: 64,
                nullable: true,
                comment: "前一条记录的哈希（SM3）",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 64,
                oldComment: "前一条记录的哈希（SM3）");

            migrationBuilder.AlterColumn<string>(
                name: "Hash",
                table: "AuditEntries",
                type: "TEXT",
                maxLength: 64,
                nullable: true,
                comment: "本条记录的哈希（SM3）",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 64,
                oldComment: "本条记录的哈希（SM3）");

            migrationBuilder.AddColumn<int>(
                name: "CaseId",
                table: "Attachments",
                type: "INTEGER",
                nullable: true,
                comment: "所属事项（变更申请佐证材料等）");

            migrationBuilder.CreateTable(
                name: "AnnualReports",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false, comment: "事项编号（与 Cases.Id 相同）"),
                    CenterId = table.Column<int>(type: "INTEGER", nullable: false, comment: "技术创新中心"),
                    Year = table.Column<int>(type: "INTEGER", nullable: false, comment: "报告所属年度"),
                    ContentJson = table.Column<string>(type: "TEXT", nullable: false, comment: "报告内容（提纲项 → 正文，JSON）"),
                    FiguresJson = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false, comment: "年度数据（事实路径 → 值，JSON）"),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: true, comment: "报送期限（政策包规定的日期）"),
                    SavedAt = table.Column<long>(type: "INTEGER", nullable: true, comment: "最后保存时间"),
                    FirstSubmittedAt = table.Column<long>(type: "INTEGER", nullable: true, comment: "首次提交时间"),
                    FirstSubmittedOn = table.Column<DateOnly>(type: "TEXT", nullable: true, comment: "首次提交日期（北京时间，判定是否按时）"),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: true, comment: "最近提交时间"),
                    ReceiptNumber = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true, comment: "最近回执编号"),
                    VersionCount = table.Column<int>(type: "INTEGER", nullable: false, comment: "提交次数"),
                    Late = table.Column<bool>(type: "INTEGER", nullable: true, comment: "逾期提交"),
                    MissingRecordedAt = table.Column<long>(type: "INTEGER", nullable: true, comment: "逾期未报记录时间")
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CenterId = table.Column<int>(type: "INTEGER", nullable: false, comment: "技术创新中心"),
                    Body = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false, comment: "机构"),
                    HeldOn = table.Column<DateOnly>(type: "TEXT", nullable: false, comment: "会议日期"),
                    BodyVersion = table.Column<int>(type: "INTEGER", nullable: false, comment: "会议时的组成版本"),
                    MembersTotal = table.Column<int>(type: "INTEGER", nullable: false, comment: "全体成员人数"),
                    Attended = table.Column<int>(type: "INTEGER", nullable: false, comment: "出席人数"),
                    Attendees = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false, comment: "出席人员"),
                    Minutes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true, comment: "会议纪要摘要"),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false, comment: "登记时间"),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true, comment: "登记人")
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
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FriendlyName = table.Column<string>(type: "TEXT", nullable: true, comment: "密钥名称"),
                    Xml = table.Column<string>(type: "TEXT", nullable: true, comment: "密钥（XML）")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                },
                comment: "数据保护密钥环（登录与防伪令牌的加密密钥，各实例共用）");

            migrationBuilder.CreateTable(
                name: "EvaluationCampaigns",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    JurisdictionId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false, comment: "管理辖区"),
                    Year = table.Column<int>(type: "INTEGER", nullable: false, comment: "评估年度"),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false, comment: "名称"),
                    PackVersion = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false, comment: "适用政策包版本"),
                    PackDocument = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false, comment: "适用管理办法文号"),
                    Status = table.Column<int>(type: "INTEGER", nullable: false, comment: "状态（1 进行中，2 结果已确认，3 结果已公布）"),
                    OpenedAt = table.Column<long>(type: "INTEGER", nullable: false, comment: "启动时间"),
                    OpenedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true, comment: "启动人"),
                    DecisionRecord = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true, comment: "结果确认的决定记录"),
                    ConfirmedAt = table.Column<long>(type: "INTEGER", nullable: true, comment: "结果确认时间"),
                    ConfirmedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true, comment: "结果确认人"),
                    PublishedAt = table.Column<long>(type: "INTEGER", nullable: true, comment: "结果公布时间"),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false, comment: "并发版本号")
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    JurisdictionId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false, comment: "管理辖区"),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false, comment: "机构名称"),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false, comment: "登记时间"),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true, comment: "登记人")
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
                name: "GovernanceBodies",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CenterId = table.Column<int>(type: "INTEGER", nullable: false, comment: "技术创新中心"),
                    Body = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false, comment: "机构（词汇表 bodies 或 director）"),
                    Version = table.Column<int>(type: "INTEGER", nullable: false, comment: "组成版本（每次调整加一）"),
                    EstablishedOn = table.Column<DateOnly>(type: "TEXT", nullable: true, comment: "成立（聘任）日期"),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false, comment: "最后调整时间"),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true, comment: "最后调整人")
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CenterId = table.Column<int>(type: "INTEGER", nullable: false, comment: "技术创新中心"),
                    Body = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false, comment: "备案对象（机构或 director）"),
                    Version = table.Column<int>(type: "INTEGER", nullable: false, comment: "备案的组成版本"),
                    Recipient = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false, comment: "备案机关（bureau 科技局，department 归口管理部门）"),
                    FiledOn = table.Column<DateOnly>(type: "TEXT", nullable: false, comment: "备案日期（北京时间）"),
                    FiledAt = table.Column<long>(type: "INTEGER", nullable: false, comment: "备案时间"),
                    FiledBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true, comment: "报备人"),
                    Composition = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false, comment: "备案时的组成"),
                    Article = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true, comment: "依据条款")
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CenterId = table.Column<int>(type: "INTEGER", nullable: false, comment: "技术创新中心"),
                    Body = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false, comment: "机构"),
                    Version = table.Column<int>(type: "INTEGER", nullable: false, comment: "认定所针对的组成版本"),
                    RuleId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false, comment: "规则"),
                    Answer = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false, comment: "认定（pass 符合，fail 不符合）"),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false, comment: "理由"),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false, comment: "认定时间"),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true, comment: "认定人")
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
                name: "JobRuns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Job = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false, comment: "任务标识"),
                    ScheduledFor = table.Column<long>(type: "INTEGER", nullable: false, comment: "计划触发时间（UTC）"),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false, comment: "开始时间（UTC）"),
                    FinishedAt = table.Column<long>(type: "INTEGER", nullable: false, comment: "结束时间（UTC）"),
                    Instance = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false, comment: "运行的实例"),
                    Succeeded = table.Column<bool>(type: "INTEGER", nullable: false, comment: "是否成功"),
                    Error = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true, comment: "失败原因")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JobRuns", x => x.Id);
                },
                comment: "定时任务运行记录（每次触发一条，唯一）");

            migrationBuilder.CreateTable(
                name: "NotificationSettings",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false, comment: "账号"),
                    ByEmail = table.Column<bool>(type: "INTEGER", nullable: false, comment: "同时发送邮件"),
                    Email = table.Column<string>(type: "TEXT", maxLength: 320, nullable: true, comment: "接收通知的邮箱"),
                    DueDays = table.Column<int>(type: "INTEGER", nullable: false, comment: "到期提醒提前天数"),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false, comment: "修改时间")
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
                name: "OutboundEmails",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    To = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false, comment: "收件人"),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false, comment: "主题"),
                    Body = table.Column<string>(type: "TEXT", nullable: false, comment: "正文"),
                    MessageId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false, comment: "邮件标识（Message-ID，重发时不变）"),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false, comment: "写入时间（UTC）"),
                    NextAttemptAt = table.Column<long>(type: "INTEGER", nullable: false, comment: "下次发送时间（UTC）"),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false, comment: "已尝试次数"),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: true, comment: "发送成功时间（UTC）"),
                    FailedAt = table.Column<long>(type: "INTEGER", nullable: true, comment: "放弃发送时间（UTC，重试用尽）"),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true, comment: "最近一次失败原因")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutboundEmails", x => x.Id);
                },
                comment: "待发邮件（发件箱：与业务变更同一事务写入，由定时任务发送一次）");

            migrationBuilder.CreateTable(
                name: "PanelDraws",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    JurisdictionId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false, comment: "管理辖区"),
                    CaseIds = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false, comment: "评审的事项（申报）"),
                    Field = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true, comment: "抽取的专业领域（技术专家）"),
                    Size = table.Column<int>(type: "INTEGER", nullable: false, comment: "拟抽取人数"),
                    Seed = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false, comment: "随机种子"),
                    CandidatesJson = table.Column<string>(type: "TEXT", nullable: false, comment: "候选专家（按种子排定的顺序，JSON）"),
                    ExclusionsJson = table.Column<string>(type: "TEXT", nullable: false, comment: "排除的专家及理由（JSON）"),
                    SelectedIds = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false, comment: "抽中的专家"),
                    Shortfall = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true, comment: "未能满足的规定"),
                    DrawnAt = table.Column<long>(type: "INTEGER", nullable: false, comment: "抽取时间"),
                    DrawnBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true, comment: "抽取人"),
                    PanelId = table.Column<int>(type: "INTEGER", nullable: true, comment: "据此组建的专家组")
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

            migrationBuilder.CreateTable(
                name: "Rectifications",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false, comment: "事项"),
                    CenterId = table.Column<int>(type: "INTEGER", nullable: false, comment: "技术创新中心"),
                    EvaluationCaseId = table.Column<int>(type: "INTEGER", nullable: false, comment: "引起整改的评估事项"),
                    Grade = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false, comment: "评估等级"),
                    Deadline = table.Column<DateOnly>(type: "TEXT", nullable: false, comment: "整改期限"),
                    Article = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false, comment: "依据条款"),
                    Report = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true, comment: "整改报告"),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: true, comment: "提交时间"),
                    RecheckOpinion = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true, comment: "复核意见"),
                    RevocationGround = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true, comment: "整改未达标时的撤销情形")
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

            migrationBuilder.CreateTable(
                name: "ServiceLedger",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CenterId = table.Column<int>(type: "INTEGER", nullable: false, comment: "技术创新中心"),
                    ServedOn = table.Column<DateOnly>(type: "TEXT", nullable: false, comment: "服务日期"),
                    Client = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false, comment: "服务对象"),
                    Content = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false, comment: "服务内容"),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false, comment: "服务成效"),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false, comment: "登记时间"),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true, comment: "登记人")
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CenterId = table.Column<int>(type: "INTEGER", nullable: false, comment: "技术创新中心"),
                    Year = table.Column<int>(type: "INTEGER", nullable: false, comment: "年度"),
                    FactsJson = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false, comment: "年度运行数据（事实路径 → 值，JSON）"),
                    DeclaredAt = table.Column<long>(type: "INTEGER", nullable: false, comment: "申报时间"),
                    DeclaredBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true, comment: "申报人")
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReportId = table.Column<int>(type: "INTEGER", nullable: false, comment: "年度报告"),
                    Number = table.Column<int>(type: "INTEGER", nullable: false, comment: "版本号"),
                    ReceiptNumber = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false, comment: "回执编号"),
                    IdempotencyKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false, comment: "防重复提交标识"),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: false, comment: "提交时间（服务器）"),
                    SubmittedOn = table.Column<DateOnly>(type: "TEXT", nullable: false, comment: "提交日期（北京时间）"),
                    SubmittedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true, comment: "提交人"),
                    ContentJson = table.Column<string>(type: "TEXT", nullable: false, comment: "提交的报告内容"),
                    FiguresJson = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false, comment: "提交的年度数据")
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MeetingId = table.Column<int>(type: "INTEGER", nullable: false, comment: "会议"),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false, comment: "事项"),
                    Major = table.Column<bool>(type: "INTEGER", nullable: false, comment: "重大事项"),
                    VotesFor = table.Column<int>(type: "INTEGER", nullable: false, comment: "同意票"),
                    VotesAgainst = table.Column<int>(type: "INTEGER", nullable: false, comment: "反对票"),
                    VotesAbstain = table.Column<int>(type: "INTEGER", nullable: false, comment: "弃权票"),
                    Passed = table.Column<bool>(type: "INTEGER", nullable: false, comment: "是否通过"),
                    Position = table.Column<int>(type: "INTEGER", nullable: false, comment: "排序")
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
                name: "EvaluationParticipants",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CampaignId = table.Column<int>(type: "INTEGER", nullable: false, comment: "评估工作"),
                    CenterId = table.Column<int>(type: "INTEGER", nullable: false, comment: "技术创新中心"),
                    Included = table.Column<bool>(type: "INTEGER", nullable: false, comment: "是否参评"),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false, comment: "参评或不参评的理由"),
                    Article = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true, comment: "依据条款"),
                    Source = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false, comment: "来源（pack 按政策包，bureau 科技局增减）"),
                    EvaluationType = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true, comment: "评估类型"),
                    CaseId = table.Column<int>(type: "INTEGER", nullable: true, comment: "评估事项"),
                    ChangedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true, comment: "增减人"),
                    ChangedAt = table.Column<long>(type: "INTEGER", nullable: true, comment: "增减时间")
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false, comment: "事项"),
                    CampaignId = table.Column<int>(type: "INTEGER", nullable: false, comment: "评估工作"),
                    CenterId = table.Column<int>(type: "INTEGER", nullable: false, comment: "技术创新中心"),
                    SelfEvaluation = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true, comment: "自评价报告"),
                    Evidence = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true, comment: "证明材料"),
                    PrefillSource = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true, comment: "预填数据来源"),
                    ScoresJson = table.Column<string>(type: "TEXT", nullable: true, comment: "各指标得分（JSON）"),
                    Score = table.Column<decimal>(type: "TEXT", precision: 9, scale: 4, nullable: true, comment: "评估得分"),
                    Grade = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true, comment: "评定等级（按政策包计算或评估结论）"),
                    Conclusion = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true, comment: "评估结论与理由"),
                    ScoredBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true, comment: "评分人"),
                    ScoredAt = table.Column<long>(type: "INTEGER", nullable: true, comment: "评分时间"),
                    FinalGrade = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true, comment: "确认的等级"),
                    QuotaReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true, comment: "名额调整理由"),
                    Consequence = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true, comment: "结果应用"),
                    ConsequenceArticle = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true, comment: "结果应用依据条款"),
                    FundsYuan = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true, comment: "经费支持（元）"),
                    Recommendation = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true, comment: "推荐事项")
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrganisationId = table.Column<int>(type: "INTEGER", nullable: false, comment: "评估机构"),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false, comment: "账号")
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

            migrationBuilder.CreateTable(
                name: "BodyMembers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BodyId = table.Column<int>(type: "INTEGER", nullable: false, comment: "治理机构"),
                    Name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false, comment: "姓名"),
                    Employer = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false, comment: "工作单位"),
                    EmployerUnitId = table.Column<int>(type: "INTEGER", nullable: true, comment: "工作单位（牵头或共建单位）"),
                    Affiliation = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false, comment: "来源（center 中心本部，lead 牵头单位，co_builder 共建单位，government 政府部门，external 外部单位）"),
                    Title = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true, comment: "职称或职务"),
                    Role = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false, comment: "身份（chair 主任/理事长，member 成员）"),
                    FullTime = table.Column<bool>(type: "INTEGER", nullable: true, comment: "全职（中心主任）"),
                    Position = table.Column<int>(type: "INTEGER", nullable: false, comment: "排序")
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
                name: "IX_Revocations_CaseId",
                table: "Revocations",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_Revocations_CenterId",
                table: "Revocations",
                column: "CenterId");

            migrationBuilder.CreateIndex(
                name: "IX_Experts_JurisdictionId_Kind_Field",
                table: "Experts",
                columns: new[] { "JurisdictionId", "Kind", "Field" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseAssignments_OrganisationId_CaseId",
                table: "CaseAssignments",
                columns: new[] { "OrganisationId", "CaseId" });

            migrationBuilder.CreateIndex(
                name: "IX_Attachments_CaseId",
                table: "Attachments",
                column: "CaseId");

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
                name: "IX_ChangeRequests_CenterId",
                table: "ChangeRequests",
                column: "CenterId");

            migrationBuilder.CreateIndex(
                name: "IX_ChangeRequests_NewUnitId",
                table: "ChangeRequests",
                column: "NewUnitId");

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
                name: "IX_JobRuns_Job_ScheduledFor",
                table: "JobRuns",
                columns: new[] { "Job", "ScheduledFor" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MeetingMatters_MeetingId",
                table: "MeetingMatters",
                column: "MeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_OutboundEmails_MessageId",
                table: "OutboundEmails",
                column: "MessageId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OutboundEmails_SentAt_FailedAt_NextAttemptAt",
                table: "OutboundEmails",
                columns: new[] { "SentAt", "FailedAt", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PanelDraws_JurisdictionId_Id",
                table: "PanelDraws",
                columns: new[] { "JurisdictionId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_PanelDraws_PanelId",
                table: "PanelDraws",
                column: "PanelId");

            migrationBuilder.CreateIndex(
                name: "IX_Rectifications_CenterId",
                table: "Rectifications",
                column: "CenterId");

            migrationBuilder.CreateIndex(
                name: "IX_Rectifications_EvaluationCaseId",
                table: "Rectifications",
                column: "EvaluationCaseId");

            migrationBuilder.CreateIndex(
                name: "IX_RevocationCases_CenterId",
                table: "RevocationCases",
                column: "CenterId");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceLedger_CenterId_ServedOn",
                table: "ServiceLedger",
                columns: new[] { "CenterId", "ServedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_YearlyDeclarations_CenterId_Year",
                table: "YearlyDeclarations",
                columns: new[] { "CenterId", "Year" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_Attachments_Cases_CaseId",
                table: "Attachments",
                column: "CaseId",
                principalTable: "Cases",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_CaseAssignments_EvaluatorOrganisations_OrganisationId",
                table: "CaseAssignments",
                column: "OrganisationId",
                principalTable: "EvaluatorOrganisations",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

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
                name: "FK_CaseAssignments_EvaluatorOrganisations_OrganisationId",
                table: "CaseAssignments");

            migrationBuilder.DropForeignKey(
                name: "FK_Revocations_Cases_CaseId",
                table: "Revocations");

            migrationBuilder.DropForeignKey(
                name: "FK_Revocations_Centers_CenterId",
                table: "Revocations");

            migrationBuilder.DropTable(
                name: "AnnualReportVersions");

            migrationBuilder.DropTable(
                name: "BodyMembers");

            migrationBuilder.DropTable(
                name: "ChangeRequests");

            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropTable(
                name: "EvaluationParticipants");

            migrationBuilder.DropTable(
                name: "Evaluations");

            migrationBuilder.DropTable(
                name: "EvaluatorMembers");

            migrationBuilder.DropTable(
                name: "GovernanceFilings");

            migrationBuilder.DropTable(
                name: "GovernanceJudgements");

            migrationBuilder.DropTable(
                name: "JobRuns");

            migrationBuilder.DropTable(
                name: "MeetingMatters");

            migrationBuilder.DropTable(
                name: "NotificationSettings");

            migrationBuilder.DropTable(
                name: "OutboundEmails");

            migrationBuilder.DropTable(
                name: "PanelDraws");

            migrationBuilder.DropTable(
                name: "Rectifications");

            migrationBuilder.DropTable(
                name: "RevocationCases");

            migrationBuilder.DropTable(
                name: "ServiceLedger");

            migrationBuilder.DropTable(
                name: "YearlyDeclarations");

            migrationBuilder.DropTable(
                name: "AnnualReports");

            migrationBuilder.DropTable(
                name: "GovernanceBodies");

            migrationBuilder.DropTable(
                name: "EvaluationCampaigns");

            migrationBuilder.DropTable(
                name: "EvaluatorOrganisations");

            migrationBuilder.DropTable(
                name: "BodyMeetings");

            migrationBuilder.DropIndex(
                name: "IX_Revocations_CaseId",
                table: "Revocations");

            migrationBuilder.DropIndex(
                name: "IX_Revocations_CenterId",
                table: "Revocations");

            migrationBuilder.DropIndex(
                name: "IX_Experts_JurisdictionId_Kind_Field",
                table: "Experts");

            migrationBuilder.DropIndex(
                name: "IX_CaseAssignments_OrganisationId_CaseId",
                table: "CaseAssignments");

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
                name: "RegisteredAddress",
                table: "Centers");

            migrationBuilder.DropColumn(
                name: "EndReason",
                table: "CaseAssignments");

            migrationBuilder.DropColumn(
                name: "OrganisationId",
                table: "CaseAssignments");

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

            migrationBuilder.AlterColumn<string>(
                name: "Kind",
                table: "Notifications",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                comment: "类别（assigned 待办, returned 退回, decided 办结, due 到期提醒, overdue 逾期）",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 20,
                oldComment: "类别（assigned 待办, returned 退回, decided 办结, due 到期提醒, overdue 逾期, withdrawn 专家回避）");

            migrationBuilder.AlterColumn<long>(
                name: "Sequence",
                table: "AuditEntries",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L,
                comment: "链上序号",
                oldClrType: typeof(long),
                oldType: "INTEGER",
                oldNullable: true,
                oldComment: "链上序号（空：待入链）");

            migrationBuilder.AlterColumn<string>(
                name: "PreviousHash",
                table: "AuditEntries",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "",
                comment: "前一条记录的哈希（SM3）",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 64,
                oldNullable: true,
                oldComment: "前一条记录的哈希（SM3）");

            migrationBuilder.AlterColumn<string>(
                name: "Hash",
                table: "AuditEntries",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "",
                comment: "本条记录的哈希（SM3）",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 64,
                oldNullable: true,
                oldComment: "本条记录的哈希（SM3）");

            migrationBuilder.CreateIndex(
                name: "IX_Experts_JurisdictionId",
                table: "Experts",
                column: "JurisdictionId");
        }
    }
}
