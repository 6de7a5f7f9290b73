using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BrandStoryContest.Web.Data.PostgresMigrations
{
    /// <inheritdoc />
    public partial class MailDelivery : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "Body",
                table: "Outbox",
                newName: "Text");

            migrationBuilder.AlterColumn<string>(
                name: "To",
                table: "Outbox",
                type: "character varying(256)",
                maxLength: 256,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "text");

            migrationBuilder.AddColumn<int>(
                name: "Attempts",
                table: "Outbox",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "ContestId",
                table: "Outbox",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Html",
                table: "Outbox",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "Outbox",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Language",
                table: "Outbox",
                type: "character varying(8)",
                maxLength: 8,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "LastError",
                table: "Outbox",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "LeaseExpiresAt",
                table: "Outbox",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LeaseOwner",
                table: "Outbox",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MessageId",
                table: "Outbox",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<long>(
                name: "NextAttemptAt",
                table: "Outbox",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "RecipientId",
                table: "Outbox",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "SentAt",
                table: "Outbox",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "State",
                table: "Outbox",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // Rows from before delivery existed were never sent and may be stale: they become Failed with an
            // explanation (an admin can still "send again"), each with its own Message-Id for the unique index.
            migrationBuilder.Sql("""
                UPDATE "Outbox" SET "Kind" = 'Plain', "Language" = 'zh-CN', "State" = 3, "Attempts" = 0,
                    "LastError" = 'Queued before mail delivery existed; not sent automatically.',
                    "MessageId" = 'outbox-' || CAST("Id" AS TEXT) || '@brandstorycontest.local'
                """);

            migrationBuilder.CreateIndex(
                name: "IX_Outbox_ContestId_State",
                table: "Outbox",
                columns: new[] { "ContestId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_Outbox_MessageId",
                table: "Outbox",
                column: "MessageId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Outbox_State_NextAttemptAt",
                table: "Outbox",
                columns: new[] { "State", "NextAttemptAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Outbox_ContestId_State",
                table: "Outbox");

            migrationBuilder.DropIndex(
                name: "IX_Outbox_MessageId",
                table: "Outbox");

            migrationBuilder.DropIndex(
                name: "IX_Outbox_State_NextAttemptAt",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "Attempts",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "ContestId",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "Html",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "Language",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "LastError",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "LeaseExpiresAt",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "LeaseOwner",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "MessageId",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "NextAttemptAt",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "RecipientId",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "SentAt",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "State",
                table: "Outbox");

            migrationBuilder.RenameColumn(
                name: "Text",
                table: "Outbox",
                newName: "Body");

            migrationBuilder.AlterColumn<string>(
                name: "To",
                table: "Outbox",
                type: "text",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(256)",
                oldMaxLength: 256);
        }
    }
}
