using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Facturo.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DebitBatchSpeed : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_payments_debit_batches_debit_batch_id",
                table: "payments");

            migrationBuilder.DropIndex(
                name: "ix_payments_debit_batch_id",
                table: "payments");

            migrationBuilder.DropIndex(
                name: "ix_payments_status_id",
                table: "payments");

            migrationBuilder.AlterTable(
                name: "payments")
                .Annotation("Npgsql:StorageParameter:fillfactor", 45);

            migrationBuilder.CreateIndex(
                name: "ix_payments_unsettled",
                table: "payments",
                column: "id",
                filter: "settled_at IS NULL");

            // Payments name their batch without a foreign key now: no batch may go away.
            AppendOnlyTriggers.RefuseDeletesPostgres(migrationBuilder, "debit_batches");

            // A file is stored encrypted, which no compression shrinks: trying (pglz on 31 MB) took longer than storing it.
            migrationBuilder.Sql("ALTER TABLE debit_batches ALTER COLUMN content SET STORAGE EXTERNAL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER TABLE debit_batches ALTER COLUMN content SET STORAGE EXTENDED;");
            AppendOnlyTriggers.AllowDeletesPostgres(migrationBuilder, "debit_batches");

            migrationBuilder.DropIndex(
                name: "ix_payments_unsettled",
                table: "payments");

            migrationBuilder.AlterTable(
                name: "payments")
                .OldAnnotation("Npgsql:StorageParameter:fillfactor", 45);

            migrationBuilder.CreateIndex(
                name: "ix_payments_debit_batch_id",
                table: "payments",
                column: "debit_batch_id");

            migrationBuilder.CreateIndex(
                name: "ix_payments_status_id",
                table: "payments",
                columns: new[] { "status", "id" });

            migrationBuilder.AddForeignKey(
                name: "fk_payments_debit_batches_debit_batch_id",
                table: "payments",
                column: "debit_batch_id",
                principalTable: "debit_batches",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }
    }
}
