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

    [Required]
    public string ConnectionString { get; set; } = "Data Source=data/facturo.db";
}

public static class DatabaseRegistration
{
    public static IServiceCollection AddFacturoDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            services.AddDbContext<FacturoDbContext, SqliteFacturoDbContext>(o => ConfigureSqlite(o, options.ConnectionString));
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
