using Facturo.Ledger;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Facturo.Data;

/// <summary>
/// Database triggers that refuse updates and deletes on the ledger and on finalised documents, so not
/// even raw SQL or a bug that bypasses EF Core can rewrite history.
/// </summary>
public static class AppendOnlyTriggers
{
    public static void CreateSqlite(MigrationBuilder migration) => ProtectSqlite(migration, AppendOnlyGuard.AppendOnlyTables);

    /// <summary>For a table made append-only by a later migration.</summary>
    public static void ProtectSqlite(MigrationBuilder migration, IEnumerable<string> tables)
    {
        foreach (var table in tables)
        {
            foreach (var operation in new[] { "UPDATE", "DELETE" })
            {
                migration.Sql($"CREATE TRIGGER {table}_no_{operation.ToLowerInvariant()} BEFORE {operation} ON {table} " +
                              $"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END;");
            }
        }
    }

    /// <summary>
    /// Lifts the protection for a migration that fills a new column of existing rows from what they
    /// already say; the same migration protects the tables again with <see cref="ProtectSqlite"/>
    /// (a SQLite table rebuild drops its triggers anyway).
    /// </summary>
    public static void LiftSqlite(MigrationBuilder migration, IEnumerable<string> tables)
    {
        foreach (var table in tables)
        {
            migration.Sql($"DROP TRIGGER IF EXISTS {table}_no_update;");
            migration.Sql($"DROP TRIGGER IF EXISTS {table}_no_delete;");
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
        ProtectPostgres(migration, AppendOnlyGuard.AppendOnlyTables);
    }

    /// <summary>For a table made append-only by a later migration (the function exists since the first one).</summary>
    public static void ProtectPostgres(MigrationBuilder migration, IEnumerable<string> tables)
    {
        foreach (var table in tables)
        {
            migration.Sql($"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} FOR EACH ROW EXECUTE FUNCTION facturo_refuse_change();");
            migration.Sql($"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} FOR EACH STATEMENT EXECUTE FUNCTION facturo_refuse_change();");
        }
    }

    /// <summary>See <see cref="LiftSqlite"/>.</summary>
    public static void LiftPostgres(MigrationBuilder migration, IEnumerable<string> tables)
    {
        foreach (var table in tables)
        {
            migration.Sql($"DROP TRIGGER {table}_append_only ON {table};");
            migration.Sql($"DROP TRIGGER {table}_no_truncate ON {table};");
        }
    }

    /// <summary>For rows that may change but never go away; PostgreSQL refuses with the first migration's function ("… is append-only").</summary>
    public static void RefuseDeletesSqlite(MigrationBuilder migration, string table) =>
        migration.Sql($"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} BEGIN SELECT RAISE(ABORT, '{table} rows are never deleted'); END;");

    public static void RefuseDeletesPostgres(MigrationBuilder migration, string table)
    {
        migration.Sql($"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} FOR EACH ROW EXECUTE FUNCTION facturo_refuse_change();");
        migration.Sql($"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} FOR EACH STATEMENT EXECUTE FUNCTION facturo_refuse_change();");
    }

    public static void AllowDeletesSqlite(MigrationBuilder migration, string table) => migration.Sql($"DROP TRIGGER IF EXISTS {table}_no_delete;");

    public static void AllowDeletesPostgres(MigrationBuilder migration, string table)
    {
        migration.Sql($"DROP TRIGGER IF EXISTS {table}_no_delete ON {table};");
        migration.Sql($"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table};");
    }
}
