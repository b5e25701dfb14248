using Facturo.Payments;
using Facturo.Staff;
using Facturo.Taxes;
using Quartz;

namespace Facturo.Platform;

/// <summary>The jobs `facturo serve` runs on a clock (Toronto time), each turned off by an empty schedule.</summary>
public static class Schedules
{
    public static IServiceCollection Add(IServiceCollection services, IConfiguration configuration)
    {
        var debits = configuration.GetSection(BankFileOptions.Section).Get<BankFileOptions>() ?? new BankFileOptions();
        var leads = configuration.GetSection(SalesLeadOptions.Section).Get<SalesLeadOptions>() ?? new SalesLeadOptions();
        var exemptions = configuration.GetSection(ExemptionNoticeOptions.Section).Get<ExemptionNoticeOptions>() ?? new ExemptionNoticeOptions();
        var bank = configuration.GetSection(BankSftpOptions.Section).Get<BankSftpOptions>() ?? new BankSftpOptions();
        var bankSchedule = bank.IsConfigured ? bank.Schedule : null;
        if (string.IsNullOrWhiteSpace(debits.Schedule) && string.IsNullOrWhiteSpace(leads.Schedule) && string.IsNullOrWhiteSpace(exemptions.Schedule) && string.IsNullOrWhiteSpace(bankSchedule))
        {
            return services;
        }
        var toronto = TimeZoneInfo.FindSystemTimeZoneById("America/Toronto");
        services.AddQuartz(quartz =>
        {
            if (!string.IsNullOrWhiteSpace(debits.Schedule))
            {
                quartz.AddJob<DebitBatchJob>(job => job.WithIdentity(DebitBatchJob.Key));
                quartz.AddTrigger(trigger => trigger.ForJob(DebitBatchJob.Key).WithIdentity("debit-batch-daily")
                    .WithCronSchedule(debits.Schedule, cron => cron.InTimeZone(toronto)));
            }
            if (!string.IsNullOrWhiteSpace(bankSchedule))
            {
                quartz.AddJob<BankExchangeJob>(job => job.WithIdentity(BankExchangeJob.Key));
                quartz.AddTrigger(trigger => trigger.ForJob(BankExchangeJob.Key).WithIdentity("bank-exchange")
                    .WithCronSchedule(bankSchedule, cron => cron.InTimeZone(toronto)));
            }
            if (!string.IsNullOrWhiteSpace(leads.Schedule))
            {
                quartz.AddJob<SalesLeadJob>(job => job.WithIdentity(SalesLeadJob.Key));
                quartz.AddTrigger(trigger => trigger.ForJob(SalesLeadJob.Key).WithIdentity("sales-leads-daily")
                    .WithCronSchedule(leads.Schedule, cron => cron.InTimeZone(toronto)));
            }
            if (!string.IsNullOrWhiteSpace(exemptions.Schedule))
            {
                quartz.AddJob<ExemptionExpiryJob>(job => job.WithIdentity(ExemptionExpiryJob.Key));
                quartz.AddTrigger(trigger => trigger.ForJob(ExemptionExpiryJob.Key).WithIdentity("exemption-expiry-daily")
                    .WithCronSchedule(exemptions.Schedule, cron => cron.InTimeZone(toronto)));
            }
        });
        services.AddQuartzHostedService(options => options.WaitForJobsToComplete = true);
        return services;
    }
}
