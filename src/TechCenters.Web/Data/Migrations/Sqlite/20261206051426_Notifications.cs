using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TechCenters.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Notifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Notifications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false, comment: "接收账号"),
                    CaseId = table.Column<int>(type: "INTEGER", nullable: true, comment: "相关事项"),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false, comment: "类别（assigned 待办, returned 退回, decided 办结, due 到期提醒, overdue 逾期）"),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false, comment: "标题"),
                    Body = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true, comment: "内容"),
                    Link = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true, comment: "链接"),
                    DedupKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true, comment: "提醒去重键"),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false, comment: "生成时间"),
                    ReadAt = table.Column<long>(type: "INTEGER", nullable: true, comment: "阅读时间")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Notifications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Notifications_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Notifications_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                },
                comment: "站内通知");

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_CaseId",
                table: "Notifications",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_UserId_DedupKey",
                table: "Notifications",
                columns: new[] { "UserId", "DedupKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_UserId_ReadAt_Id",
                table: "Notifications",
                columns: new[] { "UserId", "ReadAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Notifications");
        }
    }
}
