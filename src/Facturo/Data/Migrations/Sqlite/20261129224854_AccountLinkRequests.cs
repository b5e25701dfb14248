using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Facturo.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AccountLinkRequests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "account_link_requests",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    token_hash = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 64, nullable: false),
                    enterprise_id = table.Column<long>(type: "INTEGER", nullable: false),
                    account_id = table.Column<long>(type: "INTEGER", nullable: false),
                    requested_by_user_id = table.Column<long>(type: "INTEGER", nullable: false),
                    sent_to = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    confirmed_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    cancelled_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_account_link_requests", x => x.id);
                    table.ForeignKey(
                        name: "fk_account_link_requests_accounts_account_id",
                        column: x => x.account_id,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_account_link_requests_asp_net_users_requested_by_user_id",
                        column: x => x.requested_by_user_id,
                        principalTable: "portal_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_account_link_requests_enterprises_enterprise_id",
                        column: x => x.enterprise_id,
                        principalTable: "enterprises",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_account_link_requests_account_id",
                table: "account_link_requests",
                column: "account_id");

            migrationBuilder.CreateIndex(
                name: "ix_account_link_requests_enterprise_id_account_id",
                table: "account_link_requests",
                columns: new[] { "enterprise_id", "account_id" });

            migrationBuilder.CreateIndex(
                name: "ix_account_link_requests_requested_by_user_id",
                table: "account_link_requests",
                column: "requested_by_user_id");

            migrationBuilder.CreateIndex(
                name: "ix_account_link_requests_token_hash",
                table: "account_link_requests",
                column: "token_hash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "account_link_requests");
        }
    }
}
