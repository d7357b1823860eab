using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TechCenters.Web.Data.Migrations.Sqlite
{
    /// <summary>
    /// ADR 0010: an audit row may be updated once, by the chain sealer, from pending (no sequence, no hash) to sealed, with
    /// every other column unchanged; nothing else, and never deleted. A migration of its own because rebuilding the table
    /// (Operations) drops its triggers and EF Core runs table rebuilds at the end of a migration.
    /// </summary>
    public partial class AuditChainGuards : Migration
    {
        public const string UpdateGuard = """
            CREATE TRIGGER "AuditEntries_no_update" BEFORE UPDATE ON "AuditEntries"
            WHEN NOT (OLD."Sequence" IS NULL AND OLD."Hash" IS NULL AND NEW."Sequence" IS NOT NULL AND NEW."Hash" IS NOT NULL
                AND NEW."PreviousHash" IS NOT NULL AND NEW."Id" = OLD."Id" AND NEW."OccurredAt" IS OLD."OccurredAt"
                AND NEW."UtcOffsetMinutes" IS OLD."UtcOffsetMinutes" AND NEW."UserId" IS OLD."UserId" AND NEW."UserName" IS OLD."UserName"
                AND NEW."ClientAddress" IS OLD."ClientAddress" AND NEW."Action" IS OLD."Action" AND NEW."ObjectType" IS OLD."ObjectType"
                AND NEW."ObjectId" IS OLD."ObjectId" AND NEW."Outcome" IS OLD."Outcome" AND NEW."Detail" IS OLD."Detail")
            BEGIN
                SELECT RAISE(ABORT, '审计日志只允许追加，不允许修改（只可为待入链记录写入链上序号与哈希）');
            END;
            """;

        public const string DeleteGuard = """
            CREATE TRIGGER "AuditEntries_no_delete" BEFORE DELETE ON "AuditEntries"
            BEGIN
                SELECT RAISE(ABORT, '审计日志只允许追加，不允许删除');
            END;
            """;

        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "AuditEntries_no_update";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "AuditEntries_no_delete";""");
            migrationBuilder.Sql(UpdateGuard);
            migrationBuilder.Sql(DeleteGuard);
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "AuditEntries_no_update";""");
            migrationBuilder.Sql("""CREATE TRIGGER "AuditEntries_no_update" BEFORE UPDATE ON "AuditEntries" BEGIN SELECT RAISE(ABORT, '审计日志只允许追加，不允许修改'); END;""");
        }
    }
}
