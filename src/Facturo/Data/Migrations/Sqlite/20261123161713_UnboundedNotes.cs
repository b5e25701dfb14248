using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Facturo.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class UnboundedNotes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
