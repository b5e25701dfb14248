using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Facturo.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OutboxDelivery : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_outbox_emails_sent_at_id",
                table: "outbox_emails");

            migrationBuilder.AddColumn<string>(
                name: "claimed_by",
                table: "outbox_emails",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "claimed_until",
                table: "outbox_emails",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "first_attempt_at",
                table: "outbox_emails",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "next_attempt_at",
                table: "outbox_emails",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<string>(
                name: "state",
                table: "outbox_emails",
                type: "character varying(8)",
                maxLength: 8,
                nullable: false,
                defaultValue: "");

            // Emails already queued: sent ones stay sent; those the old dispatcher gave up after ten tries are failed (staff
            // see them and requeue them); the others are due now, their three days of retries starting at the next attempt.
            migrationBuilder.Sql("UPDATE outbox_emails SET next_attempt_at = created_at, state = CASE WHEN sent_at IS NOT NULL THEN 'Sent' WHEN attempts >= 10 THEN 'Failed' ELSE 'Pending' END;");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_emails_state_next_attempt_at",
                table: "outbox_emails",
                columns: new[] { "state", "next_attempt_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_outbox_emails_state_next_attempt_at",
                table: "outbox_emails");

            migrationBuilder.DropColumn(
                name: "claimed_by",
                table: "outbox_emails");

            migrationBuilder.DropColumn(
                name: "claimed_until",
                table: "outbox_emails");

            migrationBuilder.DropColumn(
                name: "first_attempt_at",
                table: "outbox_emails");

            migrationBuilder.DropColumn(
                name: "next_attempt_at",
                table: "outbox_emails");

            migrationBuilder.DropColumn(
                name: "state",
                table: "outbox_emails");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_emails_sent_at_id",
                table: "outbox_emails",
                columns: new[] { "sent_at", "id" });
        }
    }
}
