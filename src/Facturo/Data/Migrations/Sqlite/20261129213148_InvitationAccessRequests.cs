using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Facturo.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InvitationAccessRequests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "cancelled_at",
                table: "invitations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "access_requests",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    account_id = table.Column<long>(type: "INTEGER", nullable: false),
                    enterprise_id = table.Column<long>(type: "INTEGER", nullable: true),
                    full_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    language = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    requested_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    from_address = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    granted_role = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    decided_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    decided_by_user_id = table.Column<long>(type: "INTEGER", nullable: true),
                    decided_by_staff_id = table.Column<long>(type: "INTEGER", nullable: true),
                    invitation_id = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_access_requests", x => x.id);
                    table.ForeignKey(
                        name: "fk_access_requests_accounts_account_id",
                        column: x => x.account_id,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_access_requests_enterprises_enterprise_id",
                        column: x => x.enterprise_id,
                        principalTable: "enterprises",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_access_requests_invitations_invitation_id",
                        column: x => x.invitation_id,
                        principalTable: "invitations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_access_requests_account_id",
                table: "access_requests",
                column: "account_id");

            migrationBuilder.CreateIndex(
                name: "ix_access_requests_enterprise_id",
                table: "access_requests",
                column: "enterprise_id");

            migrationBuilder.CreateIndex(
                name: "ix_access_requests_invitation_id",
                table: "access_requests",
                column: "invitation_id");

            migrationBuilder.CreateIndex(
                name: "ix_access_requests_status_enterprise_id",
                table: "access_requests",
                columns: new[] { "status", "enterprise_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "access_requests");

            migrationBuilder.DropColumn(
                name: "cancelled_at",
                table: "invitations");
        }
    }
}
