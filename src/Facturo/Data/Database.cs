using System.ComponentModel.DataAnnotations;
using Facturo.Ledger;
using Microsoft.Data.Sqlite;
using Npgsql;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Data;

public enum DatabaseProvider { Sqlite, Postgres }

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>The default suits Development only (a file in the data directory): Production refuses to start without one set.</summary>
    [Required]
    public string ConnectionString { get; set; } = "Data Source=facturo.db";
}

public static class DatabaseRegistration
{
    public static IServiceCollection AddFacturoDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        // Read by hand: a provider misspelt is one line of ProductionReadiness's refusal, not a binding exception with its stack trace.
        var section = configuration.GetSection(DatabaseOptions.Section);
        var options = new DatabaseOptions();
        if (Enum.TryParse<DatabaseProvider>(section["Provider"], ignoreCase: true, out var provider))
        {
            options.Provider = provider;
        }
        if (section["ConnectionString"] is { Length: > 0 } connectionString)
        {
            options.ConnectionString = connectionString;
        }
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            var inDataDirectory = InDataDirectory(options.ConnectionString, configuration);
            services.AddDbContext<FacturoDbContext, SqliteFacturoDbContext>(o => ConfigureSqlite(o, inDataDirectory));
        }
        else
        {
            services.AddDbContext<FacturoDbContext, PostgresFacturoDbContext>(o => ConfigurePostgres(o, options.ConnectionString));
        }
        return services;
    }

    public static FacturoDbContext Create(DatabaseOptions options) => options.Provider == DatabaseProvider.Sqlite
        ? new SqliteFacturoDbContext(ConfigureSqlite(new DbContextOptionsBuilder<SqliteFacturoDbContext>(), options.ConnectionString).Options)
        : new PostgresFacturoDbContext(ConfigurePostgres(new DbContextOptionsBuilder<PostgresFacturoDbContext>(), options.ConnectionString).Options);

    // Lists in queries (ids.Contains(x.Id)) go as one array/JSON parameter, not one parameter per item:
    // a bank file's 100,000 payment ids would pass both databases' parameter limits (32,766 and 65,535).
    private static T ConfigureSqlite<T>(T builder, string connectionString) where T : DbContextOptionsBuilder
    {
        EnsureSqliteFolder(connectionString);
        builder.UseSqlite(connectionString, sqlite => sqlite.MigrationsHistoryTable("__ef_migrations_history")
            .UseParameterizedCollectionMode(ParameterTranslationMode.Parameter))
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(new AppendOnlyGuard(), new SqlitePragmas());
        return builder;
    }

    private static T ConfigurePostgres<T>(T builder, string connectionString) where T : DbContextOptionsBuilder
    {
        builder.UseNpgsql(WithAutoPrepare(connectionString), pg => pg.MigrationsHistoryTable("__ef_migrations_history")
            .UseParameterizedCollectionMode(ParameterTranslationMode.Parameter))
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(new AppendOnlyGuard());
        return builder;
    }

    /// <summary>
    /// Portal pages run the same few statements all day; preparing them saves PostgreSQL planning each one
    /// again (1–2 ms for the receivable sums). An operator's own setting in the connection string wins.
    /// </summary>
    private static string WithAutoPrepare(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxAutoPrepare = 64;
        }
        return builder.ConnectionString;
    }

    /// <summary>A relative SQLite file is in the data directory, never in the working directory.</summary>
    private static string InDataDirectory(string connectionString, IConfiguration configuration)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.Mode == SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:" || Path.IsPathFullyQualified(builder.DataSource))
        {
            return connectionString;
        }
        builder.DataSource = Platform.DataDirectory.Resolve(configuration, builder.DataSource);
        return builder.ConnectionString;
    }

    private static void EnsureSqliteFolder(string connectionString)
    {
        var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var folder = Path.GetDirectoryName(Path.GetFullPath(file));
        if (!string.IsNullOrEmpty(folder) && file != ":memory:")
        {
            Directory.CreateDirectory(folder);
        }
    }
}
