using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BrandStoryContest.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class OrganizerListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Entries_CategoryId_State_Number_ConsentsToPublication",
                table: "Entries",
                columns: new[] { "CategoryId", "State", "Number", "ConsentsToPublication" });

            migrationBuilder.CreateIndex(
                name: "IX_Entries_List_Newest",
                table: "Entries",
                columns: new[] { "ContestId", "SubmittedAt", "Id", "State", "CategoryId" });

            migrationBuilder.CreateIndex(
                name: "IX_Entries_List_Number",
                table: "Entries",
                columns: new[] { "ContestId", "Number", "Id", "State", "CategoryId" });

            migrationBuilder.CreateIndex(
                name: "IX_Entries_List_Title",
                table: "Entries",
                columns: new[] { "ContestId", "Title", "Id", "State", "CategoryId", "Number", "EntrantId" });

            migrationBuilder.CreateIndex(
                name: "IX_Assignments_RoundId_Total",
                table: "Assignments",
                columns: new[] { "RoundId", "Total" });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_Email",
                table: "AspNetUsers",
                column: "Email");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Entries_CategoryId_State_Number_ConsentsToPublication",
                table: "Entries");

            migrationBuilder.DropIndex(
                name: "IX_Entries_List_Newest",
                table: "Entries");

            migrationBuilder.DropIndex(
                name: "IX_Entries_List_Number",
                table: "Entries");

            migrationBuilder.DropIndex(
                name: "IX_Entries_List_Title",
                table: "Entries");

            migrationBuilder.DropIndex(
                name: "IX_Assignments_RoundId_Total",
                table: "Assignments");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_Email",
                table: "AspNetUsers");
        }
    }
}
