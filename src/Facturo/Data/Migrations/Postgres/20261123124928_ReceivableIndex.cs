using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Facturo.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ReceivableIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_ledger_entries_customer_account_id_document_kind_document_id",
                table: "ledger_entries");

            migrationBuilder.CreateIndex(
                name: "ix_ledger_entries_customer_account_id_account_document_kind_do",
                table: "ledger_entries",
                columns: new[] { "customer_account_id", "account", "document_kind", "document_id", "amount_cents" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_ledger_entries_customer_account_id_account_document_kind_do",
                table: "ledger_entries");

            migrationBuilder.CreateIndex(
                name: "ix_ledger_entries_customer_account_id_document_kind_document_id",
                table: "ledger_entries",
                columns: new[] { "customer_account_id", "document_kind", "document_id" });
        }
    }
}
