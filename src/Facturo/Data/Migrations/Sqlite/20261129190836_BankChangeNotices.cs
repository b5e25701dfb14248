using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Facturo.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class BankChangeNotices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "bank_change_notices",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    payment_id = table.Column<long>(type: "INTEGER", nullable: false),
                    bank_account_id = table.Column<long>(type: "INTEGER", nullable: false),
                    change_code = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    protected_corrected_data = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    corrected_data_shown = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    original_trace_number = table.Column<string>(type: "TEXT", maxLength: 15, nullable: false),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    closed_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    resolution = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_bank_change_notices", x => x.id);
                    table.ForeignKey(
                        name: "fk_bank_change_notices_bank_accounts_bank_account_id",
                        column: x => x.bank_account_id,
                        principalTable: "bank_accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_bank_change_notices_payments_payment_id",
                        column: x => x.payment_id,
                        principalTable: "payments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_bank_change_notices_bank_account_id",
                table: "bank_change_notices",
                column: "bank_account_id");

            migrationBuilder.CreateIndex(
                name: "ix_bank_change_notices_payment_id",
                table: "bank_change_notices",
                column: "payment_id");

            migrationBuilder.CreateIndex(
                name: "ix_bank_change_notices_status_id",
                table: "bank_change_notices",
                columns: new[] { "status", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "bank_change_notices");
        }
    }
}
