using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace BrandStoryContest.Web.Data.PostgresMigrations
{
    /// <inheritdoc />
    public partial class DeclarationsAndNextEdition : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "PreviousEditionId",
                table: "Contests",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Declarations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ContestId = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    TextZh = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    TextEn = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: true),
                    PublishedAt = table.Column<long>(type: "bigint", nullable: false),
                    PublishedById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Declarations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Declarations_Contests_ContestId",
                        column: x => x.ContestId,
                        principalTable: "Contests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DeclarationAcceptances",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EntryId = table.Column<int>(type: "integer", nullable: false),
                    DeclarationId = table.Column<int>(type: "integer", nullable: false),
                    AcceptedAt = table.Column<long>(type: "bigint", nullable: false),
                    ClientAddress = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeclarationAcceptances", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DeclarationAcceptances_Declarations_DeclarationId",
                        column: x => x.DeclarationId,
                        principalTable: "Declarations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DeclarationAcceptances_Entries_EntryId",
                        column: x => x.EntryId,
                        principalTable: "Entries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Contests_PreviousEditionId",
                table: "Contests",
                column: "PreviousEditionId");

            migrationBuilder.CreateIndex(
                name: "IX_DeclarationAcceptances_DeclarationId",
                table: "DeclarationAcceptances",
                column: "DeclarationId");

            migrationBuilder.CreateIndex(
                name: "IX_DeclarationAcceptances_EntryId_DeclarationId",
                table: "DeclarationAcceptances",
                columns: new[] { "EntryId", "DeclarationId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Declarations_ContestId_Kind_Version",
                table: "Declarations",
                columns: new[] { "ContestId", "Kind", "Version" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_Contests_Contests_PreviousEditionId",
                table: "Contests",
                column: "PreviousEditionId",
                principalTable: "Contests",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Contests_Contests_PreviousEditionId",
                table: "Contests");

            migrationBuilder.DropTable(
                name: "DeclarationAcceptances");

            migrationBuilder.DropTable(
                name: "Declarations");

            migrationBuilder.DropIndex(
                name: "IX_Contests_PreviousEditionId",
                table: "Contests");

            migrationBuilder.DropColumn(
                name: "PreviousEditionId",
                table: "Contests");
        }
    }
}
