using Facturo.Billing;
using Facturo.Data;
using Facturo.Infrastructure;
using Facturo.Ledger;
using Npgsql;

namespace Facturo.Cli;

/// <summary>
/// On PostgreSQL the daily work runs as the role docs/postgres-runtime-role.sql sets up, while migrations run as the
/// owner: that role bills and records payments, but cannot drop the append-only triggers or tables, nor rewrite the ledger.
/// </summary>
public sealed class RuntimeRoleTests : IAsyncLifetime
{
    private static readonly string LastMonth = BillingPeriod.Of(new Platform.BillerClock(TimeProvider.System).Today).Previous.ToString();
    private readonly string _role = $"facturo_app_{Guid.NewGuid():N}";
    private TestDatabase _database = null!;

    private DatabaseOptions Runtime => new()
    {
        Provider = DatabaseProvider.Postgres,
        ConnectionString = new NpgsqlConnectionStringBuilder(_database.Options.ConnectionString) { Username = _role, Password = "runtime-role-test" }.ConnectionString,
    };

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        var seeded = await FacturoProcess.RunAsync(_database.Options, "sizing-data", "--demo-biller", "--accounts", "5", "--charges-per-account", "2", "--period", LastMonth);
        Assert.True(seeded.ExitCode == 0, seeded.Errors);
        await using var owner = new NpgsqlConnection(_database.Options.ConnectionString);
        await owner.OpenAsync();
        await ExecuteAsync(owner, $"CREATE ROLE \"{_role}\" LOGIN PASSWORD 'runtime-role-test'");
        var script = await File.ReadAllTextAsync(Path.Combine(RepositoryFolders.Root, "docs", "postgres-runtime-role.sql"));
        await ExecuteAsync(owner, script.Replace(":\"app_role\"", $"\"{_role}\"", StringComparison.Ordinal));
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        await using var admin = new NpgsqlConnection(TestDatabase.PostgresAdmin);
        await admin.OpenAsync();
        await ExecuteAsync(admin, $"DROP ROLE IF EXISTS \"{_role}\"");
    }

    [Fact]
    public async Task The_runtime_role_bills_and_records_payments()
    {
        var billed = await FacturoProcess.RunAsync(Runtime, "bill-run", "--period", LastMonth);
        var paid = await FacturoProcess.RunAsync(Runtime, "record-payment", "--method", "Cheque", "--amount", "1.00", "--received", LastMonthsLastDay(),
            "--bank-reference", "CHQ-1", "--reference", Invoice.FormatNumber(1));

        Assert.True(billed.ExitCode == 0, billed.Errors);
        Assert.Contains("5 invoices", billed.Output, StringComparison.Ordinal);
        Assert.True(paid.ExitCode == 0, paid.Errors);
        Assert.Contains($"applied to {Invoice.FormatNumber(1)}", paid.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_as_the_runtime_role_with_nothing_to_apply_says_the_database_is_up_to_date()
    {
        var (exitCode, output, errors) = await FacturoProcess.RunAsync(Runtime, "migrate");

        Assert.True(exitCode == 0, errors);
        Assert.Contains("The database is up to date.", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("DROP TRIGGER ledger_postings_append_only ON ledger_postings")]
    [InlineData("DROP TABLE ledger_postings")]
    [InlineData("ALTER TABLE invoices DISABLE TRIGGER ALL")]
    [InlineData("UPDATE ledger_postings SET id = id")]
    [InlineData("DELETE FROM invoices")]
    [InlineData("TRUNCATE staff_audit_entries")]
    public async Task The_runtime_role_cannot_undo_the_append_only_protection(string statement)
    {
        await using var runtime = new NpgsqlConnection(Runtime.ConnectionString);
        await runtime.OpenAsync();

        var refused = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(runtime, statement));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
    }

    [Fact]
    public async Task The_script_covers_every_append_only_table()
    {
        var script = await File.ReadAllTextAsync(Path.Combine(RepositoryFolders.Root, "docs", "postgres-runtime-role.sql"));

        var revoked = script[script.IndexOf("REVOKE UPDATE, DELETE, TRUNCATE ON", StringComparison.Ordinal)..];
        revoked = revoked[..revoked.IndexOf("FROM", StringComparison.Ordinal)];

        Assert.All(AppendOnlyGuard.AppendOnlyTables.Concat(AppendOnlyGuard.CreditNoteDetailTables).Concat(AppendOnlyGuard.AuditTables).Concat(AppendOnlyGuard.TaxRuleTables),
            table => Assert.Matches($@"\b{table}\b", revoked));
    }

    private static string LastMonthsLastDay() => BillingPeriod.Of(new Platform.BillerClock(TimeProvider.System).Today).Previous.LastDay.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
