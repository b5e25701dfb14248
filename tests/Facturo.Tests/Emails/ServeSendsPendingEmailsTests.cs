using Facturo.Accounts;
using Facturo.Cli;
using Facturo.Data;
using Facturo.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Emails;

/// <summary>A real <c>facturo serve</c> process, configured through the environment, sends what was pending when it started.</summary>
public abstract class ServeSendsPendingEmailsTests(DatabaseProvider provider) : IAsyncLifetime
{
    private readonly SmtpTestServer _smtp = new();
    private readonly string _keys = Path.Combine(Path.GetTempPath(), "facturo-tests", $"keys-{Guid.NewGuid():N}");
    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
        await using var db = _database.NewContext();
        await Migrator.MigrateAsync(db, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _smtp.DisposeAsync();
        await _database.DisposeAsync();
        if (Directory.Exists(_keys))
        {
            Directory.Delete(_keys, recursive: true);
        }
    }

    [Fact]
    public async Task A_serve_process_started_with_emails_pending_sends_each_of_them_once()
    {
        await QueuePendingAsync(20);
        await _smtp.StartAsync();

        using (var serve = FacturoProcess.Start(_database.Options, new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Test",
            ["Urls"] = "http://127.0.0.1:0",
            ["Logging__LogLevel__Default"] = "Warning",
            ["DataProtection__KeyDirectory"] = _keys,
            ["Email__SmtpHost"] = "127.0.0.1",
            ["Email__SmtpPort"] = $"{_smtp.Port}",
            ["Email__PollInterval"] = "00:00:00.200",
        }, "serve"))
        {
            await WaitUntilNonePendingAsync(TimeSpan.FromSeconds(90));
            await serve.KillAsync();
        }

        var received = await _smtp.ReceivedAsync();
        Assert.Equal(20, received.Count);
        Assert.Equal(20, received.Select(m => m.MessageId).Distinct().Count());
    }

    private async Task QueuePendingAsync(int count)
    {
        await using var db = _database.NewContext();
        var now = TimeProvider.System.GetUtcNow();
        db.OutboxEmails.AddRange(Enumerable.Range(1, count).Select(n => new OutboxEmail
        {
            Kind = "test", ToAddress = $"customer{n}@restart.example", Language = Language.En, Subject = $"Email {n}", Body = "Sent after a restart.",
            CreatedAt = now, NextAttemptAt = now,
        }));
        await db.SaveChangesAsync();
    }

    private async Task WaitUntilNonePendingAsync(TimeSpan limit)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < limit)
        {
            await using var db = _database.NewContext();
            if (!await db.OutboxEmails.AnyAsync(e => e.State == EmailState.Pending))
            {
                return;
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"Emails were still pending after {limit.TotalSeconds} s.");
    }
}

public sealed class ServeSendsPendingEmailsTestsOnSqlite() : ServeSendsPendingEmailsTests(DatabaseProvider.Sqlite);
public sealed class ServeSendsPendingEmailsTestsOnPostgres() : ServeSendsPendingEmailsTests(DatabaseProvider.Postgres);
