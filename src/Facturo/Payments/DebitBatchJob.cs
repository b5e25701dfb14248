using Microsoft.Extensions.Options;
using Quartz;

namespace Facturo.Payments;

/// <summary>
/// Every day (15:00 Toronto time by default) the submitted debits go into the bank files, so a debit
/// submitted at any hour reaches the bank within 24 hours, and debits past their return window are
/// settled. With SFTP to the bank configured, the new files go to the bank at once. Quartz runs it inside `facturo serve`.
/// </summary>
[DisallowConcurrentExecution]
public sealed partial class DebitBatchJob(DebitBatches batches, ExchangeWithBank exchange, PaymentSettlement settlement, IOptions<BankFileOptions> options,
    IOptions<BankSftpOptions> sftp, ILogger<DebitBatchJob> logger) : IJob
{
    public static readonly JobKey Key = new("debit-batch");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var sent = await batches.SendAsync(options.Value.OutboxDirectory, null, cancellationToken);
        if (!sent.Succeeded)
        {
            // Nothing was sent: the operator reads why here and sees the same refusal on the bank files page.
            LogRefused(sent.Error!.Message(Accounts.Language.En));
        }
        foreach (var (batch, path) in sent.Value ?? [])
        {
            LogWritten(batch.Format, batch.FileCreationNumber, batch.DebitCount, path);
        }
        if (sftp.Value.IsConfigured)
        {
            // Sent as soon as written, and returns fetched before settling so a debit returned today is not settled.
            await exchange.RunAsync(ExchangeWithBank.BySchedule, cancellationToken);
        }
        var settled = await settlement.SettleDueAsync(cancellationToken);
        LogSettled(settled);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The daily debit batch sent no file: {Reason}")]
    private partial void LogRefused(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} debits past their return window settled")]
    private partial void LogSettled(int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Format} file {FileCreationNumber} with {DebitCount} debits written to {Path}")]
    private partial void LogWritten(BankFileFormat format, int fileCreationNumber, int debitCount, string path);
}
