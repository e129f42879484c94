using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CqpJury.App.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RecusalsAndSessionWideDocuments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "RecusedMemberIds",
                table: "Deliberations",
                type: "TEXT",
                maxLength: 400,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_IssuedDocuments_SessionWide",
                table: "IssuedDocuments",
                columns: new[] { "SessionId", "Kind" },
                unique: true,
                filter: "\"DossierId\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_IssuedDocuments_SessionWide",
                table: "IssuedDocuments");

            migrationBuilder.DropColumn(
                name: "RecusedMemberIds",
                table: "Deliberations");
        }
    }
}
