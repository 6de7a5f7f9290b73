using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace BrandStoryContest.Web.Data.PostgresMigrations
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
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "72,24");

            migrationBuilder.AddColumn<bool>(
                name: "RemindersOptedOut",
                table: "AspNetUsers",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "RemindersSent",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    RecipientId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    TargetId = table.Column<int>(type: "integer", nullable: false),
                    OffsetHours = table.Column<int>(type: "integer", nullable: false),
                    SentAt = table.Column<long>(type: "bigint", nullable: false)
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
