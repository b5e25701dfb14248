using System.Data.Common;
using Facturo.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Facturo.Billing;

/// <summary>
/// Draws gap-free numbers. Must run inside the transaction that stores the documents: the row lock
/// makes concurrent writers (other app nodes) take turns, and a rollback returns the numbers.
/// </summary>
public static class DocumentNumbers
{
    /// <returns>The first of <paramref name="count"/> consecutive numbers.</returns>
    public static async Task<long> TakeAsync(FacturoDbContext db, string sequence, int count, CancellationToken cancellationToken)
    {
        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("Document numbers are taken inside the transaction that uses them.");
        await using DbCommand command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        command.CommandText = "UPDATE document_sequences SET next_value = next_value + @count WHERE name = @name RETURNING next_value";
        AddParameter(command, "@count", (long)count);
        AddParameter(command, "@name", sequence);
        var next = await command.ExecuteScalarAsync(cancellationToken)
            ?? throw new InvalidOperationException($"Document sequence '{sequence}' is missing.");
        return Convert.ToInt64(next, System.Globalization.CultureInfo.InvariantCulture) - count;
    }

    /// <summary>"F000000123", "r12", " NC00000001 ": the prefix (any case) then digits only.</summary>
    public static bool TryParse(string? number, string prefix, out long id)
    {
        id = 0;
        var text = number?.Trim();
        return text is not null && text.Length > prefix.Length && text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
            && long.TryParse(text.AsSpan(prefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out id);
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
