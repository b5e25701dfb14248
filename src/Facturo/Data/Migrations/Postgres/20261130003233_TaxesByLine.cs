using Facturo.Data;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Facturo.Data.Migrations.Postgres
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
                type: "character varying(5)",
                maxLength: 5,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "code",
                table: "invoice_taxes",
                type: "character varying(8)",
                maxLength: 8,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<long>(
                name: "base_cents",
                table: "invoice_taxes",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "exemption_certificates",
                table: "invoice_lines",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "outside_canada",
                table: "invoice_lines",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "place_of_supply",
                table: "invoice_lines",
                type: "character varying(5)",
                maxLength: 5,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "tax_codes",
                table: "invoice_lines",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "destination",
                table: "charges",
                type: "character varying(5)",
                maxLength: 5,
                nullable: true);

            string[] backfilled = ["invoice_taxes", "invoice_lines"];
            AppendOnlyTriggers.LiftPostgres(migrationBuilder, backfilled);
            // Invoices issued before taxes went by line were taxed whole at the customer's province:
            // each tax's base was the subtotal, and every line was supplied there and bore every tax.
            migrationBuilder.Sql("""
                UPDATE invoice_taxes SET
                    code = CASE WHEN kind = 'Gst' THEN 'GST' ELSE upper(kind) || '-' || (SELECT i.customer_province FROM invoices i WHERE i.id = invoice_taxes.invoice_id) END,
                    base_cents = (SELECT i.subtotal_cents FROM invoices i WHERE i.id = invoice_taxes.invoice_id)
                """);
            migrationBuilder.Sql("""
                UPDATE invoice_lines SET
                    place_of_supply = 'CA-' || (SELECT i.customer_province FROM invoices i WHERE i.id = invoice_lines.invoice_id),
                    tax_codes = coalesce((SELECT string_agg(t.code, ' ' ORDER BY t.code) FROM invoice_taxes t WHERE t.invoice_id = invoice_lines.invoice_id), '')
                """);

            migrationBuilder.DropPrimaryKey(
                name: "pk_invoice_taxes",
                table: "invoice_taxes");

            migrationBuilder.DropColumn(
                name: "kind",
                table: "invoice_taxes");

            migrationBuilder.AddPrimaryKey(
                name: "pk_invoice_taxes",
                table: "invoice_taxes",
                columns: new[] { "invoice_id", "code" });

            AppendOnlyTriggers.ProtectPostgres(migrationBuilder, backfilled);
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
                type: "character varying(4)",
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
