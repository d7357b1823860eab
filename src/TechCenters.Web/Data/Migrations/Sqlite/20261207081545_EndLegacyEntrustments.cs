using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TechCenters.Web.Data.Migrations.Sqlite
{
    /// <summary>
    /// Before Bug 0657 giving an entrusted evaluation case to experts left the organisation's assignment open, and the scope
    /// read a later expert assignment as superseding it. Those rows are ended here, at the first later expert assignment's
    /// time and with the reason why, so the scope reads open evaluator rows only. Rows written since are ended by the
    /// hand-over itself and have no later expert assignment while open. The same SQL runs on both providers.
    /// </summary>
    public partial class EndLegacyEntrustments : Migration
    {
        public const string EndReason = "交接专家前的委托（数据迁移）：科技局已改为指派评估专家评分，委托评估结束";

        public const string EndLegacy = $"""
            UPDATE "CaseAssignments" SET
                "EndedAt" = (SELECT MIN(x."AssignedAt") FROM "CaseAssignments" x
                             WHERE x."CaseId" = "CaseAssignments"."CaseId" AND x."Role" = 'expert' AND x."Id" > "CaseAssignments"."Id"),
                "EndReason" = '{EndReason}'
            WHERE "Role" = 'evaluator' AND "EndedAt" IS NULL
              AND EXISTS (SELECT 1 FROM "CaseAssignments" x
                          WHERE x."CaseId" = "CaseAssignments"."CaseId" AND x."Role" = 'expert' AND x."Id" > "CaseAssignments"."Id");
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(EndLegacy);

        /// <summary>Nothing to undo: the hand-over to experts ended these entrustments; reading them as open was Bug 0657.</summary>
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
