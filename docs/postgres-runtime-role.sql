-- The role `facturo serve` and the daily commands connect as: it reads and writes rows and nothing more.
-- It cannot create, alter or drop tables or triggers (only the owner, who runs `facturo migrate`, can),
-- and it cannot update, delete or truncate the ledger, invoices, credit notes, statements, charges,
-- the audit log or the tax overrides: history stays append-only even if its password leaks.
--
-- Create the role once:   CREATE ROLE facturo_app LOGIN PASSWORD '…';
-- Then, as the owner, connected to Facturo's database, after the first and every later `facturo migrate`:
--   psql "host=db.example dbname=facturo user=facturo_owner" -v app_role=facturo_app -f docs/postgres-runtime-role.sql
-- Running it again changes nothing when nothing is new.

GRANT USAGE ON SCHEMA public TO :"app_role";
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO :"app_role";
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO :"app_role";

-- Tables a later migration adds are usable at once, before this script is run again.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO :"app_role";
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO :"app_role";

-- The append-only tables: the triggers refuse changes already; this makes a change a permission error too.
REVOKE UPDATE, DELETE, TRUNCATE ON
    ledger_postings, ledger_entries, invoices, invoice_lines, invoice_taxes, credit_notes, credit_note_lines, credit_note_taxes,
    statements, statement_lines, charges, staff_audit_entries, tax_rule_overrides
FROM :"app_role";

-- The migrations' own bookkeeping is the owner's.
REVOKE INSERT, UPDATE, DELETE ON __ef_migrations_history FROM :"app_role";
