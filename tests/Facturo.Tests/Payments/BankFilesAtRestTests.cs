using System.Text;
using Facturo.Accounts;
using Facturo.Data;
using Facturo.Portal;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Facturo.Payments;

/// <summary>A debit file holds every payer's full account number: neither the database nor the outbox may give it to a reader.</summary>
public abstract class BankFilesAtRestTests(DatabaseProvider provider) : PortalTest(provider)
{
    private const string AccountNumber = "123456789";

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task A_debit_file_is_encrypted_in_the_database_and_written_for_the_owner_only()
    {
        var outbox = Path.Combine(Path.GetTempPath(), $"facturo-outbox-{Guid.NewGuid():N}");
        try
        {
            await SubmittedDebitAsync();

            var (batch, path) = Assert.Single(await SendAsync(outbox));

            var written = await File.ReadAllBytesAsync(path);
            Assert.Contains(AccountNumber, Encoding.ASCII.GetString(written), StringComparison.Ordinal);
            await using var db = Database.NewContext();
            var stored = await db.DebitBatches.AsNoTracking().SingleAsync(b => b.Id == batch.Id);
            Assert.StartsWith(Platform.AesGcmText.Prefix, stored.Content, StringComparison.Ordinal);
            Assert.DoesNotContain(AccountNumber, stored.Content, StringComparison.Ordinal);
            Assert.DoesNotContain("F000000001", stored.Content, StringComparison.Ordinal);
            Assert.Equal(Encoding.ASCII.GetString(written), await FileOfAsync(stored));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(outbox));
        }
        finally
        {
            Directory.Delete(outbox, recursive: true);
        }
    }

    [Fact]
    public async Task A_file_stored_plain_before_the_upgrade_is_encrypted_by_the_next_send_and_still_downloads_the_same()
    {
        const string Plain = "A000000001012345678900010260001003100000000000000000000CAD\r\n";
        await using (var db = Database.NewContext())
        {
            db.DebitBatches.Add(new DebitBatch { Format = BankFileFormat.Cpa005, Sequence = 1, FileName = "cpa005-20261001-0001.txt", Content = Plain, ExportedAt = Clock.GetUtcNow() });
            await db.SaveChangesAsync();
        }
        var outbox = Path.Combine(Path.GetTempPath(), $"facturo-outbox-{Guid.NewGuid():N}");
        try
        {
            Assert.Empty(await SendAsync(outbox));
        }
        finally
        {
            if (Directory.Exists(outbox))
            {
                Directory.Delete(outbox, recursive: true);
            }
        }

        await using var after = Database.NewContext();
        var stored = await after.DebitBatches.AsNoTracking().SingleAsync();
        Assert.NotEqual(Plain, stored.Content);
        Assert.False(BankFileContents.IsPlain(stored.Content));
        Assert.Equal(Encoding.ASCII.GetBytes(Plain), await App.Services.GetRequiredService<BankFileContents>().RevealAsync(stored, CancellationToken.None));
    }

    [Fact]
    public async Task A_file_encrypted_by_data_protection_before_it_had_a_key_of_its_own_still_reads_the_same_and_a_changed_one_is_refused()
    {
        const string Plain = "A000000001012345678900010260001003100000000000000000000CAD\r\n";
        var contents = App.Services.GetRequiredService<BankFileContents>();
        var olderWay = App.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Facturo.BankFiles.v1").Protect(Plain);
        var current = await contents.ProtectAsync(Encoding.ASCII.GetBytes(Plain), CancellationToken.None);
        var changed = current[..^4] + (current[^4] == 'A' ? 'B' : 'A') + current[^3..];

        var read = await contents.RevealAsync(new DebitBatch { FileName = "older.txt", Content = olderWay }, CancellationToken.None);

        Assert.Equal(Encoding.ASCII.GetBytes(Plain), read);
        Assert.Equal(Encoding.ASCII.GetBytes(Plain), await contents.RevealAsync(new DebitBatch { FileName = "current.txt", Content = current }, CancellationToken.None));
        await Assert.ThrowsAnyAsync<System.Security.Cryptography.CryptographicException>(() =>
            contents.RevealAsync(new DebitBatch { FileName = "changed.txt", Content = changed }, CancellationToken.None));
    }

    private async Task SubmittedDebitAsync()
    {
        await AddAccountAsync("1000301");
        await PlaceOrderAsync("1000301", unitPrice: 100m);
        MoveClockTo(2026, 11, 1);
        await BillAsync(October);
        var payer = await RegisterAsync("1000301", "rest@payer.example", PortalRole.Admin, Language.En);
        var bankId = await AddCanadianBankAccountAsync(payer);
        var paid = await InScopeAsync<SubmitPayment, Platform.Outcome<Payment>>(p => p.SubmitAsync(payer,
            new PaymentRequest("1000301", ["F000000001"], null, bankId, true, "rest-1", "127.0.0.1"), CancellationToken.None));
        Assert.True(paid.Succeeded, paid.Error?.Code);
    }

    private Task<IReadOnlyList<(DebitBatch Batch, string Path)>> SendAsync(string outbox) =>
        InScopeAsync<DebitBatches, IReadOnlyList<(DebitBatch Batch, string Path)>>(async b => (await b.SendAsync(outbox, null, CancellationToken.None)).Value!);
}

public sealed class BankFilesAtRestTestsOnSqlite() : BankFilesAtRestTests(DatabaseProvider.Sqlite);
public sealed class BankFilesAtRestTestsOnPostgres() : BankFilesAtRestTests(DatabaseProvider.Postgres);
