using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Facturo.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AccountCountryAndExemptions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "customer_province",
                table: "invoices",
                newName: "customer_region");

            migrationBuilder.RenameColumn(
                name: "province",
                table: "accounts",
                newName: "region");

            migrationBuilder.AddColumn<string>(
                name: "customer_country",
                table: "invoices",
                type: "TEXT",
                fixedLength: true,
                maxLength: 2,
                nullable: false,
                defaultValue: "CA");

            migrationBuilder.AddColumn<string>(
                name: "country",
                table: "accounts",
                type: "TEXT",
                fixedLength: true,
                maxLength: 2,
                nullable: false,
                defaultValue: "CA");

            migrationBuilder.CreateTable(
                name: "tax_exemptions",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    account_id = table.Column<long>(type: "INTEGER", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    number = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    taxes = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    provinces = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    valid_from = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    valid_until = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    reserve = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    proof = table.Column<byte[]>(type: "BLOB", nullable: false),
                    proof_content_type = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    proof_file_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    recorded_by_staff_id = table.Column<long>(type: "INTEGER", nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    ended_by_staff_id = table.Column<long>(type: "INTEGER", nullable: true),
                    ended_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    expiry_notice_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tax_exemptions", x => x.id);
                    table.ForeignKey(
                        name: "fk_tax_exemptions_accounts_account_id",
                        column: x => x.account_id,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_tax_exemptions_staff_members_ended_by_staff_id",
                        column: x => x.ended_by_staff_id,
                        principalTable: "staff_members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_tax_exemptions_staff_members_recorded_by_staff_id",
                        column: x => x.recorded_by_staff_id,
                        principalTable: "staff_members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_tax_exemptions_account_id",
                table: "tax_exemptions",
                column: "account_id");

            migrationBuilder.CreateIndex(
                name: "ix_tax_exemptions_ended_by_staff_id",
                table: "tax_exemptions",
                column: "ended_by_staff_id");

            migrationBuilder.CreateIndex(
                name: "ix_tax_exemptions_recorded_by_staff_id",
                table: "tax_exemptions",
                column: "recorded_by_staff_id");

            migrationBuilder.CreateIndex(
                name: "ix_tax_exemptions_valid_until",
                table: "tax_exemptions",
                column: "valid_until");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "tax_exemptions");

            migrationBuilder.DropColumn(
                name: "customer_country",
                table: "invoices");

            migrationBuilder.DropColumn(
                name: "country",
                table: "accounts");

            migrationBuilder.RenameColumn(
                name: "customer_region",
                table: "invoices",
                newName: "customer_province");

            migrationBuilder.RenameColumn(
                name: "region",
                table: "accounts",
                newName: "province");
        }
    }
}
