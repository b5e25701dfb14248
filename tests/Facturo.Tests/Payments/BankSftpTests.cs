using System.Diagnostics.Metrics;
using System.Net;
using System.Text.RegularExpressions;
using Facturo.Accounts;
using Facturo.Data;
using Facturo.Infrastructure;
using Facturo.Platform;
using Facturo.Portal;
using Facturo.Staff;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace Facturo.Payments;

/// <summary>
/// Debit files to the bank and its returns back over SFTP, against a real OpenSSH server on 127.0.0.1 playing the bank
/// (<see cref="SftpTestServer"/>): sent once under the batch's name, fetched and imported once, a wrong host key refused,
/// an outage shown and retried.
/// </summary>
public abstract partial class BankSftpTests(DatabaseProvider provider) : PortalTest(provider), IAsyncLifetime
{
    private readonly SftpTestServer _bank = SftpTestServer.Available ? new SftpTestServer() : null!;
    private HttpClient? _operator;
    private readonly string _outbox = Path.Combine(Path.GetTempPath(), "facturo-tests", $"bank-{Guid.NewGuid():N}");

    protected override IEnumerable<string> MoreHostArgs =>
                // The daily job is registered as in production, on a day that never comes: the tests trigger it themselves.
        ["--BankFiles:Schedule=0 0 15 1 1 ? 2099", $"--BankFiles:OutboxDirectory={_outbox}", .. _bank.HostArgs()];

