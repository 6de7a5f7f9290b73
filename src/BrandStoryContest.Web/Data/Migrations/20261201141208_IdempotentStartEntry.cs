using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BrandStoryContest.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class IdempotentStartEntry : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "StartKey",
                table: "Entries",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Entries_CategoryId_EntrantId_StartKey",
                table: "Entries",
                columns: new[] { "CategoryId", "EntrantId", "StartKey" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Entries_CategoryId_EntrantId_StartKey",
                table: "Entries");

            migrationBuilder.DropColumn(
                name: "StartKey",
                table: "Entries");
        }
    }
}
