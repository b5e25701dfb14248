using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Facturo.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DebitBatchExports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "exported_at",
                table: "debit_batches",
                type: "timestamp with time zone",
                nullable: true);

            // Files written before this column existed are already with the bank: never write them out again.
            migrationBuilder.Sql("UPDATE debit_batches SET exported_at = created_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "exported_at",
                table: "debit_batches");
        }
    }
}
