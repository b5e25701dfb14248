using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Facturo.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InvoiceDelivery : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<byte[]>(
                name: "attachment",
                table: "outbox_emails",
                type: "BLOB",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "attachment_name",
                table: "outbox_emails",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "refused",
                table: "outbox_emails",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "paper_fee_for_lack_of_email",
                table: "biller_settings",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "invoice_deliveries",
                columns: table => new
                {
                    invoice_id = table.Column<long>(type: "INTEGER", nullable: false),
                    account_id = table.Column<long>(type: "INTEGER", nullable: false),
                    period = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 7, nullable: false),
                    channel = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    paper_reason = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    email_address = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    paper_fee_charged = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_invoice_deliveries", x => x.invoice_id);
                    table.ForeignKey(
                        name: "fk_invoice_deliveries_accounts_account_id",
                        column: x => x.account_id,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_invoice_deliveries_invoices_invoice_id",
                        column: x => x.invoice_id,
                        principalTable: "invoices",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_outbox_emails_to_address",
                table: "outbox_emails",
                column: "to_address");

            migrationBuilder.CreateIndex(
                name: "ix_invoice_deliveries_account_id",
                table: "invoice_deliveries",
                column: "account_id");

            migrationBuilder.CreateIndex(
                name: "ix_invoice_deliveries_period_channel",
                table: "invoice_deliveries",
                columns: new[] { "period", "channel" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "invoice_deliveries");

            migrationBuilder.DropIndex(
                name: "ix_outbox_emails_to_address",
                table: "outbox_emails");

            migrationBuilder.DropColumn(
                name: "attachment",
                table: "outbox_emails");

            migrationBuilder.DropColumn(
                name: "attachment_name",
                table: "outbox_emails");

            migrationBuilder.DropColumn(
                name: "refused",
                table: "outbox_emails");

            migrationBuilder.DropColumn(
                name: "paper_fee_for_lack_of_email",
                table: "biller_settings");
        }
    }
}
