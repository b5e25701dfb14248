using System.Security.Cryptography;
using Facturo.Accounts;
using Facturo.Data;
using Facturo.Portal;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Payments;

/// <summary>
/// Account numbers are encrypted with a key of their own (AES-GCM, the key itself encrypted by Data Protection), which the
/// daily batch decrypts twenty times faster than Data Protection; numbers Data Protection encrypted before still read.
/// </summary>
public abstract class BankAccountNumbersAtRestTests(DatabaseProvider provider) : PortalTest(provider)
{
    private const string AccountNumber = "123456789";

    [Fact]
    public async Task An_account_number_is_stored_encrypted_with_its_own_key_differently_each_time_and_reads_back_whole()
    {
        var payer = await PayerAsync();

        await AddCanadianBankAccountAsync(payer);
        await AddCanadianBankAccountAsync(payer);

        await using var db = Database.NewContext();
        var stored = await db.BankAccounts.OrderBy(b => b.Id).Select(b => b.ProtectedAccountNumber).ToListAsync();
        Assert.All(stored, s => Assert.StartsWith(BankAccountNumbers.Prefix, s, StringComparison.Ordinal));
        Assert.All(stored, s => Assert.DoesNotContain(AccountNumber, s, StringComparison.Ordinal));
        Assert.NotEqual(stored[0], stored[1]);
        Assert.Equal([AccountNumber, AccountNumber], await Numbers.RevealAllAsync(stored, CancellationToken.None));
        var keyFile = await File.ReadAllTextAsync(Path.Combine(MailFolder, "keys", "bank-account-numbers.key"));
        Assert.StartsWith("CfDJ8", keyFile, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_number_encrypted_by_data_protection_before_the_upgrade_still_goes_into_the_bank_file()
    {
        var payer = await PayerAsync();
        var bankId = await AddCanadianBankAccountAsync(payer);
        await StoreTheOlderWayAsync(bankId, "987654321");
        var paid = await InScopeAsync<SubmitPayment, Platform.Outcome<Payment>>(p => p.SubmitAsync(payer,
            new PaymentRequest("1000401", ["F000000001"], null, bankId, true, "older-1", "127.0.0.1"), CancellationToken.None));
        Assert.True(paid.Succeeded, paid.Error?.Code);

        var batch = Assert.Single(await InScopeAsync<DebitBatches, IReadOnlyList<DebitBatch>>(async b => (await b.RunAsync(null, CancellationToken.None)).Value!));

        Assert.Contains("081530800987654321   ", await FileOfAsync(batch), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_re_encrypts_numbers_data_protection_encrypted_which_then_read_the_same()
    {
        var payer = await PayerAsync();
        var olderId = await AddCanadianBankAccountAsync(payer);
        var newerId = await AddCanadianBankAccountAsync(payer);
        await StoreTheOlderWayAsync(olderId, "987654321");
        string newerBefore;
        await using (var db = Database.NewContext())
        {
            newerBefore = (await db.BankAccounts.SingleAsync(b => b.Id == newerId)).ProtectedAccountNumber;
        }

        var first = await InScopeAsync<ReencryptAccountNumbers, int>(r => r.RunAsync(CancellationToken.None));
        var second = await InScopeAsync<ReencryptAccountNumbers, int>(r => r.RunAsync(CancellationToken.None));

        Assert.Equal((1, 0), (first, second));
        await using var after = Database.NewContext();
        var older = (await after.BankAccounts.SingleAsync(b => b.Id == olderId)).ProtectedAccountNumber;
        Assert.StartsWith(BankAccountNumbers.Prefix, older, StringComparison.Ordinal);
        Assert.Equal("987654321", await Numbers.RevealAsync(older, CancellationToken.None));
        Assert.Equal(newerBefore, (await after.BankAccounts.SingleAsync(b => b.Id == newerId)).ProtectedAccountNumber);
    }

    [Fact]
    public async Task An_encrypted_number_changed_by_one_character_is_refused_rather_than_read_as_another_number()
    {
        var protectedNumber = await Numbers.ProtectAsync(AccountNumber, CancellationToken.None);
        var sealedBytes = Convert.FromBase64String(protectedNumber[BankAccountNumbers.Prefix.Length..]);
        sealedBytes[^1] ^= 1;
        var tampered = BankAccountNumbers.Prefix + Convert.ToBase64String(sealedBytes);

        await Assert.ThrowsAnyAsync<CryptographicException>(() => Numbers.RevealAsync(tampered, CancellationToken.None));
        await Assert.ThrowsAnyAsync<CryptographicException>(() => Numbers.RevealAllAsync([protectedNumber, tampered], CancellationToken.None));
    }

    private BankAccountNumbers Numbers => App.Services.GetRequiredService<BankAccountNumbers>();

    private async Task<PortalUser> PayerAsync()
    {
        await AddAccountAsync("1000401");
        await PlaceOrderAsync("1000401", unitPrice: 100m);
        MoveClockTo(2026, 11, 1);
        await BillAsync(October);
        return await RegisterAsync("1000401", "numbers@payer.example", PortalRole.Admin, Language.En);
    }

    /// <summary>As every number was stored before it had a key of its own: Data Protection's text, under its purpose then.</summary>
    private async Task StoreTheOlderWayAsync(long bankId, string accountNumber)
    {
        var olderWay = App.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Facturo.BankAccountNumbers.v1").Protect(accountNumber);
        await using var db = Database.NewContext();
        await db.BankAccounts.Where(b => b.Id == bankId).ExecuteUpdateAsync(s => s.SetProperty(b => b.ProtectedAccountNumber, olderWay));
    }
}

public sealed class BankAccountNumbersAtRestTestsOnSqlite() : BankAccountNumbersAtRestTests(DatabaseProvider.Sqlite);
public sealed class BankAccountNumbersAtRestTestsOnPostgres() : BankAccountNumbersAtRestTests(DatabaseProvider.Postgres);
