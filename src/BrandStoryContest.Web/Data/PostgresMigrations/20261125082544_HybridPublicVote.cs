using BrandStoryContest.Web.Domain;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

#nullable disable

namespace BrandStoryContest.Web.Data.PostgresMigrations
{
    /// <inheritdoc />
    public partial class HybridPublicVote : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "DayKey",
                table: "Votes",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(10)",
                oldMaxLength: 10);

            migrationBuilder.AddColumn<string>(
                name: "IpAddress",
                table: "Votes",
                type: "character varying(45)",
                maxLength: 45,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RoundId",
                table: "Votes",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PublicWeightPercent",
                table: "Rounds",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "VoteCutoff",
                table: "Rounds",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "VotingClosesAt",
                table: "Rounds",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "VotingOpensAt",
                table: "Rounds",
                type: "bigint",
                nullable: true);

            // Existing accounts predate this column: give them Account.BeforeTracking (stored as the same UTC ticks the
            // model's converter writes), so they never look like accounts registered just before voting.
            migrationBuilder.AddColumn<long>(
                name: "CreatedAt",
                table: "AspNetUsers",
                type: "bigint",
                nullable: false,
                defaultValue: (long)new DateTimeOffsetToBinaryConverter().ConvertToProvider(Account.BeforeTracking)!);

            migrationBuilder.CreateIndex(
                name: "IX_Votes_RoundId_EntryId",
                table: "Votes",
                columns: new[] { "RoundId", "EntryId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Votes_RoundId_EntryId",
                table: "Votes");

            migrationBuilder.DropColumn(
                name: "IpAddress",
                table: "Votes");

            migrationBuilder.DropColumn(
                name: "RoundId",
                table: "Votes");

            migrationBuilder.DropColumn(
                name: "PublicWeightPercent",
                table: "Rounds");

            migrationBuilder.DropColumn(
                name: "VoteCutoff",
                table: "Rounds");

            migrationBuilder.DropColumn(
                name: "VotingClosesAt",
                table: "Rounds");

            migrationBuilder.DropColumn(
                name: "VotingOpensAt",
                table: "Rounds");

            migrationBuilder.DropColumn(
                name: "CreatedAt",
                table: "AspNetUsers");

            migrationBuilder.AlterColumn<string>(
                name: "DayKey",
                table: "Votes",
                type: "character varying(10)",
                maxLength: 10,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(32)",
                oldMaxLength: 32);
        }
    }
}
