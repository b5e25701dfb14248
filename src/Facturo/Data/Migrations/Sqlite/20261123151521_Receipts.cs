using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Facturo.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Receipts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "receipts",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    method = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    account_id = table.Column<long>(type: "INTEGER", nullable: true),
                    amount_cents = table.Column<long>(type: "INTEGER", nullable: false),
                    currency_code = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 3, nullable: false),
                    received_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    payer_name = table.Column<string>(type: "TEXT", maxLength: 140, nullable: true),
                    payer_reference = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    bank_reference = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    import_id = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_receipts", x => x.id);
                    table.ForeignKey(
                        name: "fk_receipts_accounts_account_id",
                        column: x => x.account_id,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_receipts_bank_file_imports_import_id",
                        column: x => x.import_id,
                        principalTable: "bank_file_imports",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "receipt_allocations",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    receipt_id = table.Column<long>(type: "INTEGER", nullable: false),
                    invoice_id = table.Column<long>(type: "INTEGER", nullable: false),
                    amount_cents = table.Column<long>(type: "INTEGER", nullable: false),
                    applied_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_receipt_allocations", x => x.id);
                    table.ForeignKey(
                        name: "fk_receipt_allocations_invoices_invoice_id",
                        column: x => x.invoice_id,
                        principalTable: "invoices",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_receipt_allocations_receipts_receipt_id",
                        column: x => x.receipt_id,
                        principalTable: "receipts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_receipt_allocations_invoice_id",
                table: "receipt_allocations",
                column: "invoice_id");

            migrationBuilder.CreateIndex(
                name: "ix_receipt_allocations_receipt_id",
                table: "receipt_allocations",
                column: "receipt_id");

            migrationBuilder.CreateIndex(
                name: "ix_receipts_account_id",
                table: "receipts",
                column: "account_id");

            migrationBuilder.CreateIndex(
                name: "ix_receipts_bank_reference",
                table: "receipts",
                column: "bank_reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_receipts_import_id",
                table: "receipts",
                column: "import_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "receipt_allocations");

            migrationBuilder.DropTable(
                name: "receipts");
        }
    }
}
