using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TechCenters.Web.Data.Migrations.Postgres
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
