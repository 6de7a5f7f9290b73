using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BrandStoryContest.Web.Data.Migrations
{
    /// <inheritdoc />
    // Existing categories get the national contest's limits (4 authors, 2 instructors), not 0.
    public partial class EntryModel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Certificates_AwardId",
                table: "Certificates");

            migrationBuilder.AddColumn<long>(
                name: "CorrectionDueAt",
                table: "Entries",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "OrganizationId",
                table: "Entries",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReturnReason",
                table: "Entries",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ReturnedAt",
                table: "Entries",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PreviousEditionId",
                table: "Contests",
                type: "INTEGER",
                nullable: true);

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
                name: "CategoryFields",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CategoryId = table.Column<int>(type: "INTEGER", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Required = table.Column<bool>(type: "INTEGER", nullable: false),
                    LabelZh = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    LabelEn = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    HelpZh = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    HelpEn = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Choices = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Identifying = table.Column<bool>(type: "INTEGER", nullable: false),
                    Archived = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CategoryFields", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CategoryFields_Categories_CategoryId",
                        column: x => x.CategoryId,
                        principalTable: "Categories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ContestScreeners",
                columns: table => new
                {
                    ContestId = table.Column<int>(type: "INTEGER", nullable: false),
                    ScreenerId = table.Column<string>(type: "TEXT", nullable: false),
                    NamedById = table.Column<string>(type: "TEXT", nullable: false),
                    NamedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContestScreeners", x => new { x.ContestId, x.ScreenerId });
                    table.ForeignKey(
                        name: "FK_ContestScreeners_AspNetUsers_ScreenerId",
                        column: x => x.ScreenerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ContestScreeners_Contests_ContestId",
                        column: x => x.ContestId,
                        principalTable: "Contests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Declarations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ContestId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    TextZh = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    TextEn = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    PublishedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    PublishedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false)
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
                name: "EntryFieldAnswers",
                columns: table => new
                {
                    EntryId = table.Column<int>(type: "INTEGER", nullable: false),
                    FieldId = table.Column<int>(type: "INTEGER", nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    BlobName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EntryFieldAnswers", x => new { x.EntryId, x.FieldId });
                    table.ForeignKey(
                        name: "FK_EntryFieldAnswers_CategoryFields_FieldId",
                        column: x => x.FieldId,
                        principalTable: "CategoryFields",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_EntryFieldAnswers_Entries_EntryId",
                        column: x => x.EntryId,
                        principalTable: "Entries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DeclarationAcceptances",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EntryId = table.Column<int>(type: "INTEGER", nullable: false),
                    DeclarationId = table.Column<int>(type: "INTEGER", nullable: false),
                    AcceptedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ClientAddress = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
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
                name: "IX_Contests_PreviousEditionId",
                table: "Contests",
                column: "PreviousEditionId");

            migrationBuilder.CreateIndex(
                name: "IX_Certificates_AwardId_Holder",
                table: "Certificates",
                columns: new[] { "AwardId", "Holder" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CategoryFields_CategoryId_Order",
                table: "CategoryFields",
                columns: new[] { "CategoryId", "Order" });

            migrationBuilder.CreateIndex(
                name: "IX_ContestScreeners_ScreenerId",
                table: "ContestScreeners",
                column: "ScreenerId");

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

            migrationBuilder.CreateIndex(
                name: "IX_EntryFieldAnswers_FieldId",
                table: "EntryFieldAnswers",
                column: "FieldId");

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
                name: "FK_Contests_Contests_PreviousEditionId",
                table: "Contests",
                column: "PreviousEditionId",
                principalTable: "Contests",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

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
                name: "FK_Contests_Contests_PreviousEditionId",
                table: "Contests");

            migrationBuilder.DropForeignKey(
                name: "FK_Entries_Organizations_OrganizationId",
                table: "Entries");

            migrationBuilder.DropTable(
                name: "ContestScreeners");

            migrationBuilder.DropTable(
                name: "DeclarationAcceptances");

            migrationBuilder.DropTable(
                name: "EntryAuthors");

            migrationBuilder.DropTable(
                name: "EntryFieldAnswers");

            migrationBuilder.DropTable(
                name: "OrganizationAwards");

            migrationBuilder.DropTable(
                name: "Declarations");

            migrationBuilder.DropTable(
                name: "CategoryFields");

            migrationBuilder.DropTable(
                name: "Organizations");

            migrationBuilder.DropIndex(
                name: "IX_Entries_OrganizationId",
                table: "Entries");

            migrationBuilder.DropIndex(
                name: "IX_Contests_PreviousEditionId",
                table: "Contests");

            migrationBuilder.DropIndex(
                name: "IX_Certificates_AwardId_Holder",
                table: "Certificates");

            migrationBuilder.DropColumn(
                name: "CorrectionDueAt",
                table: "Entries");

            migrationBuilder.DropColumn(
                name: "OrganizationId",
                table: "Entries");

            migrationBuilder.DropColumn(
                name: "ReturnReason",
                table: "Entries");

            migrationBuilder.DropColumn(
                name: "ReturnedAt",
                table: "Entries");

            migrationBuilder.DropColumn(
                name: "PreviousEditionId",
                table: "Contests");

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
