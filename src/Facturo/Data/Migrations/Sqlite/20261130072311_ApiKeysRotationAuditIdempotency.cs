using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Facturo.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ApiKeysRotationAuditIdempotency : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "issued_by",
                table: "api_key",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "last_used_at",
                table: "api_key",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "previous_key_hash",
                table: "api_key",
                type: "TEXT",
                fixedLength: true,
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "previous_key_valid_until",
                table: "api_key",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "revoked_by",
                table: "api_key",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "rotated_at",
                table: "api_key",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "rotated_by",
                table: "api_key",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "api_audit_entry",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    api_key_id = table.Column<long>(type: "INTEGER", nullable: false),
                    key_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    action = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    subject = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    status = table.Column<int>(type: "INTEGER", nullable: false),
                    ip_address = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_api_audit_entry", x => x.id);
                    table.ForeignKey(
                        name: "fk_api_audit_entry_api_key_api_key_id",
                        column: x => x.api_key_id,
                        principalTable: "api_key",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "idempotent_request",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    api_key_id = table.Column<long>(type: "INTEGER", nullable: false),
                    key = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    request_hash = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 64, nullable: false),
                    claim_token = table.Column<Guid>(type: "TEXT", nullable: false),
                    claimed_until = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    response_status = table.Column<int>(type: "INTEGER", nullable: true),
                    response_content_type = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    response_location = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    response_body = table.Column<byte[]>(type: "BLOB", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_idempotent_request", x => x.id);
                    table.ForeignKey(
                        name: "fk_idempotent_request_api_key_api_key_id",
                        column: x => x.api_key_id,
                        principalTable: "api_key",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_api_key_previous_key_hash",
                table: "api_key",
                column: "previous_key_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_api_audit_entry_api_key_id_id",
                table: "api_audit_entry",
                columns: new[] { "api_key_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_idempotent_request_api_key_id_key",
                table: "idempotent_request",
                columns: new[] { "api_key_id", "key" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "api_audit_entry");

            migrationBuilder.DropTable(
                name: "idempotent_request");

            migrationBuilder.DropIndex(
                name: "ix_api_key_previous_key_hash",
                table: "api_key");

            migrationBuilder.DropColumn(
                name: "issued_by",
                table: "api_key");

            migrationBuilder.DropColumn(
                name: "last_used_at",
                table: "api_key");

            migrationBuilder.DropColumn(
                name: "previous_key_hash",
                table: "api_key");

            migrationBuilder.DropColumn(
                name: "previous_key_valid_until",
                table: "api_key");

            migrationBuilder.DropColumn(
                name: "revoked_by",
                table: "api_key");

            migrationBuilder.DropColumn(
                name: "rotated_at",
                table: "api_key");

            migrationBuilder.DropColumn(
                name: "rotated_by",
                table: "api_key");
        }
    }
}
