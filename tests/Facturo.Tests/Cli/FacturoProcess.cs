using System.Diagnostics;
using Facturo.Data;

namespace Facturo.Cli;

/// <summary>The real <c>facturo</c> executable (built next to the tests) run as a child process against a test database.</summary>
public sealed class FacturoProcess : IDisposable
{
    private readonly Process _process;

    private FacturoProcess(Process process) => _process = process;

    public static FacturoProcess Start(DatabaseOptions database, params string[] arguments) => Start(database, new Dictionary<string, string?>(), arguments);

    /// <summary>Also given settings as environment variables (<c>Email__SmtpHost</c>), as an operator would; a null value unsets one.</summary>
    public static FacturoProcess Start(DatabaseOptions? database, IReadOnlyDictionary<string, string?> environment, params string[] arguments) =>
        Start(database, environment, AppContext.BaseDirectory, redirectInput: false, arguments);

    /// <summary>As <see cref="Start(DatabaseOptions?, IReadOnlyDictionary{string, string?}, string[])"/>, from another working directory.</summary>
    public static FacturoProcess StartIn(string workingDirectory, DatabaseOptions? database, IReadOnlyDictionary<string, string?> environment, params string[] arguments) =>
        Start(database, environment, workingDirectory, redirectInput: false, arguments);

    /// <summary>
    /// The data directory is the one beside the tests unless the environment names another (<c>Facturo__DataDirectory</c>);
    /// without a database, the process is given none, as an operator who set none.
    /// </summary>
    private static FacturoProcess Start(DatabaseOptions? database, IReadOnlyDictionary<string, string?> environment, string workingDirectory, bool redirectInput, string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = redirectInput,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        start.Environment["Facturo__DataDirectory"] = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "data")).FullName;
        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }
        var databaseArguments = database is null ? [] : new[] { "--provider", database.Provider.ToString(), "--connection-string", database.ConnectionString };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "facturo.dll") }.Concat(arguments).Concat(databaseArguments))
        {
            start.ArgumentList.Add(argument);
        }
        return new FacturoProcess(Process.Start(start)!);
    }

    /// <summary>Runs a command to its end, at most two minutes, and returns its exit code and output.</summary>
    public static Task<(int ExitCode, string Output, string Errors)> RunAsync(DatabaseOptions database, params string[] arguments) =>
        RunWithInputAsync(database, null, arguments);

    /// <summary>As <see cref="RunWithInputAsync"/>, from a working directory and with environment variables of the test's choosing.</summary>
    public static Task<(int ExitCode, string Output, string Errors)> RunAsync(DatabaseOptions? database, IReadOnlyDictionary<string, string?> environment, string workingDirectory, params string[] arguments) =>
        RunToTheEndAsync(Start(database, environment, workingDirectory, redirectInput: false, arguments), null);

    /// <summary>As <see cref="RunAsync(DatabaseOptions, string[])"/>, with what a person or a script would type on standard input (null: nothing, as from a terminal left alone).</summary>
    public static Task<(int ExitCode, string Output, string Errors)> RunWithInputAsync(DatabaseOptions database, string? input, params string[] arguments) =>
        RunToTheEndAsync(Start(database, new Dictionary<string, string?>(), AppContext.BaseDirectory, input is not null, arguments), input);

    /// <summary>As <see cref="RunWithInputAsync(DatabaseOptions, string?, string[])"/>, with environment variables of the test's choosing.</summary>
    public static Task<(int ExitCode, string Output, string Errors)> RunWithInputAsync(DatabaseOptions database, IReadOnlyDictionary<string, string?> environment, string? input, params string[] arguments) =>
        RunToTheEndAsync(Start(database, environment, AppContext.BaseDirectory, input is not null, arguments), input);

    private static async Task<(int ExitCode, string Output, string Errors)> RunToTheEndAsync(FacturoProcess started, string? input)
    {
        using var process = started;
        if (input is not null)
        {
            await process._process.StandardInput.WriteAsync(input);
            process._process.StandardInput.Close();
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var output = process._process.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = process._process.StandardError.ReadToEndAsync(timeout.Token);
        await process._process.WaitForExitAsync(timeout.Token);
        return (process._process.ExitCode, await output, await errors);
    }

    /// <summary>Reads output until a line starts with the prefix; null if the process ended first.</summary>
    public async Task<string?> WaitForLineAsync(string prefix, CancellationToken cancellationToken)
    {
        while (await _process.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                return line;
            }
        }
        return null;
    }

    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.Dispose();
    }
}
