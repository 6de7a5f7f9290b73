using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BrandStoryContest.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class EntryAuthors : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Certificates_AwardId",
                table: "Certificates");

            migrationBuilder.AddColumn<int>(
                name: "Holder",
                table: "Certificates",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Names",
                table: "Certificates",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "MaxAuthors",
                table: "Categories",
                type: "INTEGER",
                nullable: false,
                defaultValue: 4);

            migrationBuilder.AddColumn<int>(
                name: "MaxInstructors",
                table: "Categories",
                type: "INTEGER",
                nullable: false,
                defaultValue: 2);

            migrationBuilder.AddColumn<bool>(
                name: "CertificatePerPerson",
                table: "Awards",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "EntryAuthors",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EntryId = table.Column<int>(type: "INTEGER", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Organization = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    AccountId = table.Column<string>(type: "TEXT", nullable: true),
                    ConfirmedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ConfirmToken = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EntryAuthors", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EntryAuthors_Entries_EntryId",
                        column: x => x.EntryId,
                        principalTable: "Entries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Certificates_AwardId_Holder",
                table: "Certificates",
                columns: new[] { "AwardId", "Holder" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EntryAuthors_AccountId",
                table: "EntryAuthors",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_EntryAuthors_ConfirmToken",
                table: "EntryAuthors",
                column: "ConfirmToken",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EntryAuthors_EntryId",
                table: "EntryAuthors",
                column: "EntryId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EntryAuthors");

            migrationBuilder.DropIndex(
                name: "IX_Certificates_AwardId_Holder",
                table: "Certificates");

            migrationBuilder.DropColumn(
                name: "Holder",
                table: "Certificates");

            migrationBuilder.DropColumn(
                name: "Names",
                table: "Certificates");

            migrationBuilder.DropColumn(
                name: "MaxAuthors",
                table: "Categories");

            migrationBuilder.DropColumn(
                name: "MaxInstructors",
                table: "Categories");

            migrationBuilder.DropColumn(
                name: "CertificatePerPerson",
                table: "Awards");

            migrationBuilder.CreateIndex(
                name: "IX_Certificates_AwardId",
                table: "Certificates",
                column: "AwardId",
                unique: true);
        }
    }
}
