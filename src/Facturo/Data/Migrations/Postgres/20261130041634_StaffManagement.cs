using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Facturo.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class StaffManagement : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "last_sign_in_at",
                table: "staff_members",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "password_link_expires_at",
                table: "staff_members",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "password_link_hash",
                table: "staff_members",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_staff_members_password_link_hash",
                table: "staff_members",
                column: "password_link_hash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_staff_members_password_link_hash",
                table: "staff_members");

            migrationBuilder.DropColumn(
                name: "last_sign_in_at",
                table: "staff_members");

            migrationBuilder.DropColumn(
                name: "password_link_expires_at",
                table: "staff_members");

            migrationBuilder.DropColumn(
                name: "password_link_hash",
                table: "staff_members");
        }
    }
}
