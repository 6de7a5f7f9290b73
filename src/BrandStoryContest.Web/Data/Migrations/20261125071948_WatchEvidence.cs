using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BrandStoryContest.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class WatchEvidence : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "MinWatchedFraction",
                table: "Rounds",
                type: "REAL",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<int>(
                name: "ReadingSeconds",
                table: "Assignments",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<double>(
                name: "WatchedFraction",
                table: "Assignments",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WatchedRanges",
                table: "Assignments",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
