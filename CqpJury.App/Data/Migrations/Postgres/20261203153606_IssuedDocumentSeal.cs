using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CqpJury.App.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class IssuedDocumentSeal : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SealCertificateSha256",
                table: "IssuedDocuments",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SealCertificateSubject",
                table: "IssuedDocuments",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_IssuedDocuments_SealCertificateSha256",
                table: "IssuedDocuments",
                column: "SealCertificateSha256");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_IssuedDocuments_SealCertificateSha256",
                table: "IssuedDocuments");

            migrationBuilder.DropColumn(
                name: "SealCertificateSha256",
                table: "IssuedDocuments");

            migrationBuilder.DropColumn(
                name: "SealCertificateSubject",
                table: "IssuedDocuments");
        }
    }
}
