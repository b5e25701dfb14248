using Facturo.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Facturo.Data;

/// <summary>
/// A biller set up before the BillerSetup migration keeps working after it: its one legal name serves both languages, and
/// the next CPA-005 file continues the count of the files it already sent (the bank refuses a number it has seen).
/// </summary>
public abstract class BillerSetupMigrationTests(DatabaseProvider provider) : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync(provider);

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    [Theory]
    [InlineData(0, 1)]
    [InlineData(41, 42)]
    [InlineData(9999, 1)]
    [InlineData(10_003, 5)]
    public async Task An_upgraded_biller_keeps_its_name_and_its_next_file_continues_the_banks_count(int lastSequence, int nextFileCreationNumber)
    {
        await using (var before = _database.NewContext())
        {
            await before.GetService<IMigrator>().MigrateAsync("CreditNoteLinesAndTaxes");
            await before.Database.ExecuteSqlRawAsync("""
                INSERT INTO biller_settings (id, legal_name, gst_hst_number, qst_number, support_phone, support_email, eligible_prefixes, ineligible_prefixes,
                    paper_fee_cents, currency_code, commercial_revenue_threshold_cents, commercial_volume_threshold)
                VALUES (1, 'Postes Anciennes inc.', '123456782 RT0001', NULL, '1-800-555-0100', 'billing@old.example', '1', '9', 500, 'CAD', 500000, 500)
                """);
            if (lastSequence > 0)
            {
                var now = DateTimeOffset.UnixEpoch;
                foreach (var (format, sequence) in new[] { ("Cpa005", lastSequence - 1), ("Cpa005", lastSequence), ("Nacha", lastSequence + 7) })
                {
                    await before.Database.ExecuteSqlAsync($"""
                        INSERT INTO debit_batches (format, sequence, created_at, debit_count, total_cents, currency_code, file_name, content, exported_at)
                        VALUES ({format}, {(long)sequence}, {now}, 1, 100, 'CAD', {$"file-{format}-{sequence}"}, 'x', {now})
                        """);
                }
            }
        }

        await using var db = _database.NewContext();
        await Migrator.MigrateAsync(db, CancellationToken.None);

        var biller = await db.BillerSettings.SingleAsync();
        Assert.Equal(("Postes Anciennes inc.", "Postes Anciennes inc."), (biller.LegalName, biller.LegalNameIn(Accounts.Language.En)));
        Assert.Equal((nextFileCreationNumber, 30, "America/Toronto"), (biller.Cpa005NextFileCreationNumber, biller.DefaultCreditTermsDays, biller.TimeZone));
        Assert.Null(biller.Cpa005Identity);
    }
}

public sealed class BillerSetupMigrationTestsOnSqlite() : BillerSetupMigrationTests(DatabaseProvider.Sqlite);
public sealed class BillerSetupMigrationTestsOnPostgres() : BillerSetupMigrationTests(DatabaseProvider.Postgres);
