using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CqpJury.App.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LiveRoom : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ClosedAt",
                table: "JurySessions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClosedBy",
                table: "JurySessions",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "CurrentDossierId",
                table: "JurySessions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "PresidentDesignatedAt",
                table: "JurySessions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "PresidentMemberId",
                table: "JurySessions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ConflictDeclarations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SessionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DossierId = table.Column<Guid>(type: "TEXT", nullable: false),
                    JuryMemberId = table.Column<Guid>(type: "TEXT", nullable: false),
                    HasConflict = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsKnown = table.Column<bool>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    DeclaredAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConflictDeclarations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Deliberations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SessionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DossierId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PanelMemberIds = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    Round = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    OpenedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Outcome = table.Column<int>(type: "INTEGER", nullable: true),
                    DecidedValidations = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Comments = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    ObservationsAnswer = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    SignedByMemberId = table.Column<Guid>(type: "TEXT", nullable: true),
                    SignedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    SignedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    PostponementReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    PostponedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Deliberations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PresidencyEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SessionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    ActorMemberId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CandidateMemberId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PresidencyEvents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SessionAttendances",
                columns: table => new
                {
                    SessionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    JuryMemberId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FirstJoinedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastJoinedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SessionAttendances", x => new { x.SessionId, x.JuryMemberId });
                });

            migrationBuilder.CreateTable(
                name: "StandAsides",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SessionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DossierId = table.Column<Guid>(type: "TEXT", nullable: false),
                    JuryMemberId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AppliedByMemberId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StandAsides", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DeliberationEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DeliberationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    ActorMemberId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Round = table.Column<int>(type: "INTEGER", nullable: false),
                    Choice = table.Column<int>(type: "INTEGER", nullable: true),
                    Payload = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeliberationEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DeliberationEvents_Deliberations_DeliberationId",
                        column: x => x.DeliberationId,
                        principalTable: "Deliberations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ConflictDeclarations_SessionId_DossierId_JuryMemberId",
                table: "ConflictDeclarations",
                columns: new[] { "SessionId", "DossierId", "JuryMemberId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DeliberationEvents_DeliberationId_Version",
                table: "DeliberationEvents",
                columns: new[] { "DeliberationId", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Deliberations_SessionId_DossierId",
                table: "Deliberations",
                columns: new[] { "SessionId", "DossierId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PresidencyEvents_SessionId",
                table: "PresidencyEvents",
                column: "SessionId");

            migrationBuilder.CreateIndex(
                name: "IX_StandAsides_SessionId_DossierId_JuryMemberId",
                table: "StandAsides",
                columns: new[] { "SessionId", "DossierId", "JuryMemberId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ConflictDeclarations");

            migrationBuilder.DropTable(
                name: "DeliberationEvents");

            migrationBuilder.DropTable(
                name: "PresidencyEvents");

            migrationBuilder.DropTable(
                name: "SessionAttendances");

            migrationBuilder.DropTable(
                name: "StandAsides");

            migrationBuilder.DropTable(
                name: "Deliberations");

            migrationBuilder.DropColumn(
                name: "ClosedAt",
                table: "JurySessions");

            migrationBuilder.DropColumn(
                name: "ClosedBy",
                table: "JurySessions");

            migrationBuilder.DropColumn(
                name: "CurrentDossierId",
                table: "JurySessions");

            migrationBuilder.DropColumn(
                name: "PresidentDesignatedAt",
                table: "JurySessions");

            migrationBuilder.DropColumn(
                name: "PresidentMemberId",
                table: "JurySessions");
        }
    }
}
