using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Facturo.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class BankSftp : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "bank_exchange_attempts",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    succeeded = table.Column<bool>(type: "boolean", nullable: false),
                    started_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    uploaded = table.Column<int>(type: "integer", nullable: false),
                    fetched = table.Column<int>(type: "integer", nullable: false),
                    error_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    error_arguments = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_bank_exchange_attempts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "bank_fetches",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    kind = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    remote_name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    remote_size = table.Column<long>(type: "bigint", nullable: false),
                    remote_modified_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    fetched_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    error_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    error_arguments = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_bank_fetches", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "bank_uploads",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    debit_batch_id = table.Column<long>(type: "bigint", nullable: false),
                    remote_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    queued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    uploaded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_bank_uploads", x => x.id);
                    table.ForeignKey(
                        name: "fk_bank_uploads_debit_batches_debit_batch_id",
                        column: x => x.debit_batch_id,
                        principalTable: "debit_batches",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_bank_exchange_attempts_succeeded_id",
                table: "bank_exchange_attempts",
                columns: new[] { "succeeded", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_bank_fetches_kind_remote_name_remote_size_remote_modified_at",
                table: "bank_fetches",
                columns: new[] { "kind", "remote_name", "remote_size", "remote_modified_at" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_bank_uploads_debit_batch_id",
                table: "bank_uploads",
                column: "debit_batch_id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "bank_exchange_attempts");

            migrationBuilder.DropTable(
                name: "bank_fetches");

            migrationBuilder.DropTable(
                name: "bank_uploads");
        }
    }
}
