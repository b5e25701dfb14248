using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Facturo.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OrderPayments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "card_authorization_code",
                table: "orders",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "card_brand",
                table: "orders",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "card_expiry",
                table: "orders",
                type: "TEXT",
                maxLength: 7,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "card_last4",
                table: "orders",
                type: "TEXT",
                maxLength: 4,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "card_token",
                table: "orders",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "supplier_account_number",
                table: "orders",
                type: "TEXT",
                maxLength: 20,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "card_authorization_code",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "card_brand",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "card_expiry",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "card_last4",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "card_token",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "supplier_account_number",
                table: "orders");
        }
    }
}
