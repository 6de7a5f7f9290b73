using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BrandStoryContest.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class ReturnForCorrection : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "CorrectionDueAt",
                table: "Entries",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReturnReason",
                table: "Entries",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ReturnedAt",
                table: "Entries",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ContestScreeners",
                columns: table => new
                {
                    ContestId = table.Column<int>(type: "INTEGER", nullable: false),
                    ScreenerId = table.Column<string>(type: "TEXT", nullable: false),
                    NamedById = table.Column<string>(type: "TEXT", nullable: false),
                    NamedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContestScreeners", x => new { x.ContestId, x.ScreenerId });
                    table.ForeignKey(
                        name: "FK_ContestScreeners_AspNetUsers_ScreenerId",
                        column: x => x.ScreenerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ContestScreeners_Contests_ContestId",
                        column: x => x.ContestId,
                        principalTable: "Contests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ContestScreeners_ScreenerId",
                table: "ContestScreeners",
                column: "ScreenerId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ContestScreeners");

            migrationBuilder.DropColumn(
                name: "CorrectionDueAt",
                table: "Entries");

            migrationBuilder.DropColumn(
                name: "ReturnReason",
                table: "Entries");

            migrationBuilder.DropColumn(
                name: "ReturnedAt",
                table: "Entries");
        }
    }
}
