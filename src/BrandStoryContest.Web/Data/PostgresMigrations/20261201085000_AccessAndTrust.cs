using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BrandStoryContest.Web.Data.PostgresMigrations
{
    /// <inheritdoc />
    public partial class AccessAndTrust : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ExpiresAt",
                table: "JudgeInvitations",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "EntrantName",
                table: "Entries",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EntrantOrganization",
                table: "Entries",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "QuotaSlot",
                table: "Entries",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Entries_CategoryId_EntrantId_QuotaSlot",
                table: "Entries",
                columns: new[] { "CategoryId", "EntrantId", "QuotaSlot" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Entries_CategoryId_EntrantId_QuotaSlot",
                table: "Entries");

            migrationBuilder.DropColumn(
                name: "ExpiresAt",
                table: "JudgeInvitations");

            migrationBuilder.DropColumn(
                name: "EntrantName",
                table: "Entries");

            migrationBuilder.DropColumn(
                name: "EntrantOrganization",
                table: "Entries");

            migrationBuilder.DropColumn(
                name: "QuotaSlot",
                table: "Entries");
        }
    }
}
