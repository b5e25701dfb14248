using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Facturo.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DebitBatches : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "debit_batches",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    format = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    debit_count = table.Column<int>(type: "INTEGER", nullable: false),
                    total_cents = table.Column<long>(type: "INTEGER", nullable: false),
                    currency_code = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 3, nullable: false),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    content = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_debit_batches", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_payments_debit_batch_id",
                table: "payments",
                column: "debit_batch_id");

            migrationBuilder.CreateIndex(
                name: "ix_debit_batches_format_sequence",
                table: "debit_batches",
                columns: new[] { "format", "sequence" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "fk_payments_debit_batches_debit_batch_id",
                table: "payments",
                column: "debit_batch_id",
                principalTable: "debit_batches",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_payments_debit_batches_debit_batch_id",
                table: "payments");

            migrationBuilder.DropTable(
                name: "debit_batches");

            migrationBuilder.DropIndex(
                name: "ix_payments_debit_batch_id",
                table: "payments");
        }
    }
}
