using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Facturo.Accounts;
using Facturo.Data;
using Facturo.Infrastructure;
using Facturo.Portal;
using Facturo.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace Facturo.Emails;

/// <summary>The outbox against a real SMTP server that goes down, refuses recipients and comes back, on a test clock.</summary>
public abstract class EmailOutboxTests(DatabaseProvider provider) : PortalTest(provider), IAsyncLifetime
{
    private readonly SmtpTestServer _smtp = new();

    protected override IEnumerable<string> MoreHostArgs => ["--Email:SmtpHost=127.0.0.1", $"--Email:SmtpPort={_smtp.Port}", "--Email:PickupDirectory="];

    private EmailDispatcher Dispatcher => App.Services.GetRequiredService<EmailDispatcher>();

    [Fact]
    public async Task An_email_queued_while_the_smtp_server_is_down_for_a_minute_arrives_once_it_is_back()
    {
        await QueueAsync("customer@outage.example");

        // The dispatcher polls every two seconds: a minute of outage is thirty tries.
        for (var poll = 0; poll < 30; poll++)
        {
            Clock.Advance(TimeSpan.FromSeconds(2));
            await Dispatcher.SendPendingAsync(CancellationToken.None);
        }
        await _smtp.StartAsync();
        await DispatchEveryMinuteForAsync(TimeSpan.FromHours(1));

        var received = Assert.Single(await _smtp.ReceivedAsync());
        Assert.Equal("customer@outage.example", received.To.Mailboxes.Single().Address);
    }

