using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BrandStoryContest.Web.Data.Migrations
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
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "EntrantName",
                table: "Entries",
                type: "TEXT",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EntrantOrganization",
                table: "Entries",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "QuotaSlot",
                table: "Entries",
                type: "INTEGER",
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
