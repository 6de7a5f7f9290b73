using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BrandStoryContest.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class Reminders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ReminderHours",
                table: "Contests",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "72,24");

            migrationBuilder.AddColumn<bool>(
                name: "RemindersOptedOut",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "RemindersSent",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    RecipientId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    TargetId = table.Column<int>(type: "INTEGER", nullable: false),
                    OffsetHours = table.Column<int>(type: "INTEGER", nullable: false),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RemindersSent", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RemindersSent_Kind_RecipientId_TargetId_OffsetHours",
                table: "RemindersSent",
                columns: new[] { "Kind", "RecipientId", "TargetId", "OffsetHours" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RemindersSent");

            migrationBuilder.DropColumn(
                name: "ReminderHours",
                table: "Contests");

            migrationBuilder.DropColumn(
                name: "RemindersOptedOut",
                table: "AspNetUsers");
        }
    }
}
