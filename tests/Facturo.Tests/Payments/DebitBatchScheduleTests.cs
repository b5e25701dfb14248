using Facturo.Accounts;
using Facturo.Data;
using Facturo.Platform;
using Facturo.Portal;
using Quartz;

namespace Facturo.Payments;

/// <summary>The daily batch as `facturo serve` runs it: a Quartz job that writes the bank file into the outbox folder.</summary>
public abstract class DebitBatchScheduleTests(DatabaseProvider provider) : PortalTest(provider)
{
    private readonly string _outbox = Path.Combine(Path.GetTempPath(), "facturo-tests", $"bank-{Guid.NewGuid():N}");

    protected override IEnumerable<string> MoreHostArgs => ["--BankFiles:Schedule=0 0 15 * * ?", $"--BankFiles:OutboxDirectory={_outbox}"];

    [Fact]
    public async Task The_daily_job_is_scheduled_in_toronto_time_and_writes_the_cpa005_file_for_the_bank()
    {
        await AddAccountAsync("1000097");
        await PlaceOrderAsync("1000097", unitPrice: 100m);
        MoveClockTo(2026, 11, 1);
        await BillAsync(October);
        var token = (await InviteAndReadLinkAsync("1000097", "job@batch.example", Language.En)).Split("token=")[1];
        var payer = (await InScopeAsync<Invitations, Outcome<PortalUser>>(i =>
            i.RegisterAsync(token, new RegistrationForm("Jo Batch", Password, Language.En, "first-pet", "Rex", "birth-city", "Laval"), CancellationToken.None))).Value!;
        var bank = await InScopeAsync<BankAccounts, Outcome<BankAccount>>(p => p.AddAsync(payer, new BankAccountForm(BankCountry.CA, "Jo Batch Inc.", "815", "30800", null, "1234567"), CancellationToken.None));
        await InScopeAsync<SubmitPayment, Outcome<Payment>>(p =>
            p.SubmitAsync(payer, new PaymentRequest("1000097", ["F000000001"], null, bank.Value!.Id, true, "job-1", "127.0.0.1"), CancellationToken.None));

        var scheduler = await App.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var trigger = Assert.Single(await scheduler.GetTriggersOfJob(DebitBatchJob.Key));
        await scheduler.TriggerJob(DebitBatchJob.Key);
        for (var wait = 0; wait < 200 && (!Directory.Exists(_outbox) || Directory.GetFiles(_outbox, "*.txt").Length == 0); wait++)
        {
            await Task.Delay(100);
        }

        var cron = Assert.IsAssignableFrom<ICronTrigger>(trigger);
        Assert.Equal(("0 0 15 * * ?", "America/Toronto"), (cron.CronExpressionString, cron.TimeZone.Id));
        var file = Assert.Single(Directory.GetFiles(_outbox, "*.txt"));
        Assert.Equal("cpa005-20261101-0001.txt", Path.GetFileName(file));
        Assert.Contains("P000000001", await File.ReadAllTextAsync(file), StringComparison.Ordinal);
    }
}

public sealed class DebitBatchScheduleTestsOnSqlite() : DebitBatchScheduleTests(DatabaseProvider.Sqlite);
public sealed class DebitBatchScheduleTestsOnPostgres() : DebitBatchScheduleTests(DatabaseProvider.Postgres);
