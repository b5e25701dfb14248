using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Facturo.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AutomaticLeaseDebits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "scope",
                table: "debit_authorizations",
                type: "character varying(24)",
                maxLength: 24,
                nullable: false,
                defaultValue: "PortalPayments");

            migrationBuilder.CreateTable(
                name: "automatic_debits",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    enterprise_id = table.Column<long>(type: "bigint", nullable: false),
                    account_id = table.Column<long>(type: "bigint", nullable: false),
                    bank_account_id = table.Column<long>(type: "bigint", nullable: false),
                    authorization_id = table.Column<long>(type: "bigint", nullable: false),
                    created_by_user_id = table.Column<long>(type: "bigint", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    cancelled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    cancelled_by_user_id = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_automatic_debits", x => x.id);
                    table.ForeignKey(
                        name: "fk_automatic_debits_accounts_account_id",
                        column: x => x.account_id,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_automatic_debits_bank_accounts_bank_account_id",
                        column: x => x.bank_account_id,
                        principalTable: "bank_accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_automatic_debits_debit_authorizations_authorization_id",
                        column: x => x.authorization_id,
                        principalTable: "debit_authorizations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_automatic_debits_enterprises_enterprise_id",
                        column: x => x.enterprise_id,
                        principalTable: "enterprises",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_automatic_debits_account_id",
                table: "automatic_debits",
                column: "account_id");

            migrationBuilder.CreateIndex(
                name: "ix_automatic_debits_authorization_id",
                table: "automatic_debits",
                column: "authorization_id");

            migrationBuilder.CreateIndex(
                name: "ix_automatic_debits_bank_account_id",
                table: "automatic_debits",
                column: "bank_account_id");

            migrationBuilder.CreateIndex(
                name: "ix_automatic_debits_enterprise_id",
                table: "automatic_debits",
                column: "enterprise_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "automatic_debits");

            migrationBuilder.DropColumn(
                name: "scope",
                table: "debit_authorizations");
        }
    }
}
