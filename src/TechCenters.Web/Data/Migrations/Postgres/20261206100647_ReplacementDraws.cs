using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TechCenters.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ReplacementDraws : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<int>(
                name: "PanelId",
                table: "PanelDraws",
                type: "integer",
                nullable: true,
                comment: "据此组建的专家组（补抽时为所补的专家组）",
                oldClrType: typeof(int),
                oldType: "integer",
                oldNullable: true,
                oldComment: "据此组建的专家组");

            migrationBuilder.AddColumn<string>(
                name: "KeptJson",
                table: "PanelDraws",
                type: "text",
                nullable: true,
                comment: "补抽时专家组中保留的成员（JSON；首次抽取为空）");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "KeptJson",
                table: "PanelDraws");

            migrationBuilder.AlterColumn<int>(
                name: "PanelId",
                table: "PanelDraws",
                type: "integer",
                nullable: true,
                comment: "据此组建的专家组",
                oldClrType: typeof(int),
                oldType: "integer",
                oldNullable: true,
                oldComment: "据此组建的专家组（补抽时为所补的专家组）");
        }
    }
}
