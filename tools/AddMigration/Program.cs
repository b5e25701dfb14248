using Facturo.Data;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Migrations.Design;

// Usage: dotnet run --project tools/AddMigration -- <MigrationName>
if (args.Length != 1)
{
    Console.Error.WriteLine("Usage: dotnet run --project tools/AddMigration -- <MigrationName>");
    return 2;
}
var projectDir = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/Facturo"));
var targets = new (DatabaseProvider Provider, string Connection, IDesignTimeServices ProviderServices)[]
{
#pragma warning disable EF1001 // The providers' design-time services are what dotnet-ef itself uses.
    (DatabaseProvider.Sqlite, "Data Source=:memory:", new Microsoft.EntityFrameworkCore.Sqlite.Design.Internal.SqliteDesignTimeServices()),
    (DatabaseProvider.Postgres, "Host=127.0.0.1", new Npgsql.EntityFrameworkCore.PostgreSQL.Design.Internal.NpgsqlDesignTimeServices()),
#pragma warning restore EF1001
};
foreach (var (provider, connection, providerServices) in targets)
{
    using var db = DatabaseRegistration.Create(new DatabaseOptions { Provider = provider, ConnectionString = connection });
    var services = new ServiceCollection();
    services.AddEntityFrameworkDesignTimeServices();
    services.AddDbContextDesignTimeServices(db);
    providerServices.ConfigureDesignTimeServices(services);
    using var serviceProvider = services.BuildServiceProvider();
    var scaffolder = serviceProvider.GetRequiredService<IMigrationsScaffolder>();
    var migration = scaffolder.ScaffoldMigration(args[0], "Facturo", $"Data.Migrations.{provider}", "C#");
    var files = scaffolder.Save(projectDir, migration, Path.Combine(projectDir, "Data", "Migrations", provider.ToString()));
    Console.WriteLine($"{provider}: {files.MigrationFile}");
}
return 0;
