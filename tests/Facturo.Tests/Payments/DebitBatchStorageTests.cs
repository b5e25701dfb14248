using Facturo.Data;
using Facturo.DemoData;
using Facturo.Platform;
using Facturo.Portal;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Facturo.Payments;

/// <summary>
/// How a batch's payments are stored, which decides the daily batch's speed: moving 100,000 payments to "sent to bank"
/// once wrote each payment's new version into every index of the table and through a foreign-key check.
/// </summary>
public abstract class DebitBatchStorageTests(DatabaseProvider provider) : PortalTest(provider)
{
    protected const int Debits = 200;

    [Fact]
    public async Task A_bank_file_once_batched_can_never_be_deleted_so_its_payments_always_name_it()
    {
        var batch = await BatchOfSubmittedDebitsAsync();

        await using var db = Database.NewContext();
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => db.DebitBatches.Where(b => b.Id == batch.Id).ExecuteDeleteAsync());
        Assert.Equal(Debits, await db.Payments.CountAsync(p => p.DebitBatchId == batch.Id && db.DebitBatches.Any(b => b.Id == p.DebitBatchId)));
    }

    protected async Task<DebitBatch> BatchOfSubmittedDebitsAsync()
    {
        var loaded = await InScopeAsync<SizingDataLoader, Outcome<SizingDataProgress>>(l => l.LoadAsync(Debits, 1, October, Currency.Cad, demoBiller: true, null, CancellationToken.None));
        Assert.True(loaded.Succeeded, loaded.Error?.Code);
        MoveClockTo(2026, 11, 2);
        await BillAsync(October);
        var submitted = await InScopeAsync<SizingDebitsLoader, Outcome<int>>(l => l.LoadAsync(Currency.Cad, null, CancellationToken.None));
        Assert.Equal(Debits, submitted.Value);
        return Assert.Single(await InScopeAsync<DebitBatches, IReadOnlyList<DebitBatch>>(async b => (await b.RunAsync(null, CancellationToken.None)).Value!));
    }
}

public sealed class DebitBatchStorageTestsOnSqlite() : DebitBatchStorageTests(DatabaseProvider.Sqlite);

public sealed class DebitBatchStorageTestsOnPostgres() : DebitBatchStorageTests(DatabaseProvider.Postgres)
{
    /// <summary>
    /// A heap-only update: no indexed column changes and the new version fits on the row's page, so PostgreSQL adds no
    /// index entry. Returned here: one payment in twenty, as banks return a few in a hundred, days later, after autovacuum has
    /// cleared the versions the batch left (done here by hand: without it a return may find its page full, whatever the indexes).
    /// The counts come from PostgreSQL's statistics, which a server process reports within seconds.
    /// </summary>
    [Fact]
    public async Task Every_payment_moved_to_sent_to_bank_then_returned_is_rewritten_in_place_without_new_index_entries()
    {
        const int Returned = 10;
        var batch = await BatchOfSubmittedDebitsAsync();
        var afterBatch = await UpdatesOfPaymentsAsync(Debits);
        await using (var connection = new NpgsqlConnection(Database.Options.ConnectionString))
        {
            await connection.OpenAsync();
            await using var vacuum = new NpgsqlCommand("VACUUM payments", connection);
            await vacuum.ExecuteNonQueryAsync();
        }
        MoveClockTo(2026, 11, 4);
        var returns = ReturnFiles.Cpa005ReturnsOfMany(await FileOfAsync(batch), "901", Returned);

        var imported = await InScopeAsync<PaymentReturns, Outcome<BankFileImport>>(r => r.ImportAsync("returns.txt", returns, CancellationToken.None));

        Assert.True(imported.Succeeded, imported.Error?.Code);
        Assert.Equal((Debits, Debits), afterBatch);
        Assert.Equal((Debits + Returned, Debits + Returned), await UpdatesOfPaymentsAsync(Debits + Returned));
    }

    /// <summary>Rows of <c>payments</c> updated, and how many of those in place, once the statistics show at least <paramref name="expected"/> (at most 30 s).</summary>
    private async Task<(long Updated, long InPlace)> UpdatesOfPaymentsAsync(long expected)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(Database.Options.ConnectionString);
        await connection.OpenAsync();
        await using var statistics = new NpgsqlCommand("SELECT n_tup_upd, n_tup_hot_upd FROM pg_stat_user_tables WHERE relname = 'payments'", connection);
        var (updated, inPlace) = (0L, 0L);
        for (var waited = 0; updated < expected && waited < 30_000; waited += 250)
        {
            await Task.Delay(250);
            await using var reader = await statistics.ExecuteReaderAsync();
            await reader.ReadAsync();
            (updated, inPlace) = (reader.GetInt64(0), reader.GetInt64(1));
        }
        return (updated, inPlace);
    }

    /// <summary>An encrypted file does not compress: trying to (pglz, on 31 MB for 100,000 debits) took longer than storing it.</summary>
    [Fact]
    public async Task A_bank_file_is_stored_out_of_line_without_trying_to_compress_it()
    {
        await using var connection = new NpgsqlConnection(Database.Options.ConnectionString);
        await connection.OpenAsync();
        await using var storage = new NpgsqlCommand("SELECT attstorage FROM pg_attribute WHERE attrelid = 'debit_batches'::regclass AND attname = 'content'", connection);

        Assert.Equal('e', (char)(await storage.ExecuteScalarAsync())!);
    }
}
