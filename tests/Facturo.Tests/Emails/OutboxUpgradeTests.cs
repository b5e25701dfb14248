using Facturo.Data;
using Facturo.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Facturo.Emails;

/// <summary>Upgrading a database whose outbox the old dispatcher filled: nothing sent twice, nothing it gave up on lost.</summary>
public abstract class OutboxUpgradeTests(DatabaseProvider provider) : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync(provider);

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Sent_emails_stay_sent_those_given_up_after_ten_tries_become_failed_and_the_others_are_due_at_once()
    {
        await using var db = _database.NewContext();
        var migrations = db.Database.GetMigrations().ToList();
        var before = migrations[migrations.FindIndex(m => m.EndsWith("_OutboxDelivery", StringComparison.Ordinal)) - 1];
        await db.GetService<IMigrator>().MigrateAsync(before);
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO outbox_emails (kind, to_address, language, subject, body, created_at, sent_at, attempts, last_error)
            VALUES ('test', 'sent@upgrade.example', 'En', 'Sent', 'Body', '2026-10-01 12:00:00+00:00', '2026-10-01 12:00:02+00:00', 1, NULL),
                   ('test', 'dropped@upgrade.example', 'En', 'Dropped', 'Body', '2026-10-02 12:00:00+00:00', NULL, 10, 'Connection refused'),
                   ('test', 'retrying@upgrade.example', 'Fr', 'Retrying', 'Body', '2026-10-03 12:00:00+00:00', NULL, 3, 'Connection refused');
            """);

        await db.Database.MigrateAsync();

        var emails = await db.OutboxEmails.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
        Assert.Equal([EmailState.Sent, EmailState.Failed, EmailState.Pending], emails.Select(e => e.State));
        Assert.Equal(new DateTimeOffset(2026, 10, 3, 12, 0, 0, TimeSpan.Zero), emails[2].NextAttemptAt);
        Assert.Equal("Connection refused", emails[1].LastError);
        Assert.All(emails, e => Assert.Null(e.ClaimedBy));
    }
}

public sealed class OutboxUpgradeTestsOnSqlite() : OutboxUpgradeTests(DatabaseProvider.Sqlite);
public sealed class OutboxUpgradeTestsOnPostgres() : OutboxUpgradeTests(DatabaseProvider.Postgres);