    [Fact]
    public async Task Fifty_emails_queued_in_a_ten_minute_outage_arrive_once_each_and_one_refused_for_good_is_requeued_by_an_operator_and_arrives()
    {
        await CreateStaffAsync("operator@emails.example", StaffRole.BillingOperator);
        var recipients = Enumerable.Range(1, 50).Select(n => $"customer{n}@outage.example").ToList();
        await QueueAsync([.. recipients, "gone@outage.example"]);

        for (var elapsed = TimeSpan.Zero; elapsed < TimeSpan.FromMinutes(10); elapsed += TimeSpan.FromSeconds(30))
        {
            Clock.Advance(TimeSpan.FromSeconds(30));
            await Dispatcher.SendPendingAsync(CancellationToken.None);
        }
        var duringOutage = await EmailsAsync();
        _smtp.Refuse("gone@outage.example", "550 No such mailbox");
        await _smtp.StartAsync();
        await DispatchEveryMinuteForAsync(TimeSpan.FromMinutes(30));
        var afterOutage = await _smtp.ReceivedAsync();

        Assert.All(duringOutage, e => Assert.Equal(EmailState.Pending, e.State));
        Assert.All(duringOutage, e => Assert.InRange(e.Attempts, 3, 5));
        Assert.All(duringOutage, e => Assert.StartsWith("SocketException: Connection refused", e.LastError, StringComparison.Ordinal));
        Assert.Equal(recipients.Order(), afterOutage.Select(m => m.To.Mailboxes.Single().Address).Order());
        Assert.Equal(50, afterOutage.Select(m => m.MessageId).Distinct().Count());
        var gone = (await EmailsAsync()).Single(e => e.ToAddress == "gone@outage.example");
        Assert.Equal(EmailState.Failed, gone.State);
        Assert.StartsWith("SMTP 550: No such mailbox", gone.LastError, StringComparison.Ordinal);

        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(BaseAddress, "en-CA");
        await SignInAsStaffAsync(page, "operator@emails.example");
        await page.GetByRole(AriaRole.Link, new() { Name = "Emails not delivered" }).ClickAsync();
        var failed = await page.GetByTestId("failed-emails").Locator("tbody tr").AllInnerTextsAsync();
        var counts = await page.GetByTestId("email-counts").InnerTextAsync();
        await Screenshot(page, "admin-emails-en");
        _smtp.Accept("gone@outage.example");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Requeue email {gone.Id}" }).ClickAsync();
        var requeued = await page.GetByRole(AriaRole.Status).InnerTextAsync();
        var sentNow = await Dispatcher.SendPendingAsync(CancellationToken.None);

        var row = Assert.Single(failed);
        Assert.Contains("gone@outage.example", row, StringComparison.Ordinal);
        Assert.Contains("550: No such mailbox", row, StringComparison.Ordinal);
        Assert.Equal("Waiting: 0. Failed: 1.", counts);
        Assert.Equal($"Email {gone.Id} requeued: it goes with the next round.", requeued);
        Assert.Equal(1, sentNow);
        Assert.Single(await _smtp.ReceivedAsync(), m => m.To.Mailboxes.Single().Address == "gone@outage.example");
        Assert.Equal(51, (await _smtp.ReceivedAsync()).Count);
        await using var db = Database.NewContext();
        var audit = await db.StaffAuditEntries.SingleAsync(e => e.Action.StartsWith("email."));
        Assert.Equal(("email.requeue", $"email {gone.Id}", "operator@emails.example"), (audit.Action, audit.Subject, audit.StaffEmail));
        Assert.Contains("No such mailbox", audit.Before, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_recipient_refused_for_good_fails_at_once_and_one_refused_for_now_is_tried_again_about_a_minute_later()
    {
        await _smtp.StartAsync();
        _smtp.Refuse("gone@refusals.example", "550 No such mailbox");
        _smtp.Refuse("full@refusals.example", "452 Mailbox full");
        await QueueAsync("gone@refusals.example", "full@refusals.example", "fine@refusals.example");
        var queuedAt = Clock.GetUtcNow();

        var sentFirst = await Dispatcher.SendPendingAsync(CancellationToken.None);
        var afterFirst = await EmailsAsync();
        _smtp.Accept("full@refusals.example");
        Clock.Advance(TimeSpan.FromSeconds(40));
        var sentTooEarly = await Dispatcher.SendPendingAsync(CancellationToken.None);
        Clock.Advance(TimeSpan.FromSeconds(40));
        var sentOnTime = await Dispatcher.SendPendingAsync(CancellationToken.None);

        Assert.Equal((1, 0, 1), (sentFirst, sentTooEarly, sentOnTime));
        var gone = afterFirst.Single(e => e.ToAddress == "gone@refusals.example");
        Assert.Equal((EmailState.Failed, 1, "SMTP 550: No such mailbox"), (gone.State, gone.Attempts, gone.LastError));
        var full = afterFirst.Single(e => e.ToAddress == "full@refusals.example");
        Assert.Equal((EmailState.Pending, 1, "SMTP 452: Mailbox full"), (full.State, full.Attempts, full.LastError));
        Assert.InRange(full.NextAttemptAt, queuedAt.AddSeconds(48), queuedAt.AddSeconds(72));
        Assert.Equal(["fine@refusals.example", "full@refusals.example"], (await _smtp.ReceivedAsync()).Select(m => m.To.Mailboxes.Single().Address).Order());
        Assert.Equal([EmailState.Sent, EmailState.Sent, EmailState.Failed], (await EmailsAsync()).OrderBy(e => e.ToAddress).Select(e => e.State));
    }

    [Fact]
    public async Task A_server_that_accepts_the_connection_but_never_answers_times_out_and_the_email_is_tried_again_later()
    {
        using var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start();
        var port = ((System.Net.IPEndPoint)silent.LocalEndpoint).Port;
        var dispatcher = ActivatorUtilities.CreateInstance<EmailDispatcher>(App.Services,
            Options.Create(new EmailOptions { SmtpHost = "127.0.0.1", SmtpPort = port, SmtpTimeout = TimeSpan.FromSeconds(2) }));
        await QueueAsync("patient@silence.example");

        var waited = System.Diagnostics.Stopwatch.StartNew();
        var sent = await dispatcher.SendPendingAsync(CancellationToken.None);
        waited.Stop();

        var email = Assert.Single(await EmailsAsync());
        Assert.Equal((0, EmailState.Pending, 1), (sent, email.State, email.Attempts));
        Assert.NotNull(email.LastError);
        Assert.InRange(email.NextAttemptAt, Clock.GetUtcNow().AddSeconds(48), Clock.GetUtcNow().AddSeconds(72));
        Assert.InRange(waited.Elapsed, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task The_meter_counts_emails_sent_and_failed_attempts_and_shows_how_many_wait_and_failed()
    {
        var measurements = new ConcurrentQueue<(string Instrument, long Value, bool? Permanent)>();
        using var listener = new MeterListener();
        var meters = App.Services.GetRequiredService<IMeterFactory>();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == EmailMetrics.MeterName && instrument.Meter.Scope == meters)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var permanent = tags.ToArray().Where(t => t.Key == "permanent").Select(t => (bool?)t.Value).SingleOrDefault();
            measurements.Enqueue((instrument.Name, value, permanent));
        });
        listener.Start();
        await _smtp.StartAsync();
        _smtp.Refuse("gone@meter.example", "550 No such mailbox");
        _smtp.Refuse("later@meter.example", "451 Try again later");
        await QueueAsync("gone@meter.example", "later@meter.example", "one@meter.example", "two@meter.example");

        await Dispatcher.SendPendingAsync(CancellationToken.None);
        listener.RecordObservableInstruments();

        var seen = measurements.ToList();
        Assert.Equal(2, seen.Where(m => m.Instrument == "facturo.emails.sent").Sum(m => m.Value));
        Assert.Equal(1, seen.Where(m => m.Instrument == "facturo.emails.failed_attempts" && m.Permanent == true).Sum(m => m.Value));
        Assert.Equal(1, seen.Where(m => m.Instrument == "facturo.emails.failed_attempts" && m.Permanent == false).Sum(m => m.Value));
        Assert.Equal(1, seen.Last(m => m.Instrument == "facturo.emails.pending").Value);
        Assert.Equal(1, seen.Last(m => m.Instrument == "facturo.emails.failed").Value);
    }

    [Fact]
    public async Task An_email_the_server_cannot_take_for_three_days_fails_and_the_log_says_once_that_mail_is_failing()
    {
        var log = new RecordingLogger<EmailDispatcher>();
        var dispatcher = ActivatorUtilities.CreateInstance<EmailDispatcher>(App.Services, log);
        await QueueAsync("patient@outage.example");
        var queuedAt = Clock.GetUtcNow();

        var rounds = 0;
        OutboxEmail email;
        while ((email = (await EmailsAsync()).Single()).State == EmailState.Pending && rounds++ < 200)
        {
            Clock.SetUtcNow(email.NextAttemptAt > Clock.GetUtcNow() ? email.NextAttemptAt : Clock.GetUtcNow());
            await dispatcher.SendPendingAsync(CancellationToken.None);
        }

        Assert.Equal(EmailState.Failed, email.State);
        Assert.Equal(queuedAt + TimeSpan.FromDays(3), Clock.GetUtcNow());
        Assert.InRange(email.Attempts, 70, 80);
        var errors = log.At(LogLevel.Error);
        Assert.Equal(2, errors.Count);
        Assert.StartsWith("Emails cannot be sent: SocketException: Connection refused", errors[0], StringComparison.Ordinal);
        Assert.StartsWith("1 email(s) failed for good", errors[1], StringComparison.Ordinal);
        Assert.DoesNotContain(log.Entries, e => e.Level == LogLevel.Warning);
    }

    [Fact]
    public async Task When_mail_goes_out_again_the_log_says_so_once()
    {
        var log = new RecordingLogger<EmailDispatcher>();
        var dispatcher = ActivatorUtilities.CreateInstance<EmailDispatcher>(App.Services, log);
        await QueueAsync("first@recovery.example", "second@recovery.example");

        await dispatcher.SendPendingAsync(CancellationToken.None);
        await _smtp.StartAsync();
        Clock.Advance(TimeSpan.FromMinutes(2));
        await dispatcher.SendPendingAsync(CancellationToken.None);
        await QueueAsync("third@recovery.example");
        await dispatcher.SendPendingAsync(CancellationToken.None);

        Assert.Equal(3, (await _smtp.ReceivedAsync()).Count);
        Assert.Single(log.At(LogLevel.Error));
        Assert.Equal(["Emails are being sent again; 0 email(s) still waiting"], log.At(LogLevel.Information));
    }

    [Fact]
    public async Task With_no_smtp_host_emails_wait_untried_and_an_error_is_logged_at_once_and_every_hour_until_a_host_is_set()
    {
        var log = new RecordingLogger<EmailDispatcher>();
        var unconfigured = ActivatorUtilities.CreateInstance<EmailDispatcher>(App.Services, log, Options.Create(new EmailOptions { SmtpHost = null, PickupDirectory = null }));
        await QueueAsync("first@nohost.example", "second@nohost.example");

        await unconfigured.SendPendingAsync(CancellationToken.None);
        Clock.Advance(TimeSpan.FromMinutes(59));
        await unconfigured.SendPendingAsync(CancellationToken.None);
        var afterAnHourLess = log.At(LogLevel.Error).Count;
        Clock.Advance(TimeSpan.FromMinutes(1));
        await unconfigured.SendPendingAsync(CancellationToken.None);
        var waiting = await EmailsAsync();
        await _smtp.StartAsync();
        var sentOnceSet = await Dispatcher.SendPendingAsync(CancellationToken.None);

        Assert.Equal(1, afterAnHourLess);
        Assert.Equal(2, log.At(LogLevel.Error).Count);
        Assert.Equal("No email is sent: set Email:SmtpHost (or, for development, Email:PickupDirectory). 2 email(s) wait; none is dropped", log.At(LogLevel.Error)[0]);
        Assert.All(waiting, e => Assert.Equal((EmailState.Pending, 0), (e.State, e.Attempts)));
        Assert.Equal(2, sentOnceSet);
    }

    [Fact]
    public async Task Two_dispatchers_on_one_database_send_each_email_once()
    {
        await _smtp.StartAsync();
        await QueueAsync([.. Enumerable.Range(1, 300).Select(n => $"customer{n}@nodes.example")]);
        var otherNode = ActivatorUtilities.CreateInstance<EmailDispatcher>(App.Services);

        var sent = await Task.WhenAll(SendUntilNothingIsLeftAsync(Dispatcher), SendUntilNothingIsLeftAsync(otherNode));

        var received = await _smtp.ReceivedAsync();
        Assert.Equal(300, received.Count);
        Assert.Equal(300, received.Select(m => m.MessageId).Distinct().Count());
        Assert.Equal(300, sent.Sum());
        Assert.All(sent, count => Assert.True(count > 0, "Both nodes sent some."));
        Assert.NotEqual(Dispatcher.Node, otherNode.Node);
    }

    [Fact]
    public async Task A_node_that_dies_holding_emails_leaves_them_to_another_once_its_claim_runs_out()
    {
        await _smtp.StartAsync();
        await QueueAsync("one@lease.example", "two@lease.example");
        await using (var db = Database.NewContext())
        {
            // What a node claims before it is killed mid-round.
            await OutboxClaims.ClaimAsync(db, "dead-node", Clock.GetUtcNow(), Clock.GetUtcNow() + EmailDispatcher.ClaimLease, 50, CancellationToken.None);
        }

        var whileClaimed = await Dispatcher.SendPendingAsync(CancellationToken.None);
        Clock.Advance(EmailDispatcher.ClaimLease);
        var onceRunOut = await Dispatcher.SendPendingAsync(CancellationToken.None);

        Assert.Equal((0, 2), (whileClaimed, onceRunOut));
        Assert.Equal(2, (await _smtp.ReceivedAsync()).Count);
        Assert.All(await EmailsAsync(), e => Assert.Equal((EmailState.Sent, null, null), (e.State, e.ClaimedBy, e.ClaimedUntil)));
    }

    [Fact]
    public async Task An_administrator_requeues_every_failed_email_at_once_in_french_and_sales_staff_cannot_open_the_page()
    {
        await _smtp.StartAsync();
        _smtp.Refuse("all", "554 Relay access denied");
        await QueueAsync("un@relais.example", "deux@relais.example");
        await Dispatcher.SendPendingAsync(CancellationToken.None);
        _smtp.Accept("all");
        await CreateStaffAsync("admin@emails.example", StaffRole.Administrator);
        await CreateStaffAsync("sales@emails.example", StaffRole.Sales);

        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(BaseAddress, "en-CA");
        await SignInAsStaffAsync(page, "admin@emails.example");
        await page.GotoAsync("/admin/emails?lang=fr");
        var failed = await page.GetByTestId("failed-emails").Locator("tbody tr").CountAsync();
        await Screenshot(page, "admin-emails-fr");
        await page.GetByRole(AriaRole.Button, new() { Name = "Remettre en file tous les courriels en échec" }).ClickAsync();
        var requeued = await page.GetByRole(AriaRole.Status).InnerTextAsync();
        var sent = await Dispatcher.SendPendingAsync(CancellationToken.None);
        var sales = await browser.NewPageAsync(BaseAddress, "en-CA");
        await SignInAsStaffAsync(sales, "sales@emails.example");
        await sales.GotoAsync("/admin/emails");

        Assert.Equal(2, failed);
        Assert.Equal("2 courriel(s) remis en file.", requeued);
        Assert.Equal(2, sent);
        Assert.Equal("/admin/denied", new Uri(sales.Url).AbsolutePath);
        await using var db = Database.NewContext();
        Assert.Equal(["email.requeue-all"], await db.StaffAuditEntries.Where(e => e.Action.StartsWith("email.")).Select(e => e.Action).ToListAsync());
    }

    private async Task<int> SendUntilNothingIsLeftAsync(EmailDispatcher dispatcher)
    {
        var sent = 0;
        for (var round = 0; round < 600; round++)
        {
            var sentNow = await dispatcher.SendPendingAsync(CancellationToken.None);
            sent += sentNow;
            await using var db = Database.NewContext();
            if (!await db.OutboxEmails.AnyAsync(e => e.State == EmailState.Pending))
            {
                return sent;
            }
            if (sentNow == 0)
            {
                // The other node holds what is left: give it time to send.
                await Task.Delay(100);
            }
        }
        throw new InvalidOperationException("Emails were still pending after 600 rounds.");
    }

    private async Task QueueAsync(params string[] recipients)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var outbox = scope.ServiceProvider.GetRequiredService<EmailOutbox>();
        foreach (var recipient in recipients)
        {
            await outbox.QueueAsync("test", recipient, Language.En, $"Hello {recipient}", "A test email.", CancellationToken.None);
        }
        await scope.ServiceProvider.GetRequiredService<FacturoDbContext>().SaveChangesAsync();
    }

    private async Task<IReadOnlyList<OutboxEmail>> EmailsAsync()
    {
        await using var db = Database.NewContext();
        return await db.OutboxEmails.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
    }

    /// <summary>Moves the test clock a minute at a time, letting the dispatcher send what is due at each step.</summary>
    private async Task DispatchEveryMinuteForAsync(TimeSpan span)
    {
        for (var elapsed = TimeSpan.Zero; elapsed < span; elapsed += TimeSpan.FromMinutes(1))
        {
            Clock.Advance(TimeSpan.FromMinutes(1));
            await Dispatcher.SendPendingAsync(CancellationToken.None);
        }
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _smtp.DisposeAsync();
    }
}

public sealed class EmailOutboxTestsOnSqlite() : EmailOutboxTests(DatabaseProvider.Sqlite);
public sealed class EmailOutboxTestsOnPostgres() : EmailOutboxTests(DatabaseProvider.Postgres);
