using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace BrandStoryContest.Web.Data.PostgresMigrations
{
    /// <inheritdoc />
    public partial class WatchEvidenceNotesAndEntryIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "MinWatchedFraction",
                table: "Rounds",
                type: "double precision",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<int>(
                name: "ReadingSeconds",
                table: "Assignments",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<double>(
                name: "WatchedFraction",
                table: "Assignments",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WatchedRanges",
                table: "Assignments",
                type: "text",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "JudgeNotes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AssignmentId = table.Column<int>(type: "integer", nullable: false),
                    AtSeconds = table.Column<double>(type: "double precision", nullable: false),
                    Text = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JudgeNotes", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Entries_ContestId_State_CategoryId",
                table: "Entries",
                columns: new[] { "ContestId", "State", "CategoryId" });

            migrationBuilder.CreateIndex(
                name: "IX_JudgeNotes_AssignmentId",
                table: "JudgeNotes",
                column: "AssignmentId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "JudgeNotes");

            migrationBuilder.DropIndex(
                name: "IX_Entries_ContestId_State_CategoryId",
                table: "Entries");

            migrationBuilder.DropColumn(
                name: "MinWatchedFraction",
                table: "Rounds");

            migrationBuilder.DropColumn(
                name: "ReadingSeconds",
                table: "Assignments");

            migrationBuilder.DropColumn(
                name: "WatchedFraction",
                table: "Assignments");

            migrationBuilder.DropColumn(
                name: "WatchedRanges",
                table: "Assignments");
        }
    }
}
