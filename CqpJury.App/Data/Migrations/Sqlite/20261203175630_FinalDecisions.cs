using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CqpJury.App.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FinalDecisions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Deliberations_DossierId_Signed",
                table: "Deliberations",
                column: "DossierId",
                unique: true,
                filter: "\"SignedAt\" IS NOT NULL");

            // R12 in the database: a signed decision and an issued document are final.
            foreach (var sql in FinalityTriggers.SqliteCreate)
            {
                migrationBuilder.Sql(sql);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var sql in FinalityTriggers.SqliteDrop)
            {
                migrationBuilder.Sql(sql);
            }

            migrationBuilder.DropIndex(
                name: "IX_Deliberations_DossierId_Signed",
                table: "Deliberations");
        }
    }
}
