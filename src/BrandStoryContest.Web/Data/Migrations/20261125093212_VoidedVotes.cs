using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BrandStoryContest.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class VoidedVotes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "VoidReason",
                table: "Votes",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "VoidedAt",
                table: "Votes",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "VoidReason",
                table: "Votes");

            migrationBuilder.DropColumn(
                name: "VoidedAt",
                table: "Votes");
        }
    }
}
