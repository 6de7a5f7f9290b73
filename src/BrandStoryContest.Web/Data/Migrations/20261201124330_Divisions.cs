using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BrandStoryContest.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class Divisions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "CarriedOver",
                table: "Entries",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "RecommendationClosesAt",
                table: "Contests",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Divisions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FinalId = table.Column<int>(type: "INTEGER", nullable: false),
                    ContestId = table.Column<int>(type: "INTEGER", nullable: false),
                    NameZh = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Divisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Divisions_Contests_ContestId",
                        column: x => x.ContestId,
                        principalTable: "Contests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Divisions_Contests_FinalId",
                        column: x => x.FinalId,
                        principalTable: "Contests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DivisionQuotas",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DivisionId = table.Column<int>(type: "INTEGER", nullable: false),
                    FinalCategoryId = table.Column<int>(type: "INTEGER", nullable: false),
                    DivisionCategoryId = table.Column<int>(type: "INTEGER", nullable: false),
                    Quota = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DivisionQuotas", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DivisionQuotas_Categories_DivisionCategoryId",
                        column: x => x.DivisionCategoryId,
                        principalTable: "Categories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DivisionQuotas_Categories_FinalCategoryId",
                        column: x => x.FinalCategoryId,
                        principalTable: "Categories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DivisionQuotas_Divisions_DivisionId",
                        column: x => x.DivisionId,
                        principalTable: "Divisions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Recommendations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DivisionId = table.Column<int>(type: "INTEGER", nullable: false),
                    SourceEntryId = table.Column<int>(type: "INTEGER", nullable: false),
                    FinalEntryId = table.Column<int>(type: "INTEGER", nullable: false),
                    FinalCategoryId = table.Column<int>(type: "INTEGER", nullable: false),
                    FromRoundId = table.Column<int>(type: "INTEGER", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    RecommendedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    RecommendedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    WithdrawnAt = table.Column<long>(type: "INTEGER", nullable: true),
                    QuotaSlot = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Recommendations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Recommendations_Divisions_DivisionId",
                        column: x => x.DivisionId,
                        principalTable: "Divisions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Recommendations_Entries_FinalEntryId",
                        column: x => x.FinalEntryId,
                        principalTable: "Entries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Recommendations_Entries_SourceEntryId",
                        column: x => x.SourceEntryId,
                        principalTable: "Entries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DivisionQuotas_DivisionCategoryId",
                table: "DivisionQuotas",
                column: "DivisionCategoryId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DivisionQuotas_DivisionId_FinalCategoryId",
                table: "DivisionQuotas",
                columns: new[] { "DivisionId", "FinalCategoryId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DivisionQuotas_FinalCategoryId",
                table: "DivisionQuotas",
                column: "FinalCategoryId");

            migrationBuilder.CreateIndex(
                name: "IX_Divisions_ContestId",
                table: "Divisions",
                column: "ContestId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Divisions_FinalId",
                table: "Divisions",
                column: "FinalId");

            migrationBuilder.CreateIndex(
                name: "IX_Recommendations_DivisionId_FinalCategoryId_QuotaSlot",
                table: "Recommendations",
                columns: new[] { "DivisionId", "FinalCategoryId", "QuotaSlot" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Recommendations_FinalEntryId",
                table: "Recommendations",
                column: "FinalEntryId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Recommendations_SourceEntryId",
                table: "Recommendations",
                column: "SourceEntryId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DivisionQuotas");

            migrationBuilder.DropTable(
                name: "Recommendations");

            migrationBuilder.DropTable(
                name: "Divisions");

            migrationBuilder.DropColumn(
                name: "CarriedOver",
                table: "Entries");

            migrationBuilder.DropColumn(
                name: "RecommendationClosesAt",
                table: "Contests");
        }
    }
}
