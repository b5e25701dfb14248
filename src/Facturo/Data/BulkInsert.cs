using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Facturo.Data;

/// <summary>
/// Writes many new rows of one entity type in the current transaction, set-based and without change
/// tracking: tracking and saving 50,000 new entities one statement at a time took seconds. Tables and
/// columns come from the EF model (names, value conversions) so a rename there applies here too. The
/// rows' generated ids are set on them, as SaveChanges would. Insert only: append-only tables stay so.
/// </summary>
public static class BulkInsert
{
    public static async Task InsertAsync<T>(FacturoDbContext db, IReadOnlyList<T> rows, CancellationToken cancellationToken) where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException($"Bulk inserts of {typeof(T).Name} are written at once: begin a transaction first, so they commit with the rest.");
        var table = Table.For(db, typeof(T));
        if (db.Provider == DatabaseProvider.Postgres)
        {
            await InsertPostgresAsync(transaction, table, rows, cancellationToken);
        }
        else
        {
            await InsertSqliteAsync(transaction, table, rows, cancellationToken);
        }
    }

    /// <summary>
    /// Ids drawn from the table's sequence up front, then every row in one INSERT … SELECT FROM unnest(one array per column).
    /// </summary>
    private static async Task InsertPostgresAsync<T>(DbTransaction transaction, Table table, IReadOnlyList<T> rows, CancellationToken cancellationToken) where T : class
    {
        var connection = transaction.Connection!;
        if (table.GeneratedKey is { } key)
        {
            await using var sequence = connection.CreateCommand();
            sequence.Transaction = transaction;
            sequence.CommandText = "SELECT pg_get_serial_sequence(@table, @column)";
            AddParameter(sequence, "table", table.Name);
            AddParameter(sequence, "column", key.UnquotedName);
            var sequenceName = (string)(await sequence.ExecuteScalarAsync(cancellationToken))!;
            await using var ids = connection.CreateCommand();
            ids.Transaction = transaction;
            // The sequence as a constant: pg_get_serial_sequence inside the query was looked up again for every id. The ids come
            // back as one array, one value to read rather than a row per id.
            ids.CommandText = "SELECT array_agg(nextval(@sequence::regclass)) FROM generate_series(1, @count)";
            AddParameter(ids, "sequence", sequenceName);
            AddParameter(ids, "count", rows.Count);
            var drawn = (long[])(await ids.ExecuteScalarAsync(cancellationToken))!;
            for (var r = 0; r < rows.Count; r++)
            {
                key.Set(rows[r], drawn[r]);
            }
        }
        var columns = table.Columns;
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"INSERT INTO {table.Name} ({string.Join(", ", columns.Select(c => c.Name))}) " +
                             $"SELECT * FROM unnest({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})";
        for (var c = 0; c < columns.Count; c++)
        {
            var values = Array.CreateInstance(columns[c].ProviderType, rows.Count);
            for (var r = 0; r < rows.Count; r++)
            {
                values.SetValue(columns[c].ProviderValue(rows[r]), r);
            }
            AddParameter(insert, $"p{c}", values);
        }
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Ids taken after the table's highest (this transaction holds SQLite's one write lock, so nobody else can take
    /// them), then one prepared INSERT run per row: without a network, that is what SQLite does fastest. Not multi-row
    /// (the driver looks each parameter up by name) and not RETURNING (a reader per row doubled the time).
    /// </summary>
    private static async Task InsertSqliteAsync<T>(DbTransaction transaction, Table table, IReadOnlyList<T> rows, CancellationToken cancellationToken) where T : class
    {
        var connection = transaction.Connection!;
        if (table.GeneratedKey is { } key)
        {
            await using var last = connection.CreateCommand();
            last.Transaction = transaction;
            // AUTOINCREMENT never reuses an id, even of a row deleted since: sqlite_sequence remembers the highest.
            last.CommandText = $"SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = @table), 0), coalesce((SELECT max({key.Name}) FROM {table.Name}), 0))";
            AddParameter(last, "@table", table.UnquotedName);
            var next = Convert.ToInt64(await last.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
            foreach (var row in rows)
            {
                key.Set(row, ++next);
            }
        }
        var columns = table.Columns;
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"INSERT INTO {table.Name} ({string.Join(", ", columns.Select(c => c.Name))}) VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})";
        var parameters = columns.Select((c, i) => c.Mapping.CreateParameter(insert, $"@p{i}", null, c.Property.IsNullable)).ToArray();
        insert.Parameters.AddRange(parameters);
        await insert.PrepareAsync(cancellationToken);
        foreach (var row in rows)
        {
            for (var c = 0; c < columns.Count; c++)
            {
                parameters[c].Value = columns[c].ProviderValue(row) ?? DBNull.Value;
            }
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    /// <summary>An entity type's table as the EF model maps it; only plain types (no owned, complex, shadow or inherited properties) are supported.</summary>
    private sealed record Table(string Name, string UnquotedName, IReadOnlyList<Column> Columns, Column? GeneratedKey)
    {
        public static Table For(FacturoDbContext db, Type type)
        {
            var entity = db.Model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not in the model.");
            var tableName = entity.GetTableName() ?? throw new NotSupportedException($"{type.Name} is not mapped to a table.");
            if (entity.BaseType is not null || entity.GetDerivedTypes().Any() || entity.GetComplexProperties().Any() || entity.GetNavigations().Any(n => n.TargetEntityType.IsOwned()))
            {
                throw new NotSupportedException($"Bulk inserts take entities mapped to one table of their own with plain properties; {type.Name} is not.");
            }
            var store = StoreObjectIdentifier.Table(tableName, entity.GetSchema());
            var sql = db.GetService<ISqlGenerationHelper>();
            var key = entity.FindPrimaryKey()?.Properties is [var single] && single.ValueGenerated == ValueGenerated.OnAdd ? single : null;
            if (key is not null && key.ClrType != typeof(long))
            {
                throw new NotSupportedException($"Bulk inserts generate long ids; {type.Name}.{key.Name} is {key.ClrType.Name}.");
            }
            var columns = entity.GetProperties().Select(p => p.IsShadowProperty() || p.PropertyInfo is null
                    ? throw new NotSupportedException($"{type.Name}.{p.Name} has no CLR property to read; bulk inserts take plain properties.")
                    : new Column(p, p.GetColumnName(store)!, sql.DelimitIdentifier(p.GetColumnName(store)!), p == key))
                .ToList();
            return new Table(sql.DelimitIdentifier(tableName, entity.GetSchema()), tableName, columns, columns.SingleOrDefault(c => c.IsGeneratedKey));
        }
    }

    private sealed class Column(IProperty property, string unquotedName, string name, bool isGeneratedKey)
    {
        private readonly IClrPropertyGetter _getter = property.GetGetter();

        public IProperty Property { get; } = property;
        public string UnquotedName { get; } = unquotedName;
        /// <summary>As SQL names it, quoted where the database needs it.</summary>
        public string Name { get; } = name;
        public bool IsGeneratedKey { get; } = isGeneratedKey;
        public RelationalTypeMapping Mapping { get; } = property.GetRelationalTypeMapping();

        /// <summary>The CLR type the database driver is given, after EF's value conversion (an enum stored as its name is a string).</summary>
        public Type ProviderType { get; } = ProviderTypeOf(property);

        public object? ProviderValue(object row)
        {
            var value = _getter.GetClrValueUsingContainingEntity(row);
            return Mapping.Converter is { } converter && value is not null ? converter.ConvertToProvider(value) : value;
        }

        public void Set(object row, long id) => Property.PropertyInfo!.SetValue(row, id);

        private static Type ProviderTypeOf(IProperty property)
        {
            var type = property.GetRelationalTypeMapping().Converter?.ProviderClrType ?? property.ClrType;
            return property.IsNullable && type.IsValueType && Nullable.GetUnderlyingType(type) is null ? typeof(Nullable<>).MakeGenericType(type) : type;
        }
    }
}
