using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TechCenters.Web.Data.Migrations.Postgres
{
    /// <summary>
    /// ADR 0010: an audit row may be updated once, by the chain sealer, from pending (no sequence, no hash) to sealed, with
    /// every other column unchanged; deletes and truncation stay refused. The triggers of 0001 call this function.
    /// </summary>
    public partial class AuditChainGuards : Migration
    {
        public const string GuardFunction = """
            CREATE OR REPLACE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'UPDATE' AND OLD."Sequence" IS NULL AND OLD."Hash" IS NULL
                   AND NEW."Sequence" IS NOT NULL AND NEW."Hash" IS NOT NULL AND NEW."PreviousHash" IS NOT NULL
                   AND (to_jsonb(OLD) - 'Sequence' - 'PreviousHash' - 'Hash') = (to_jsonb(NEW) - 'Sequence' - 'PreviousHash' - 'Hash') THEN
                    RETURN NEW;
                END IF;
                RAISE EXCEPTION '审计日志只允许追加，不允许修改或删除（只可为待入链记录写入链上序号与哈希）';
            END;
            $$;
            """;

        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(GuardFunction);

        protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
            CREATE OR REPLACE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION '审计日志只允许追加，不允许修改或删除';
            END;
            $$;
            """);
    }
}
