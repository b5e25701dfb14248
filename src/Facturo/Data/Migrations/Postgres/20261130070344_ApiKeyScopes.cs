using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Facturo.Data.Migrations.Postgres
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
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "scopes",
                table: "api_key",
                type: "character varying(100)",
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
