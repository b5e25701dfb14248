using Facturo.Ledger;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Facturo.Data;

/// <summary>
/// Database triggers that refuse updates and deletes on the ledger and on finalised documents, so not
/// even raw SQL or a bug that bypasses EF Core can rewrite history.
/// </summary>
public static class AppendOnlyTriggers
{
    public static void CreateSqlite(MigrationBuilder migration)
    {
        foreach (var table in AppendOnlyGuard.AppendOnlyTables)
        {
            foreach (var operation in new[] { "UPDATE", "DELETE" })
            {
                migration.Sql($"CREATE TRIGGER {table}_no_{operation.ToLowerInvariant()} BEFORE {operation} ON {table} " +
                              $"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END;");
            }
        }
    }

    public static void CreatePostgres(MigrationBuilder migration)
    {
        migration.Sql("""
            CREATE FUNCTION facturo_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
            END $$;
            """);
        foreach (var table in AppendOnlyGuard.AppendOnlyTables)
        {
            migration.Sql($"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} FOR EACH ROW EXECUTE FUNCTION facturo_refuse_change();");
            migration.Sql($"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} FOR EACH STATEMENT EXECUTE FUNCTION facturo_refuse_change();");
        }
    }
}
