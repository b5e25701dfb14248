using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Facturo.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ApiKeyScopes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "customer_numbers",
                table: "api_key",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "scopes",
                table: "api_key",
                type: "TEXT",
                maxLength: 100,
                nullable: false,
                // Keys issued before scopes keep every scope they had.
                defaultValue: "read orders billing payments");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "customer_numbers",
                table: "api_key");

            migrationBuilder.DropColumn(
                name: "scopes",
                table: "api_key");
        }
    }
}
