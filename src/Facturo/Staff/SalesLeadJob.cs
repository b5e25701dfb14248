using Quartz;

namespace Facturo.Staff;

/// <summary>Every day (06:00 Toronto time by default) small businesses that meet the commercial criteria become sales leads, once each.</summary>
[DisallowConcurrentExecution]
public sealed partial class SalesLeadJob(Programs programs, ILogger<SalesLeadJob> logger) : IJob
{
    public static readonly JobKey Key = new("sales-leads");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var opened = await programs.OpenLeadsAsync(cancellationToken);
        LogOpened(opened.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} sales leads opened")]
    private partial void LogOpened(int count);
}
