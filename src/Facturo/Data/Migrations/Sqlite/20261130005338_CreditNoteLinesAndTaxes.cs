using Facturo.Data;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Facturo.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CreditNoteLinesAndTaxes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "credit_note_lines",
                columns: table => new
                {
                    credit_note_id = table.Column<long>(type: "INTEGER", nullable: false),
                    invoice_line_number = table.Column<int>(type: "INTEGER", nullable: false),
                    amount_cents = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_credit_note_lines", x => new { x.credit_note_id, x.invoice_line_number });
                    table.ForeignKey(
                        name: "fk_credit_note_lines_credit_notes_credit_note_id",
                        column: x => x.credit_note_id,
                        principalTable: "credit_notes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "credit_note_taxes",
                columns: table => new
                {
                    credit_note_id = table.Column<long>(type: "INTEGER", nullable: false),
                    code = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    rate = table.Column<decimal>(type: "TEXT", precision: 7, scale: 5, nullable: false),
                    base_cents = table.Column<long>(type: "INTEGER", nullable: false),
                    amount_cents = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_credit_note_taxes", x => new { x.credit_note_id, x.code });
                    table.ForeignKey(
                        name: "fk_credit_note_taxes_credit_notes_credit_note_id",
                        column: x => x.credit_note_id,
                        principalTable: "credit_notes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            // Credit notes issued before this gave back each invoice tax on the credited amount,
            // rounded half up on its own: recorded here so later credits count what they gave back.
            migrationBuilder.Sql("""
                INSERT INTO credit_note_taxes (credit_note_id, code, rate, base_cents, amount_cents)
                SELECT n.id, t.code, t.rate, n.subtotal_cents,
                       (n.subtotal_cents * CAST(round(t.rate * 100000) AS BIGINT) + 50000) / 100000
                FROM credit_notes n JOIN invoice_taxes t ON t.invoice_id = n.invoice_id
                """);
            AppendOnlyTriggers.ProtectSqlite(migrationBuilder, Facturo.Ledger.AppendOnlyGuard.CreditNoteDetailTables);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "credit_note_lines");

            migrationBuilder.DropTable(
                name: "credit_note_taxes");
        }
    }
}
