using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BrandStoryContest.Web.Data.PostgresMigrations
{
    /// <inheritdoc />
    public partial class JudgingCopies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "PreviewBlob",
                table: "Entries",
                newName: "JudgingFilmBlob");

            // Old web previews kept chapters and came only for some films: none counts as a judging copy. The media
            // worker writes the missing ones at its next start; until then judges get "not available yet".
            migrationBuilder.Sql("UPDATE \"Entries\" SET \"JudgingFilmBlob\" = NULL;");

            migrationBuilder.AddColumn<bool>(
                name: "AttachmentUnreadable",
                table: "Entries",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AttachmentUnreadable",
                table: "Entries");

            migrationBuilder.RenameColumn(
                name: "JudgingFilmBlob",
                table: "Entries",
                newName: "PreviewBlob");
        }
    }
}
