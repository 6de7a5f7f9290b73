using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BrandStoryContest.Web.Data.PostgresMigrations
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
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "VoidedAt",
                table: "Votes",
                type: "bigint",
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
