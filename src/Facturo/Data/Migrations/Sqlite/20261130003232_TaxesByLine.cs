using Facturo.Data;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Facturo.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TaxesByLine : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {

            migrationBuilder.AddColumn<string>(
                name: "destination",
                table: "order_lines",
                type: "TEXT",
                maxLength: 5,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "exemption_certificates",
                table: "invoice_lines",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "outside_canada",
                table: "invoice_lines",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "place_of_supply",
                table: "invoice_lines",
                type: "TEXT",
                maxLength: 5,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "tax_codes",
                table: "invoice_lines",
                type: "TEXT",
                maxLength: 40,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "destination",
                table: "charges",
                type: "TEXT",
                maxLength: 5,
                nullable: true);

            string[] backfilled = ["invoice_taxes", "invoice_lines"];
            AppendOnlyTriggers.LiftSqlite(migrationBuilder, backfilled);
            // Invoices issued before taxes went by line were taxed whole at the customer's province:
            // each tax's base was the subtotal, and every line was supplied there and bore every tax.
            // SQLite cannot change a primary key in place; EF would rebuild the table after this
            // migration's last step and drop its append-only triggers, so the rebuild is done here.
            migrationBuilder.Sql("""
                CREATE TABLE "ef_temp_invoice_taxes" (
                    "invoice_id" INTEGER NOT NULL,
                    "code" TEXT NOT NULL,
                    "amount_cents" INTEGER NOT NULL,
                    "base_cents" INTEGER NOT NULL,
                    "rate" TEXT NOT NULL,
                    CONSTRAINT "pk_invoice_taxes" PRIMARY KEY ("invoice_id", "code"),
                    CONSTRAINT "fk_invoice_taxes_invoices_invoice_id" FOREIGN KEY ("invoice_id") REFERENCES "invoices" ("id") ON DELETE RESTRICT
                );
                """);
            migrationBuilder.Sql("""
                INSERT INTO ef_temp_invoice_taxes (invoice_id, code, amount_cents, base_cents, rate)
                SELECT t.invoice_id,
                       CASE WHEN t.kind = 'Gst' THEN 'GST' ELSE upper(t.kind) || '-' || i.customer_province END,
                       t.amount_cents, i.subtotal_cents, t.rate
                FROM invoice_taxes t JOIN invoices i ON i.id = t.invoice_id;
                """);
            migrationBuilder.Sql("DROP TABLE invoice_taxes;");
            migrationBuilder.Sql("ALTER TABLE ef_temp_invoice_taxes RENAME TO invoice_taxes;");
            migrationBuilder.Sql("""
                UPDATE invoice_lines SET
                    place_of_supply = 'CA-' || (SELECT i.customer_province FROM invoices i WHERE i.id = invoice_lines.invoice_id),
                    tax_codes = coalesce((SELECT group_concat(t.code, ' ') FROM invoice_taxes t WHERE t.invoice_id = invoice_lines.invoice_id), '')
                """);

            AppendOnlyTriggers.ProtectSqlite(migrationBuilder, backfilled);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "pk_invoice_taxes",
                table: "invoice_taxes");

            migrationBuilder.DropColumn(
                name: "destination",
                table: "order_lines");

            migrationBuilder.DropColumn(
                name: "code",
                table: "invoice_taxes");

            migrationBuilder.DropColumn(
                name: "base_cents",
                table: "invoice_taxes");

            migrationBuilder.DropColumn(
                name: "exemption_certificates",
                table: "invoice_lines");

            migrationBuilder.DropColumn(
                name: "outside_canada",
                table: "invoice_lines");

            migrationBuilder.DropColumn(
                name: "place_of_supply",
                table: "invoice_lines");

            migrationBuilder.DropColumn(
                name: "tax_codes",
                table: "invoice_lines");

            migrationBuilder.DropColumn(
                name: "destination",
                table: "charges");

            migrationBuilder.AddColumn<string>(
                name: "kind",
                table: "invoice_taxes",
                type: "TEXT",
                maxLength: 4,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddPrimaryKey(
                name: "pk_invoice_taxes",
                table: "invoice_taxes",
                columns: new[] { "invoice_id", "kind" });
        }
    }
}
