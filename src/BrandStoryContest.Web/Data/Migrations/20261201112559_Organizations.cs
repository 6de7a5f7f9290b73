using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BrandStoryContest.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class Organizations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "OrganizationId",
                table: "Entries",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Organizations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ContestId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CreditCode = table.Column<string>(type: "TEXT", maxLength: 18, nullable: true),
                    ContactId = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Organizations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Organizations_AspNetUsers_ContactId",
                        column: x => x.ContactId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Organizations_Contests_ContestId",
                        column: x => x.ContestId,
                        principalTable: "Contests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "OrganizationAwards",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ContestId = table.Column<int>(type: "INTEGER", nullable: false),
                    OrganizationId = table.Column<int>(type: "INTEGER", nullable: false),
                    NameZh = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CertificateNumber = table.Column<string>(type: "TEXT", maxLength: 18, nullable: true),
                    CertificateBlob = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    CertificateIssuedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrganizationAwards", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OrganizationAwards_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Entries_OrganizationId",
                table: "Entries",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_OrganizationAwards_CertificateNumber",
                table: "OrganizationAwards",
                column: "CertificateNumber",
                unique: true,
                filter: "\"CertificateNumber\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_OrganizationAwards_ContestId",
                table: "OrganizationAwards",
                column: "ContestId");

            migrationBuilder.CreateIndex(
                name: "IX_OrganizationAwards_OrganizationId_NameZh",
                table: "OrganizationAwards",
                columns: new[] { "OrganizationId", "NameZh" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Organizations_ContactId",
                table: "Organizations",
                column: "ContactId");

            migrationBuilder.CreateIndex(
                name: "IX_Organizations_ContestId_CreditCode",
                table: "Organizations",
                columns: new[] { "ContestId", "CreditCode" },
                unique: true,
                filter: "\"CreditCode\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Organizations_ContestId_Name",
                table: "Organizations",
                columns: new[] { "ContestId", "Name" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_Entries_Organizations_OrganizationId",
                table: "Entries",
                column: "OrganizationId",
                principalTable: "Organizations",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Entries_Organizations_OrganizationId",
                table: "Entries");

            migrationBuilder.DropTable(
                name: "OrganizationAwards");

            migrationBuilder.DropTable(
                name: "Organizations");

            migrationBuilder.DropIndex(
                name: "IX_Entries_OrganizationId",
                table: "Entries");

            migrationBuilder.DropColumn(
                name: "OrganizationId",
                table: "Entries");
        }
    }
}
