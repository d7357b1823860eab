using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace TechCenters.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Operations : Migration
    {
        /// <summary>Quartz's job store (ADR 0009), from the schema script inside the Quartz 4.7.3 package.</summary>
        public const string QuartzTables = """
            -- Quartz.NET 4.7.3 job store for PostgreSQL: the schema script the Quartz package itself carries
            -- (Quartz.Impl.AdoJobStore.Schema.create_postgres.sql, Apache-2.0; "{0}" = quartz.qrtz_, "{1}" = qrtz_), in a schema
            -- of its own so that the app's schema stays exactly the EF Core model (ADR 0009). Every statement creates only what is
            -- missing. A Quartz upgrade that needs more brings its own migration.
            CREATE SCHEMA IF NOT EXISTS quartz;
            -- quartz.qrtz_JOB_DETAILS
            CREATE TABLE IF NOT EXISTS quartz.qrtz_job_details (
              sched_name text not null,
              job_name text not null,
              job_group text not null,
              description text null,
              job_class_name text not null,
              is_durable bool not null,
              is_nonconcurrent bool not null,
              is_update_data bool not null,
              requests_recovery bool not null,
              job_data bytea null,
              primary key (sched_name,job_name,job_group)
            );
            -- quartz.qrtz_TRIGGERS
            CREATE TABLE IF NOT EXISTS quartz.qrtz_triggers (
              sched_name text not null,
              trigger_name text not null,
              trigger_group text not null,
              job_name text not null,
              job_group text not null,
              description text null,
              next_fire_time bigint null,
              prev_fire_time bigint null,
              priority integer null,
              trigger_state text not null,
              trigger_type text not null,
              start_time bigint not null,
              end_time bigint null,
              calendar_name text null,
              misfire_instr smallint null,
              misfire_orig_fire_time bigint null,
              execution_group varchar(200) null,
              preferred_node varchar(200) null,
              preferred_node_auto bool not null default false,
              retry_policy varchar(250) null,
              retry_attempt integer null,
              continues_trigger_name text null,
              continues_trigger_group text null,
              continuation_condition integer null,
              overlap_policy integer null,
              pause_reason varchar(250) null,
              paused_by varchar(200) null,
              paused_at bigint null,
              misfire_threshold bigint null,
              fixed_delay bool null,
              job_data bytea null,
              primary key (sched_name,trigger_name,trigger_group),
              foreign key (sched_name,job_name,job_group) references quartz.qrtz_job_details (sched_name,job_name,job_group)
            );
            -- quartz.qrtz_SIMPLE_TRIGGERS
            CREATE TABLE IF NOT EXISTS quartz.qrtz_simple_triggers (
              sched_name text not null,
              trigger_name text not null,
              trigger_group text not null,
              repeat_count bigint not null,
              repeat_interval bigint not null,
              times_triggered bigint not null,
              primary key (sched_name,trigger_name,trigger_group),
              foreign key (sched_name,trigger_name,trigger_group) references quartz.qrtz_triggers (sched_name,trigger_name,trigger_group) on delete cascade
            );
            -- quartz.qrtz_CRON_TRIGGERS
            CREATE TABLE IF NOT EXISTS quartz.qrtz_cron_triggers (
              sched_name text not null,
              trigger_name text not null,
              trigger_group text not null,
              cron_expression text not null,
              time_zone_id text,
              primary key (sched_name,trigger_name,trigger_group),
              foreign key (sched_name,trigger_name,trigger_group) references quartz.qrtz_triggers (sched_name,trigger_name,trigger_group) on delete cascade
            );
            -- quartz.qrtz_SIMPROP_TRIGGERS
            CREATE TABLE IF NOT EXISTS quartz.qrtz_simprop_triggers (
              sched_name text not null,
              trigger_name text not null,
              trigger_group text not null,
              str_prop_1 text null,
              str_prop_2 text null,
              str_prop_3 text null,
              int_prop_1 integer null,
              int_prop_2 integer null,
              long_prop_1 bigint null,
              long_prop_2 bigint null,
              dec_prop_1 numeric null,
              dec_prop_2 numeric null,
              bool_prop_1 bool null,
              bool_prop_2 bool null,
              time_zone_id text null,
              primary key (sched_name,trigger_name,trigger_group),
              foreign key (sched_name,trigger_name,trigger_group) references quartz.qrtz_triggers (sched_name,trigger_name,trigger_group) on delete cascade
            );
            -- quartz.qrtz_BLOB_TRIGGERS
            CREATE TABLE IF NOT EXISTS quartz.qrtz_blob_triggers (
              sched_name text not null,
              trigger_name text not null,
              trigger_group text not null,
              blob_data bytea null,
              primary key (sched_name,trigger_name,trigger_group),
              foreign key (sched_name,trigger_name,trigger_group) references quartz.qrtz_triggers (sched_name,trigger_name,trigger_group) on delete cascade
            );
            -- quartz.qrtz_CALENDARS
            CREATE TABLE IF NOT EXISTS quartz.qrtz_calendars (
              sched_name text not null,
              calendar_name text not null,
              calendar bytea not null,
              primary key (sched_name,calendar_name)
            );
            -- quartz.qrtz_PAUSED_TRIGGER_GRPS
            CREATE TABLE IF NOT EXISTS quartz.qrtz_paused_trigger_grps (
              sched_name text not null,
              trigger_group text not null,
              pause_reason varchar(250) null,
              paused_by varchar(200) null,
              paused_at bigint null,
              primary key (sched_name,trigger_group)
            );
            -- quartz.qrtz_PAUSED_JOB_GRPS
            CREATE TABLE IF NOT EXISTS quartz.qrtz_paused_job_grps (
              sched_name text not null,
              job_group text not null,
              pause_reason varchar(250) null,
              paused_by varchar(200) null,
              paused_at bigint null,
              primary key (sched_name,job_group)
            );
            -- quartz.qrtz_FIRED_TRIGGERS
            CREATE TABLE IF NOT EXISTS quartz.qrtz_fired_triggers (
              sched_name text not null,
              entry_id text not null,
              trigger_name text not null,
              trigger_group text not null,
              instance_name text not null,
              fired_time bigint not null,
              sched_time bigint not null,
              priority integer not null,
              state text not null,
              job_name text null,
              job_group text null,
              is_nonconcurrent bool not null,
              requests_recovery bool null,
              execution_group varchar(200) null,
              progress integer null,
              progress_message varchar(250) null,
              interrupt_requested_time bigint null,
              primary key (sched_name,entry_id)
            );
            -- quartz.qrtz_SCHEDULER_STATE
            CREATE TABLE IF NOT EXISTS quartz.qrtz_scheduler_state (
              sched_name text not null,
              instance_name text not null,
              last_checkin_time bigint not null,
              checkin_interval bigint not null,
              quartz_version varchar(20) null,
              primary key (sched_name,instance_name)
            );
            -- quartz.qrtz_LOCKS
            CREATE TABLE IF NOT EXISTS quartz.qrtz_locks (
              sched_name text not null,
              lock_name text not null,
              primary key (sched_name,lock_name)
            );
            -- quartz.qrtz_EXECUTION_HISTORY
            CREATE TABLE IF NOT EXISTS quartz.qrtz_execution_history (
              sched_name text not null,
              entry_id text not null,
              instance_name text not null,
              job_name text not null,
              job_group text not null,
              trigger_name text not null,
              trigger_group text not null,
              fired_time bigint not null,
              run_time bigint not null,
              succeeded bool not null,
              error_message text null,
              retry_attempt integer not null default 0,
              retry_scheduled bool not null default false,
              execution_log text null,
              result integer null,
              summary text null,
              metrics text null,
              manual bool null,
              fire_instance_id text null,
              job_input text null,
              job_input_too_large bool null,
              primary key (sched_name,entry_id)
            );
            -- quartz.qrtz_MISFIRE_HISTORY
            CREATE TABLE IF NOT EXISTS quartz.qrtz_misfire_history (
              sched_name text not null,
              entry_id text not null,
              instance_name text not null,
              trigger_name text not null,
              trigger_group text not null,
              job_name text null,
              job_group text null,
              misfire_time bigint not null,
              sched_time bigint null,
              reason integer null,
              primary key (sched_name,entry_id)
            );
            -- quartz.qrtz_JOB_STATUS
            CREATE TABLE IF NOT EXISTS quartz.qrtz_job_status (
              sched_name text not null,
              job_group text not null,
              job_name text not null,
              first_fired_time bigint not null,
              last_fired_time bigint not null,
              last_result integer not null,
              last_run_time bigint not null,
              last_instance_name text not null,
              last_entry_id text null,
              last_summary text null,
              last_success_time bigint null,
              last_failure_time bigint null,
              last_failure_message text null,
              consecutive_failures integer not null default 0,
              run_count bigint not null default 0,
              failure_count bigint not null default 0,
              primary key (sched_name,job_group,job_name)
            );
            -- IDX_qrtz_J_G_N
            CREATE INDEX IF NOT EXISTS idx_qrtz_j_g_n ON quartz.qrtz_job_details (sched_name, job_group, job_name);
            -- IDX_qrtz_T_J
            CREATE INDEX IF NOT EXISTS idx_qrtz_t_j ON quartz.qrtz_triggers (sched_name, job_name, job_group);
            -- IDX_qrtz_T_G_N
            CREATE INDEX IF NOT EXISTS idx_qrtz_t_g_n ON quartz.qrtz_triggers (sched_name, trigger_group, trigger_name);
            -- IDX_qrtz_T_C
            CREATE INDEX IF NOT EXISTS idx_qrtz_t_c ON quartz.qrtz_triggers (sched_name, calendar_name);
            -- IDX_qrtz_T_NFT_ST
            CREATE INDEX IF NOT EXISTS idx_qrtz_t_nft_st ON quartz.qrtz_triggers (sched_name, trigger_state, next_fire_time asc, priority desc, misfire_instr);
            -- IDX_qrtz_FT_INST_JOB_REQ_RCVRY
            CREATE INDEX IF NOT EXISTS idx_qrtz_ft_inst_job_req_rcvry ON quartz.qrtz_fired_triggers (sched_name, instance_name, requests_recovery);
            -- IDX_qrtz_FT_J_G
            CREATE INDEX IF NOT EXISTS idx_qrtz_ft_j_g ON quartz.qrtz_fired_triggers (sched_name, job_name, job_group);
            -- IDX_qrtz_FT_T_G
            CREATE INDEX IF NOT EXISTS idx_qrtz_ft_t_g ON quartz.qrtz_fired_triggers (sched_name, trigger_name, trigger_group);
            -- IDX_qrtz_EH_FIRED_TIME
            CREATE INDEX IF NOT EXISTS idx_qrtz_eh_fired_time ON quartz.qrtz_execution_history (sched_name, fired_time);
            -- IDX_qrtz_EH_INST
            CREATE INDEX IF NOT EXISTS idx_qrtz_eh_inst ON quartz.qrtz_execution_history (sched_name, instance_name);
            -- IDX_qrtz_MH_MISFIRE_TIME
            CREATE INDEX IF NOT EXISTS idx_qrtz_mh_misfire_time ON quartz.qrtz_misfire_history (sched_name, misfire_time);
            -- IDX_qrtz_MH_INST
            CREATE INDEX IF NOT EXISTS idx_qrtz_mh_inst ON quartz.qrtz_misfire_history (sched_name, instance_name);
            -- IDX_qrtz_EH_JOB_TIME
            CREATE INDEX IF NOT EXISTS idx_qrtz_eh_job_time ON quartz.qrtz_execution_history (sched_name, job_group, job_name, fired_time);
            -- IDX_qrtz_EH_FIRE_INST
            CREATE INDEX IF NOT EXISTS idx_qrtz_eh_fire_inst ON quartz.qrtz_execution_history (sched_name, fire_instance_id);
            -- IDX_qrtz_EH_TRIG_TIME
            CREATE INDEX IF NOT EXISTS idx_qrtz_eh_trig_time ON quartz.qrtz_execution_history (sched_name, trigger_group, trigger_name, fired_time);
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(QuartzTables);

            migrationBuilder.AlterColumn<long>(
                name: "Sequence",
                table: "AuditEntries",
                type: "bigint",
                nullable: true,
                comment: "链上序号（空：待入链）",
                oldClrType: typeof(long),
                oldType: "bigint",
                oldComment: "链上序号");

            migrationBuilder.AlterColumn<string>(
                name: "PreviousHash",
                table: "AuditEntries",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true,
                comment: "前一条记录的哈希（SM3）",
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64,
                oldComment: "前一条记录的哈希（SM3）");

            migrationBuilder.AlterColumn<string>(
                name: "Hash",
                table: "AuditEntries",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true,
                comment: "本条记录的哈希（SM3）",
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64,
                oldComment: "本条记录的哈希（SM3）");

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FriendlyName = table.Column<string>(type: "text", nullable: true, comment: "密钥名称"),
                    Xml = table.Column<string>(type: "text", nullable: true, comment: "密钥（XML）")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                },
                comment: "数据保护密钥环（登录与防伪令牌的加密密钥，各实例共用）");

            migrationBuilder.CreateTable(
                name: "JobRuns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Job = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, comment: "任务标识"),
                    ScheduledFor = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, comment: "计划触发时间（UTC）"),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, comment: "开始时间（UTC）"),
                    FinishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, comment: "结束时间（UTC）"),
                    Instance = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, comment: "运行的实例"),
                    Succeeded = table.Column<bool>(type: "boolean", nullable: false, comment: "是否成功"),
                    Error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true, comment: "失败原因")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JobRuns", x => x.Id);
                },
                comment: "定时任务运行记录（每次触发一条，唯一）");

            migrationBuilder.CreateTable(
                name: "OutboundEmails",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    To = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false, comment: "收件人"),
                    Subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, comment: "主题"),
                    Body = table.Column<string>(type: "text", nullable: false, comment: "正文"),
                    MessageId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, comment: "邮件标识（Message-ID，重发时不变）"),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, comment: "写入时间（UTC）"),
                    NextAttemptAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, comment: "下次发送时间（UTC）"),
                    Attempts = table.Column<int>(type: "integer", nullable: false, comment: "已尝试次数"),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true, comment: "发送成功时间（UTC）"),
                    FailedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true, comment: "放弃发送时间（UTC，重试用尽）"),
                    LastError = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true, comment: "最近一次失败原因")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutboundEmails", x => x.Id);
                },
                comment: "待发邮件（发件箱：与业务变更同一事务写入，由定时任务发送一次）");

            migrationBuilder.CreateIndex(
                name: "IX_JobRuns_Job_ScheduledFor",
                table: "JobRuns",
                columns: new[] { "Job", "ScheduledFor" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OutboundEmails_MessageId",
                table: "OutboundEmails",
                column: "MessageId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OutboundEmails_SentAt_FailedAt_NextAttemptAt",
                table: "OutboundEmails",
                columns: new[] { "SentAt", "FailedAt", "NextAttemptAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP SCHEMA IF EXISTS quartz CASCADE;");

            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropTable(
                name: "JobRuns");

            migrationBuilder.DropTable(
                name: "OutboundEmails");

            migrationBuilder.AlterColumn<long>(
                name: "Sequence",
                table: "AuditEntries",
                type: "bigint",
                nullable: false,
                defaultValue: 0L,
                comment: "链上序号",
                oldClrType: typeof(long),
                oldType: "bigint",
                oldNullable: true,
                oldComment: "链上序号（空：待入链）");

            migrationBuilder.AlterColumn<string>(
                name: "PreviousHash",
                table: "AuditEntries",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "",
                comment: "前一条记录的哈希（SM3）",
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64,
                oldNullable: true,
                oldComment: "前一条记录的哈希（SM3）");

            migrationBuilder.AlterColumn<string>(
                name: "Hash",
                table: "AuditEntries",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "",
                comment: "本条记录的哈希（SM3）",
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64,
                oldNullable: true,
                oldComment: "本条记录的哈希（SM3）");
        }
    }
}
