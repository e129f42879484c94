using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CqpJury.App.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddressesForDecisions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ContactEmail",
                table: "Organisations",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EmployerContactEmailOverride",
                table: "Dossiers",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PostalAddress_City",
                table: "Candidates",
                type: "character varying(38)",
                maxLength: 38,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PostalAddress_Country",
                table: "Candidates",
                type: "character varying(38)",
                maxLength: 38,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PostalAddress_Line1",
                table: "Candidates",
                type: "character varying(38)",
                maxLength: 38,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PostalAddress_Line2",
                table: "Candidates",
                type: "character varying(38)",
                maxLength: 38,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PostalAddress_PostalCode",
                table: "Candidates",
                type: "character varying(10)",
                maxLength: 10,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ContactEmail",
                table: "Organisations");

            migrationBuilder.DropColumn(
                name: "EmployerContactEmailOverride",
                table: "Dossiers");

            migrationBuilder.DropColumn(
                name: "PostalAddress_City",
                table: "Candidates");

            migrationBuilder.DropColumn(
                name: "PostalAddress_Country",
                table: "Candidates");

            migrationBuilder.DropColumn(
                name: "PostalAddress_Line1",
                table: "Candidates");

            migrationBuilder.DropColumn(
                name: "PostalAddress_Line2",
                table: "Candidates");

            migrationBuilder.DropColumn(
                name: "PostalAddress_PostalCode",
                table: "Candidates");
        }
    }
}
