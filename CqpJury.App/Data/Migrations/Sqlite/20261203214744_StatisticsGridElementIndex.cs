using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CqpJury.App.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StatisticsGridElementIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_GridElements_CompetenceEvaluationId",
                table: "GridElements");

            migrationBuilder.CreateIndex(
                name: "IX_GridElements_CompetenceEvaluationId_IsEssential_Status",
                table: "GridElements",
                columns: new[] { "CompetenceEvaluationId", "IsEssential", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_GridElements_CompetenceEvaluationId_IsEssential_Status",
                table: "GridElements");

            migrationBuilder.CreateIndex(
                name: "IX_GridElements_CompetenceEvaluationId",
                table: "GridElements",
                column: "CompetenceEvaluationId");
        }
    }
}
