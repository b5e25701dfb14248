using System.Reflection;

namespace Facturo.Platform;

/// <summary>
/// The one folder Facturo keeps its files in: the key ring, the bank files, the mail pickup folder and the SQLite
/// database. A relative path in a setting is read from it, never from the working directory, so a host started from
/// anywhere finds the same key ring. Production names it (<c>Facturo:DataDirectory</c>, absolute, existing);
/// Development defaults to <c>src/Facturo/data</c> of the checkout it was built from (as the README says), any other
/// environment to a <c>data</c> folder beside the binary.
/// </summary>
public static class DataDirectory
{
    public const string Setting = "Facturo:DataDirectory";

    /// <summary>Outside Production, fills in the default and makes a relative setting absolute (from the binary's folder) for everything that reads it.</summary>
    public static void Settle(IConfigurationManager configuration, IHostEnvironment environment)
    {
        if (environment.IsProduction())
        {
            return;
        }
        var folder = configuration[Setting] is { Length: > 0 } configured
            ? Path.GetFullPath(configured, AppContext.BaseDirectory)
            : Path.Combine(environment.IsDevelopment() && ProjectFolder() is { } project ? project : AppContext.BaseDirectory, "data");
        configuration.AddInMemoryCollection([new(Setting, folder)]);
    }

    /// <summary>A path from a setting: an absolute one as it is, a relative one inside the data directory.</summary>
    public static string Resolve(IConfiguration configuration, string path) => Path.GetFullPath(path, Of(configuration));

    /// <summary>What is wrong with the setting for a production host, or null.</summary>
    public static string? ProductionProblem(IConfiguration configuration) => configuration[Setting] switch
    {
        null or "" => $"{Setting} is not set: the absolute path of the folder that keeps the key ring, the bank files and a SQLite database.",
        var folder when !Path.IsPathFullyQualified(folder) => $"{Setting} ({folder}) is relative: give an absolute path, so it does not depend on the folder Facturo is started from.",
        var folder when !Directory.Exists(folder) => $"{Setting} ({folder}) does not exist: create it, writable by Facturo only, or mount its volume (a new empty folder would mean a new key ring).",
        _ => null,
    };

    /// <summary>Only a production host that is about to refuse to start reads the fallback beside the binary, and writes nothing there.</summary>
    private static string Of(IConfiguration configuration) =>
        configuration[Setting] is { } folder && Path.IsPathFullyQualified(folder) ? folder : Path.Combine(AppContext.BaseDirectory, "data");

    /// <summary>src/Facturo of the checkout this binary was built from, while it is still there (see Facturo.csproj).</summary>
    private static string? ProjectFolder() => typeof(DataDirectory).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .FirstOrDefault(attribute => attribute.Key == "Facturo.ProjectFolder")?.Value is { } folder && Directory.Exists(folder) ? folder : null;
}
