using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TechCenters.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CallWithdrawal : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "WithdrawReason",
                table: "Calls",
                type: "TEXT",
                maxLength: 500,
                nullable: true,
                comment: "撤回理由");

            migrationBuilder.AddColumn<long>(
                name: "WithdrawnAt",
                table: "Calls",
                type: "INTEGER",
                nullable: true,
                comment: "撤回时间");

            migrationBuilder.AddColumn<string>(
                name: "WithdrawnBy",
                table: "Calls",
                type: "TEXT",
                maxLength: 256,
                nullable: true,
                comment: "撤回人");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "WithdrawReason",
                table: "Calls");

            migrationBuilder.DropColumn(
                name: "WithdrawnAt",
                table: "Calls");

            migrationBuilder.DropColumn(
                name: "WithdrawnBy",
                table: "Calls");
        }
    }
}
