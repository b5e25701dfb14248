using Quartz;

namespace Facturo.Payments;

/// <summary>
/// Between daily batches (every 15 minutes by default, <c>Facturo:Bank:Sftp:Schedule</c>), sends what still waits for the
/// bank, fetches what the bank left, and retries a failed exchange once its delay has passed. Runs only with SFTP configured.
/// </summary>
[DisallowConcurrentExecution]
public sealed class BankExchangeJob(ExchangeWithBank exchange) : IJob
{
    public static readonly JobKey Key = new("bank-exchange");

    // A failure is recorded, logged as an error, counted and shown by the exchange itself; the next run retries it.
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await exchange.RunAsync(ExchangeWithBank.BySchedule, cancellationToken);
}
