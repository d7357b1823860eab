using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TechCenters.Web.Data.Migrations.Postgres
{
    /// <summary>Ends the entrustments a hand-over to experts left open before Bug 0657 (the SQLite migration's SQL, valid here too).</summary>
    public partial class EndLegacyEntrustments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(Sqlite.EndLegacyEntrustments.EndLegacy);

        /// <summary>Nothing to undo: the hand-over to experts ended these entrustments; reading them as open was Bug 0657.</summary>
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
