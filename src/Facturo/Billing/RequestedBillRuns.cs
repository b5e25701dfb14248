using Facturo.Data;
using Facturo.Platform;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Billing;

/// <summary>
/// Runs the bill runs asked for through the API, off the request thread, one at a time, oldest request first. Woken by each request,
/// and every half minute for requests made on another node. A node claims a run by moving it from requested to running, so one node
/// bills it. A refusal or a failure marks the run failed for the integrator to see and start again (it resumes: the bill run never
/// issues a document twice).
/// </summary>
public sealed partial class RequestedBillRuns(IServiceScopeFactory scopes, ILogger<RequestedBillRuns> logger) : BackgroundService
{
    private const int BatchSize = 500;
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim _wake = new(0, 1);

    public void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another request woke it a moment ago: once is enough.
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await RunNextAsync(stoppingToken))
                {
                }
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                // Reading or claiming failed (the database is away): the next wake or poll tries again.
                LogPickUpFailed(failure);
            }
            // Polling runs on the machine's clock: plumbing, not business time, which tests move by weeks.
            await _wake.WaitAsync(PollInterval, stoppingToken);
        }
    }

    /// <summary>Claims and runs the oldest requested bill run; false when none waits.</summary>
    public async Task<bool> RunNextAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FacturoDbContext>();
        var next = await db.BillRuns.AsNoTracking().Where(r => r.Status == BillRunStatus.Requested).OrderBy(r => r.Id)
            .Select(r => new { r.Id, r.Period }).FirstOrDefaultAsync(cancellationToken);
        if (next is null)
        {
            return false;
        }
        var claimed = await db.BillRuns.Where(r => r.Id == next.Id && r.Status == BillRunStatus.Requested)
            .ExecuteUpdateAsync(r => r.SetProperty(x => x.Status, BillRunStatus.Running), cancellationToken);
        if (claimed == 0)
        {
            return true;
        }
        try
        {
            var outcome = await scope.ServiceProvider.GetRequiredService<BillRunner>().RunAsync(BillingPeriod.Parse(next.Period), BatchSize, null, cancellationToken);
            if (!outcome.Succeeded)
            {
                LogRefused(next.Period, outcome.Error!.Message(Accounts.Language.En));
                await MarkFailedAsync(next.Id, cancellationToken);
            }
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            LogFailed(failure, next.Period);
            await MarkFailedAsync(next.Id, cancellationToken);
        }
        return true;
    }

    /// <summary>In a scope of its own: the run's context may hold the failed batch.</summary>
    private async Task MarkFailedAsync(long id, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<FacturoDbContext>().BillRuns.Where(r => r.Id == id)
            .ExecuteUpdateAsync(r => r.SetProperty(x => x.Status, BillRunStatus.Failed), cancellationToken);
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Bill run {Period} asked for through the API failed; it is marked failed and resumes when started again")]
    private partial void LogFailed(Exception exception, string period);

    [LoggerMessage(Level = LogLevel.Error, Message = "Bill run {Period} asked for through the API was refused: {Reason}")]
    private partial void LogRefused(string period, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not pick up the bill runs asked for through the API; trying again at the next request or poll")]
    private partial void LogPickUpFailed(Exception exception);
}
