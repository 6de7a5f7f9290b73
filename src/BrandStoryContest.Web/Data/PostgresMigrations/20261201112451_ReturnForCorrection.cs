using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BrandStoryContest.Web.Data.PostgresMigrations
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
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReturnReason",
                table: "Entries",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ReturnedAt",
                table: "Entries",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ContestScreeners",
                columns: table => new
                {
                    ContestId = table.Column<int>(type: "integer", nullable: false),
                    ScreenerId = table.Column<string>(type: "text", nullable: false),
                    NamedById = table.Column<string>(type: "text", nullable: false),
                    NamedAt = table.Column<long>(type: "bigint", nullable: false)
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
