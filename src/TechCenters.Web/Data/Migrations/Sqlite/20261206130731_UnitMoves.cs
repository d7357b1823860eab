using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TechCenters.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class UnitMoves : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "Active",
                table: "Departments",
                type: "INTEGER",
                nullable: false,
                defaultValue: true,
                comment: "是否启用（停用后保留历史，不再用于新的归属）");

            migrationBuilder.AddColumn<int>(
                name: "PendingDepartmentId",
                table: "Cases",
                type: "INTEGER",
                nullable: true,
                comment: "下一阶段起的归口管理部门（有待生效调整时；为空表示直接报科技局）");

            migrationBuilder.AddColumn<int>(
                name: "PendingMoveId",
                table: "Cases",
                type: "INTEGER",
                nullable: true,
                comment: "待生效的单位归口部门调整（本阶段结束后生效）");

            migrationBuilder.CreateTable(
                name: "UnitMoves",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false, comment: "单位"),
                    FromDepartmentId = table.Column<int>(type: "INTEGER", nullable: true, comment: "原归口管理部门（为空表示直接报科技局）"),
                    ToDepartmentId = table.Column<int>(type: "INTEGER", nullable: true, comment: "新归口管理部门（为空表示直接报科技局）"),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false, comment: "调整事由"),
                    MovedAt = table.Column<long>(type: "INTEGER", nullable: false, comment: "调整时间"),
                    MovedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true, comment: "操作人")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UnitMoves", x => x.Id);
                    table.ForeignKey(
                        name: "FK_UnitMoves_Departments_FromDepartmentId",
                        column: x => x.FromDepartmentId,
                        principalTable: "Departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_UnitMoves_Departments_ToDepartmentId",
                        column: x => x.ToDepartmentId,
                        principalTable: "Departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_UnitMoves_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                },
                comment: "单位归口管理部门调整记录");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_PendingDepartmentId",
                table: "Cases",
                column: "PendingDepartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_PendingMoveId",
                table: "Cases",
                column: "PendingMoveId");

            migrationBuilder.CreateIndex(
                name: "IX_UnitMoves_FromDepartmentId",
                table: "UnitMoves",
                column: "FromDepartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_UnitMoves_ToDepartmentId",
                table: "UnitMoves",
                column: "ToDepartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_UnitMoves_UnitId_MovedAt",
                table: "UnitMoves",
                columns: new[] { "UnitId", "MovedAt" });

            migrationBuilder.AddForeignKey(
                name: "FK_Cases_Departments_PendingDepartmentId",
                table: "Cases",
                column: "PendingDepartmentId",
                principalTable: "Departments",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Cases_UnitMoves_PendingMoveId",
                table: "Cases",
                column: "PendingMoveId",
                principalTable: "UnitMoves",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Cases_Departments_PendingDepartmentId",
                table: "Cases");

            migrationBuilder.DropForeignKey(
                name: "FK_Cases_UnitMoves_PendingMoveId",
                table: "Cases");

            migrationBuilder.DropTable(
                name: "UnitMoves");

            migrationBuilder.DropIndex(
                name: "IX_Cases_PendingDepartmentId",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_PendingMoveId",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "Active",
                table: "Departments");

            migrationBuilder.DropColumn(
                name: "PendingDepartmentId",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "PendingMoveId",
                table: "Cases");
        }
    }
}
