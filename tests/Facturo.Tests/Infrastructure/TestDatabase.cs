using Facturo.Data;
using Npgsql;

namespace Facturo.Infrastructure;

/// <summary>
/// A new, empty database for one test: a SQLite file, or a PostgreSQL database created on the server
/// named by FACTURO_TEST_POSTGRES (./test.sh starts one and sets it).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public DatabaseOptions Options { get; }
    private readonly string? _postgresName;
    private readonly string? _sqliteFile;

    private TestDatabase(DatabaseOptions options, string? postgresName, string? sqliteFile)
    {
        Options = options;
        _postgresName = postgresName;
        _sqliteFile = sqliteFile;
    }

    public static string PostgresAdmin => Environment.GetEnvironmentVariable("FACTURO_TEST_POSTGRES")
        ?? throw new InvalidOperationException("FACTURO_TEST_POSTGRES is not set: run the tests with ./test.sh, which starts PostgreSQL and sets it.");

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider, CancellationToken cancellationToken = default)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            var folder = Path.Combine(Path.GetTempPath(), "facturo-tests");
            Directory.CreateDirectory(folder);
            var file = Path.Combine(folder, $"{Guid.NewGuid():N}.db");
            return new TestDatabase(new DatabaseOptions { Provider = provider, ConnectionString = $"Data Source={file};Pooling=False" }, null, file);
        }
        var name = $"facturo_test_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(PostgresAdmin))
        {
            await admin.OpenAsync(cancellationToken);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        var connection = new NpgsqlConnectionStringBuilder(PostgresAdmin) { Database = name }.ConnectionString;
        return new TestDatabase(new DatabaseOptions { Provider = provider, ConnectionString = connection }, name, null);
    }

    public FacturoDbContext NewContext() => DatabaseRegistration.Create(Options);

    public async ValueTask DisposeAsync()
    {
        if (_postgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(PostgresAdmin);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_postgresName} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
        if (_sqliteFile is not null)
        {
            foreach (var file in new[] { _sqliteFile, _sqliteFile + "-wal", _sqliteFile + "-shm" })
            {
                File.Delete(file);
            }
        }
    }
}
