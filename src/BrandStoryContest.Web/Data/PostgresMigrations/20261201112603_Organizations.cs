using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace BrandStoryContest.Web.Data.PostgresMigrations
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
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Organizations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ContestId = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CreditCode = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: true),
                    ContactId = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ContestId = table.Column<int>(type: "integer", nullable: false),
                    OrganizationId = table.Column<int>(type: "integer", nullable: false),
                    NameZh = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    NameEn = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    CertificateNumber = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: true),
                    CertificateBlob = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    CertificateIssuedAt = table.Column<long>(type: "bigint", nullable: true)
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