    [SftpFact]
    public async Task The_daily_batch_puts_its_file_in_the_banks_folder_whole_and_a_second_run_sends_nothing()
    {
        await _bank.StartAsync();
        await SubmittedDebitAsync();

        var scheduler = await App.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await scheduler.TriggerJob(DebitBatchJob.Key);
        var sent = Path.Combine(_bank.Outgoing, "cpa005-20261101-0001.txt");
        for (var wait = 0; wait < 300 && !await RecordedAsSentAsync(); wait++)
        {
            await Task.Delay(100);
        }
        var stamp = Stamp(sent);
        var again = await ExchangeAsync();

        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(_outbox, "cpa005-20261101-0001.txt")), await File.ReadAllBytesAsync(sent));
        Assert.Equal(["cpa005-20261101-0001.txt"], Directory.GetFiles(_bank.Outgoing).Select(Path.GetFileName));
        Assert.True(again.Succeeded, again.Error?.Code);
        Assert.Equal(0, again.Value!.Attempt!.Uploaded);
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(sent));
    }

    [SftpFact]
    public async Task A_run_killed_after_the_upload_and_before_its_record_does_not_send_the_file_twice()
    {
        await _bank.StartAsync();
        await SubmittedDebitAsync();
        var (batch, path) = Assert.Single((await InScopeAsync<DebitBatches, Outcome<IReadOnlyList<(DebitBatch Batch, string Path)>>>(b => b.SendAsync(_outbox, null, CancellationToken.None))).Value!);
        // What the killed run left: the file renamed into the bank's folder, its upload not recorded.
        var atBank = Path.Combine(_bank.Outgoing, batch.FileName);
        File.Copy(path, atBank);
        var stamp = Stamp(atBank);

        var run = await ExchangeAsync();

        Assert.True(run.Succeeded, run.Error?.Code);
        Assert.Equal(0, run.Value!.Attempt!.Uploaded);
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(atBank));
        Assert.True(await RecordedAsSentAsync());
    }

    [SftpFact]
    public async Task A_run_killed_during_the_upload_leaves_only_a_hidden_part_that_the_next_run_replaces_and_renames()
    {
        await _bank.StartAsync();
        await SubmittedDebitAsync();
        var (batch, path) = Assert.Single((await InScopeAsync<DebitBatches, Outcome<IReadOnlyList<(DebitBatch Batch, string Path)>>>(b => b.SendAsync(_outbox, null, CancellationToken.None))).Value!);
        await File.WriteAllTextAsync(Path.Combine(_bank.Outgoing, $".{batch.FileName}.part"), "A00000000");

        var run = await ExchangeAsync();

        Assert.Equal(1, run.Value!.Attempt!.Uploaded);
        Assert.Equal([batch.FileName], Directory.GetFiles(_bank.Outgoing).Select(Path.GetFileName));
        Assert.Equal(await File.ReadAllBytesAsync(path), await File.ReadAllBytesAsync(Path.Combine(_bank.Outgoing, batch.FileName)));
    }

    [SftpFact]
    public async Task A_return_file_the_bank_leaves_is_fetched_and_imported_once_and_the_same_file_renamed_changes_nothing()
    {
        await _bank.StartAsync();
        await SubmittedDebitAsync();
        Assert.True((await ExchangeAfterBatchAsync()).Succeeded);
        var sentFile = await File.ReadAllTextAsync(Path.Combine(_bank.Outgoing, "cpa005-20261101-0001.txt"));
        var returns = ReturnFiles.Cpa005Returns(sentFile, "901", returnedSegments: 1);
        await File.WriteAllTextAsync(Path.Combine(_bank.Returns, "returns-20261105.txt"), returns);
        MoveClockTo(2026, 11, 5);

        var first = await ExchangeAsync();
        var second = await ExchangeAsync();
        await File.WriteAllTextAsync(Path.Combine(_bank.Returns, "returns-20261105-copy.txt"), returns);
        var renamed = await ExchangeAsync();

        Assert.Equal((1, 0, 1), (first.Value!.Attempt!.Fetched, second.Value!.Attempt!.Fetched, renamed.Value!.Attempt!.Fetched));
        await using var db = Database.NewContext();
        Assert.Equal(PaymentStatus.Returned, (await db.Payments.SingleAsync()).Status);
        Assert.Equal(1, await db.FailedPayments.CountAsync());
        Assert.Equal(1, await db.BankFileImports.CountAsync());
        var fetched = await db.BankFetches.OrderBy(f => f.Id).Select(f => new { f.RemoteName, f.ErrorCode }).ToListAsync();
        Assert.Equal([("returns-20261105.txt", null), ("returns-20261105-copy.txt", "returns.already-imported")], fetched.Select(f => (f.RemoteName, f.ErrorCode)));
        Assert.Equal(2, Directory.GetFiles(_bank.Returns).Length);
    }

    [SftpFact]
    public async Task A_credit_notification_is_imported_once_and_a_malformed_file_is_refused_shown_and_not_fetched_again()
    {
        await _bank.StartAsync();
        File.Copy(Path.Combine(RepositoryFolders.Root, "tests", "Facturo.Domain.Tests", "Payments", "Samples", "camt054-remittance.xml"), Path.Combine(_bank.Remittances, "camt054-20261120.xml"));
        await File.WriteAllTextAsync(Path.Combine(_bank.Remittances, "camt054-broken.xml"), "<Document><BkToCstmrDbtCdtNtfctn>");

        var first = await ExchangeAsync();
        var second = await ExchangeAsync();
        var page = await BankFilesPageAsync();

        Assert.Equal((2, 0), (first.Value!.Attempt!.Fetched, second.Value!.Attempt!.Fetched));
        await using var db = Database.NewContext();
        Assert.Equal("camt054-20261120.xml", (await db.BankFileImports.SingleAsync(i => i.Kind == "remittance")).FileName);
        Assert.NotEqual(0, await db.Receipts.CountAsync());
        var refused = await db.BankFetches.SingleAsync(f => f.ErrorCode != null);
        Assert.Equal(("camt054-broken.xml", "bankfile.malformed"), (refused.RemoteName, refused.ErrorCode));
        Assert.Contains("File refused, nothing was imported: line", page, StringComparison.Ordinal);
    }

    [SftpFact]
    public async Task A_server_showing_another_host_key_is_refused_sent_nothing_and_the_operator_sees_both_keys()
    {
        await _bank.StartAsync(presentingAnotherKey: true);
        await SubmittedDebitAsync();

        var refused = await ExchangeAfterBatchAsync();
        var page = await BankFilesPageAsync();

        Assert.Equal("bank.sftp-host-key-refused", refused.Error?.Code);
        Assert.Empty(Directory.GetFiles(_bank.Outgoing));
        var pinned = _bank.HostKeyFingerprint.Split(' ')[1];
        var presented = _bank.OtherFingerprint.Split(' ')[1];
        Assert.Contains($"presented host key {presented}, not the bank's key pinned in the configuration ({pinned})", Shown(page, "last-error"), StringComparison.Ordinal);
        Assert.Equal("cpa005-20261101-0001.txt", Shown(page, "waiting"));
        Assert.Equal("none", Shown(page, "last-success"));
        Assert.Contains("a présenté la clé d'hôte", refused.Error!.Message(Language.Fr), StringComparison.Ordinal);
    }

    [SftpFact]
    public async Task When_the_bank_is_down_the_error_is_shown_the_schedule_waits_before_retrying_and_a_later_run_sends_the_file()
    {
        await SubmittedDebitAsync();
        var failuresCounted = 0L;
        using var metrics = new MeterListener
        {
            // Only this test's host: the other database's run of this test counts in its own.
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument is { Name: "facturo.bank.exchange_failures" } && instrument.Meter.Scope == App.Services.GetRequiredService<IMeterFactory>())
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        metrics.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref failuresCounted, value));
        metrics.Start();

        var downAt = Clock.GetUtcNow();
        var down = await ExchangeAfterBatchAsync();
        var tooSoon = await ExchangeAsync();
        var pageWhileDown = await BankFilesPageAsync();
        Clock.Advance(TimeSpan.FromMinutes(6));
        await _bank.StartAsync();
        var back = await ExchangeAsync();
        var pageAfter = await BankFilesPageAsync();

        Assert.Equal("bank.sftp-failed", down.Error?.Code);
        Assert.Equal(1, Interlocked.Read(ref failuresCounted));
        Assert.Null(tooSoon.Value!.Attempt);
        Assert.Equal(downAt.AddMinutes(5), tooSoon.Value.WaitingUntil);
        Assert.Contains("The exchange with the bank (127.0.0.1:", Shown(pageWhileDown, "last-error"), StringComparison.Ordinal);
        Assert.Equal("cpa005-20261101-0001.txt", Shown(pageWhileDown, "waiting"));
        Assert.Equal(1, back.Value!.Attempt!.Uploaded);
        Assert.True(File.Exists(Path.Combine(_bank.Outgoing, "cpa005-20261101-0001.txt")));
        Assert.Equal("none", Shown(pageAfter, "waiting"));
        Assert.NotEqual("none", Shown(pageAfter, "last-success"));
        await using var db = Database.NewContext();
        Assert.Equal([false, true], await db.BankExchangeAttempts.OrderBy(a => a.Id).Select(a => a.Succeeded).ToListAsync());
    }

    private async Task SubmittedDebitAsync()
    {
        await AddAccountAsync("1000401");
        await PlaceOrderAsync("1000401", unitPrice: 100m);
        MoveClockTo(2026, 11, 1);
        await BillAsync(October);
        var payer = await RegisterAsync("1000401", "sftp@payer.example", PortalRole.Admin, Language.En);
        var bankId = await AddCanadianBankAccountAsync(payer);
        var paid = await InScopeAsync<SubmitPayment, Outcome<Payment>>(p => p.SubmitAsync(payer,
            new PaymentRequest("1000401", ["F000000001"], null, bankId, true, "sftp-1", "127.0.0.1"), CancellationToken.None));
        Assert.True(paid.Succeeded, paid.Error?.Code);
    }

    private Task<Outcome<BankExchangeRun>> ExchangeAsync() =>
        InScopeAsync<ExchangeWithBank, Outcome<BankExchangeRun>>(e => e.RunAsync(ExchangeWithBank.BySchedule, CancellationToken.None));

    private async Task<Outcome<BankExchangeRun>> ExchangeAfterBatchAsync()
    {
        var sent = await InScopeAsync<DebitBatches, Outcome<IReadOnlyList<(DebitBatch Batch, string Path)>>>(b => b.SendAsync(_outbox, null, CancellationToken.None));
        Assert.Single(sent.Value!);
        return await ExchangeAsync();
    }

    private async Task<bool> RecordedAsSentAsync()
    {
        await using var db = Database.NewContext();
        return await db.BankUploads.AnyAsync(u => u.UploadedAt != null);
    }

    /// <summary>Dates the file in the past: a file sent again would carry today's time.</summary>
    private static DateTime Stamp(string path)
    {
        var past = new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, past);
        return past;
    }

    /// <summary>The bank files page as a billing operator reads it, in English.</summary>
    private async Task<string> BankFilesPageAsync()
    {
        _operator ??= await OperatorAsync();
        return WebUtility.HtmlDecode(await _operator.GetStringAsync("/admin/bank-files"));
    }

    private async Task<HttpClient> OperatorAsync()
    {
        const string Email = "operator@staff.example";
        await CreateStaffAsync(Email, StaffRole.BillingOperator);
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-CA");
        var signIn = await client.PostAsync("/admin/signin", Form(Token(await client.GetStringAsync("/admin/signin")), ("Email", Email), ("Password", AgentPassword)));
        Assert.Equal("/admin/two-step", signIn.Headers.Location?.OriginalString);
        var twoStep = await client.GetStringAsync("/admin/two-step");
        var code = await client.PostAsync("/admin/two-step", Form(Token(twoStep), ("Code", Portal.Totp.Code(KeyShown().Match(twoStep).Groups[1].Value, Clock.GetUtcNow()))));
        Assert.Equal("/admin", code.Headers.Location?.OriginalString);
        return client;
    }

    private static string Shown(string html, string testId) => Regex.Match(html, $"data-testid=\"{testId}\">(.*?)</dd>", RegexOptions.Singleline).Groups[1].Value.Trim();

    private static FormUrlEncodedContent Form(string token, params (string Name, string Value)[] fields) =>
        new([.. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)), new("__RequestVerificationToken", token)]);

    private static string Token(string html) => AntiforgeryToken().Match(html).Groups[1].Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("data-testid=\"totp-key\">([^<]+)<")]
    private static partial Regex KeyShown();

    async Task IAsyncLifetime.DisposeAsync()
    {
        _operator?.Dispose();
        await DisposeAsync();
        if (_bank is not null)
        {
            await _bank.DisposeAsync();
        }
        if (Directory.Exists(_outbox))
        {
            Directory.Delete(_outbox, recursive: true);
        }
    }
}

public sealed class BankSftpTestsOnSqlite() : BankSftpTests(DatabaseProvider.Sqlite);
public sealed class BankSftpTestsOnPostgres() : BankSftpTests(DatabaseProvider.Postgres);
