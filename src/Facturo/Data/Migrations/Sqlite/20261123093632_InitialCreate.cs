using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Facturo.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "accounts",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    customer_number = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    legal_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    address_line1 = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    address_line2 = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    city = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    province = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    postal_code = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    language = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    delivery = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    program = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    credit_terms_days = table.Column<int>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    billing_email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    currency_code = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 3, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_accounts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "api_key",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    key_hash = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 64, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    revoked_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_api_key", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "bill_runs",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    period = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 7, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    issue_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    completed_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    invoices_issued = table.Column<int>(type: "INTEGER", nullable: false),
                    statements_issued = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_bill_runs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "biller_settings",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false),
                    legal_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    gst_hst_number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    qst_number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    support_phone = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    support_email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    eligible_prefixes = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ineligible_prefixes = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    paper_fee_cents = table.Column<long>(type: "INTEGER", nullable: false),
                    currency_code = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 3, nullable: false),
                    commercial_revenue_threshold_cents = table.Column<long>(type: "INTEGER", nullable: false),
                    commercial_volume_threshold = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_biller_settings", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "document_sequences",
                columns: table => new
                {
                    name = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    next_value = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_document_sequences", x => x.name);
                });

            migrationBuilder.CreateTable(
                name: "ledger_postings",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    kind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    effective_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    reference = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger_postings", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "orders",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    account_id = table.Column<long>(type: "INTEGER", nullable: false),
                    channel = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    payment_method = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    external_reference = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    placed_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    order_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    currency_code = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 3, nullable: false),
                    subtotal_cents = table.Column<long>(type: "INTEGER", nullable: false),
                    tax_cents = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_orders", x => x.id);
                    table.ForeignKey(
                        name: "fk_orders_accounts_account_id",
                        column: x => x.account_id,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "invoices",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false),
                    account_id = table.Column<long>(type: "INTEGER", nullable: false),
                    bill_run_id = table.Column<long>(type: "INTEGER", nullable: false),
                    period = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 7, nullable: false),
                    issue_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    due_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    currency_code = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 3, nullable: false),
                    subtotal_cents = table.Column<long>(type: "INTEGER", nullable: false),
                    tax_cents = table.Column<long>(type: "INTEGER", nullable: false),
                    total_cents = table.Column<long>(type: "INTEGER", nullable: false),
                    delivery = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    customer_number = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    customer_legal_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    customer_address = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    customer_province = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    biller_legal_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    biller_gst_hst_number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    biller_qst_number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_invoices", x => x.id);
                    table.ForeignKey(
                        name: "fk_invoices_accounts_account_id",
                        column: x => x.account_id,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_invoices_bill_runs_bill_run_id",
                        column: x => x.bill_run_id,
                        principalTable: "bill_runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "statements",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false),
                    account_id = table.Column<long>(type: "INTEGER", nullable: false),
                    bill_run_id = table.Column<long>(type: "INTEGER", nullable: false),
                    period = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 7, nullable: false),
                    issue_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    currency_code = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 3, nullable: false),
                    subtotal_cents = table.Column<long>(type: "INTEGER", nullable: false),
                    tax_cents = table.Column<long>(type: "INTEGER", nullable: false),
                    total_cents = table.Column<long>(type: "INTEGER", nullable: false),
                    customer_number = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    customer_legal_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_statements", x => x.id);
                    table.ForeignKey(
                        name: "fk_statements_accounts_account_id",
                        column: x => x.account_id,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_statements_bill_runs_bill_run_id",
                        column: x => x.bill_run_id,
                        principalTable: "bill_runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ledger_entries",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    posting_id = table.Column<long>(type: "INTEGER", nullable: false),
                    account = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    amount_cents = table.Column<long>(type: "INTEGER", nullable: false),
                    currency_code = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 3, nullable: false),
                    customer_account_id = table.Column<long>(type: "INTEGER", nullable: true),
                    document_kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    document_id = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger_entries", x => x.id);
                    table.ForeignKey(
                        name: "fk_ledger_entries_accounts_customer_account_id",
                        column: x => x.customer_account_id,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_ledger_entries_ledger_postings_posting_id",
                        column: x => x.posting_id,
                        principalTable: "ledger_postings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "charges",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    account_id = table.Column<long>(type: "INTEGER", nullable: false),
                    order_id = table.Column<long>(type: "INTEGER", nullable: true),
                    category = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    quantity = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    unit_price_cents = table.Column<long>(type: "INTEGER", nullable: false),
                    amount_cents = table.Column<long>(type: "INTEGER", nullable: false),
                    currency_code = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 3, nullable: false),
                    service_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_charges", x => x.id);
                    table.ForeignKey(
                        name: "fk_charges_accounts_account_id",
                        column: x => x.account_id,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_charges_orders_order_id",
                        column: x => x.order_id,
                        principalTable: "orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "order_lines",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    order_id = table.Column<long>(type: "INTEGER", nullable: false),
                    line_number = table.Column<int>(type: "INTEGER", nullable: false),
                    category = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    quantity = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    unit_price_cents = table.Column<long>(type: "INTEGER", nullable: false),
                    amount_cents = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_order_lines", x => x.id);
                    table.ForeignKey(
                        name: "fk_order_lines_orders_order_id",
                        column: x => x.order_id,
                        principalTable: "orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "credit_notes",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false),
                    invoice_id = table.Column<long>(type: "INTEGER", nullable: false),
                    account_id = table.Column<long>(type: "INTEGER", nullable: false),
                    issue_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    currency_code = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 3, nullable: false),
                    subtotal_cents = table.Column<long>(type: "INTEGER", nullable: false),
                    tax_cents = table.Column<long>(type: "INTEGER", nullable: false),
                    total_cents = table.Column<long>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_credit_notes", x => x.id);
                    table.ForeignKey(
                        name: "fk_credit_notes_accounts_account_id",
                        column: x => x.account_id,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_credit_notes_invoices_invoice_id",
                        column: x => x.invoice_id,
                        principalTable: "invoices",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "invoice_lines",
                columns: table => new
                {
                    invoice_id = table.Column<long>(type: "INTEGER", nullable: false),
                    line_number = table.Column<int>(type: "INTEGER", nullable: false),
                    charge_id = table.Column<long>(type: "INTEGER", nullable: true),
                    category = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    quantity = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    unit_price_cents = table.Column<long>(type: "INTEGER", nullable: false),
                    amount_cents = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_invoice_lines", x => new { x.invoice_id, x.line_number });
                    table.ForeignKey(
                        name: "fk_invoice_lines_invoices_invoice_id",
                        column: x => x.invoice_id,
                        principalTable: "invoices",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "invoice_taxes",
                columns: table => new
                {
                    invoice_id = table.Column<long>(type: "INTEGER", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    rate = table.Column<decimal>(type: "TEXT", precision: 7, scale: 5, nullable: false),
                    amount_cents = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_invoice_taxes", x => new { x.invoice_id, x.kind });
                    table.ForeignKey(
                        name: "fk_invoice_taxes_invoices_invoice_id",
                        column: x => x.invoice_id,
                        principalTable: "invoices",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "statement_lines",
                columns: table => new
                {
                    statement_id = table.Column<long>(type: "INTEGER", nullable: false),
                    line_number = table.Column<int>(type: "INTEGER", nullable: false),
                    order_id = table.Column<long>(type: "INTEGER", nullable: false),
                    order_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    channel = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    payment_method = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    subtotal_cents = table.Column<long>(type: "INTEGER", nullable: false),
                    tax_cents = table.Column<long>(type: "INTEGER", nullable: false),
                    total_cents = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_statement_lines", x => new { x.statement_id, x.line_number });
                    table.ForeignKey(
                        name: "fk_statement_lines_statements_statement_id",
                        column: x => x.statement_id,
                        principalTable: "statements",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "document_sequences",
                columns: new[] { "name", "next_value" },
                values: new object[,]
                {
                    { "credit-note", 1L },
                    { "invoice", 1L },
                    { "statement", 1L }
                });

            migrationBuilder.CreateIndex(
                name: "ix_accounts_customer_number",
                table: "accounts",
                column: "customer_number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_accounts_program",
                table: "accounts",
                column: "program");

            migrationBuilder.CreateIndex(
                name: "ix_api_key_key_hash",
                table: "api_key",
                column: "key_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_bill_runs_period",
                table: "bill_runs",
                column: "period",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_charges_account_id_service_date",
                table: "charges",
                columns: new[] { "account_id", "service_date" });

            migrationBuilder.CreateIndex(
                name: "ix_charges_order_id",
                table: "charges",
                column: "order_id");

            migrationBuilder.CreateIndex(
                name: "ix_charges_service_date_account_id",
                table: "charges",
                columns: new[] { "service_date", "account_id" });

            migrationBuilder.CreateIndex(
                name: "ix_credit_notes_account_id",
                table: "credit_notes",
                column: "account_id");

            migrationBuilder.CreateIndex(
                name: "ix_credit_notes_invoice_id",
                table: "credit_notes",
                column: "invoice_id");

            migrationBuilder.CreateIndex(
                name: "ix_invoices_account_id_issue_date",
                table: "invoices",
                columns: new[] { "account_id", "issue_date" });

            migrationBuilder.CreateIndex(
                name: "ix_invoices_account_id_period",
                table: "invoices",
                columns: new[] { "account_id", "period" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_invoices_bill_run_id",
                table: "invoices",
                column: "bill_run_id");

            migrationBuilder.CreateIndex(
                name: "ix_ledger_entries_customer_account_id_document_kind_document_id",
                table: "ledger_entries",
                columns: new[] { "customer_account_id", "document_kind", "document_id" });

            migrationBuilder.CreateIndex(
                name: "ix_ledger_entries_posting_id",
                table: "ledger_entries",
                column: "posting_id");

            migrationBuilder.CreateIndex(
                name: "ix_order_lines_order_id",
                table: "order_lines",
                column: "order_id");

            migrationBuilder.CreateIndex(
                name: "ix_orders_account_id_external_reference",
                table: "orders",
                columns: new[] { "account_id", "external_reference" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_orders_account_id_order_date",
                table: "orders",
                columns: new[] { "account_id", "order_date" });

            migrationBuilder.CreateIndex(
                name: "ix_statements_account_id_period",
                table: "statements",
                columns: new[] { "account_id", "period" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_statements_bill_run_id",
                table: "statements",
                column: "bill_run_id");

            AppendOnlyTriggers.CreateSqlite(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "api_key");

            migrationBuilder.DropTable(
                name: "biller_settings");

            migrationBuilder.DropTable(
                name: "charges");

            migrationBuilder.DropTable(
                name: "credit_notes");

            migrationBuilder.DropTable(
                name: "document_sequences");

            migrationBuilder.DropTable(
                name: "invoice_lines");

            migrationBuilder.DropTable(
                name: "invoice_taxes");

            migrationBuilder.DropTable(
                name: "ledger_entries");

            migrationBuilder.DropTable(
                name: "order_lines");

            migrationBuilder.DropTable(
                name: "statement_lines");

            migrationBuilder.DropTable(
                name: "invoices");

            migrationBuilder.DropTable(
                name: "ledger_postings");

            migrationBuilder.DropTable(
                name: "orders");

            migrationBuilder.DropTable(
                name: "statements");

            migrationBuilder.DropTable(
                name: "accounts");

            migrationBuilder.DropTable(
                name: "bill_runs");
        }
    }
}
