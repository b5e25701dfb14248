using System.Collections.Concurrent;
using Facturo.Billing;
using Facturo.Platform;

namespace Facturo.Staff;

/// <summary>What the back office knows of a bill run it started: running, or how it ended.</summary>
public sealed record LaunchedRun(string Period, bool Running, UserError? Refused, string? Failed, BillRunResult? Result);

/// <summary>
/// Starts bill runs from the back office in the background, one at a time per period, so the operator
/// can watch them (the page counts the period's documents as they are written) and start one again
/// safely after an error: a bill run resumes and never issues a document twice.
/// </summary>
public sealed partial class BillRunLauncher(IServiceScopeFactory scopes, IHostApplicationLifetime lifetime, ILogger<BillRunLauncher> logger)
{
    private readonly ConcurrentDictionary<string, LaunchedRun> _runs = new();

    public IReadOnlyCollection<LaunchedRun> Runs => [.. _runs.Values];

    /// <summary>False when this period is already running here.</summary>
    public bool Start(BillingPeriod period, int batchSize)
    {
        var key = period.ToString();
        var running = new LaunchedRun(key, true, null, null, null);
        if (_runs.TryGetValue(key, out var existing) && existing.Running || !_runs.TryAdd(key, running) && !_runs.TryUpdate(key, running, existing!))
        {
            return false;
        }
        _ = Task.Run(() => RunAsync(period, batchSize));
        return true;
    }

    private async Task RunAsync(BillingPeriod period, int batchSize)
    {
        var key = period.ToString();
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var outcome = await scope.ServiceProvider.GetRequiredService<BillRunner>().RunAsync(period, batchSize, null, lifetime.ApplicationStopping);
            _runs[key] = outcome.Succeeded
                ? new LaunchedRun(key, false, null, null, outcome.Value)
                : new LaunchedRun(key, false, outcome.Error, null, null);
        }
        catch (Exception failure)
        {
            LogFailed(failure, key);
            _runs[key] = new LaunchedRun(key, false, null, failure.GetBaseException().Message, null);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Bill run {Period} started from the back office failed")]
    private partial void LogFailed(Exception exception, string period);
}
