using Facturo.Accounts;
using Facturo.Data;
using Facturo.Platform;
using Facturo.Portal;

namespace Facturo.Payments;

/// <summary>The names, identifications and dates the daily batch writes in its bank files, on both databases.</summary>
public abstract class DebitFileFieldTests(DatabaseProvider provider) : PortalTest(provider)
{
    [Fact]
    public async Task A_canadian_debit_batched_on_a_sunday_is_due_monday_in_a_file_created_sunday_with_a_bank_safe_name_and_the_payment_reference()
    {
        await AddAccountAsync("1000301");
        await PlaceOrderAsync("1000301", unitPrice: 100m);
        MoveClockTo(2026, 11, 1);   // Sunday 1 November 2026, 10:00 in Toronto
        await BillAsync(October);
        var payer = await RegisterAsync("1000301", "sunday@batch.example", PortalRole.Admin);
        var bank = await InScopeAsync<BankAccounts, Outcome<BankAccount>>(p => p.AddAsync(payer, new BankAccountForm(BankCountry.CA, "Œuvres Zoë & Fils — Montréal", "815", "30800", null, "123456789"), CancellationToken.None));
        var paid = await InScopeAsync<SubmitPayment, Outcome<Payment>>(p =>
            p.SubmitAsync(payer, new PaymentRequest("1000301", ["F000000001"], null, bank.Value!.Id, true, "sunday-1", "127.0.0.1"), CancellationToken.None));

        var batch = Assert.Single(await InScopeAsync<DebitBatches, IReadOnlyList<DebitBatch>>(async b => (await b.RunAsync(null, CancellationToken.None)).Value!));

        Assert.True(paid.Succeeded, paid.Error?.Code);
        var records = (await FileOfAsync(batch)).Split("\r\n");
        Assert.Equal(["A", "D", "Z", ""], records.Select(r => r[..Math.Min(1, r.Length)]));   // CR LF after the trailer too
        Assert.Equal("026305", records[0][24..30]);                                         // created Sunday 1 November (day 305)
        Assert.Equal("026306", records[1][(24 + 13)..(24 + 19)]);                           // due Monday 2 November
        Assert.Equal("OEUVRES ZOE & FILS - MONTREAL ", records[1][(24 + 80)..(24 + 110)]);
        Assert.Equal(paid.Value!.Reference.PadRight(19), records[1][(24 + 150)..(24 + 169)]);
        Assert.Equal("P000000001", paid.Value.Reference);
    }

    [Fact]
    public async Task A_us_debit_batched_the_evening_before_thanksgiving_is_effective_friday_and_its_header_shows_toronto_time()
    {
        await AddAccountAsync("1000302", currencyCode: "USD");
        await PlaceOrderAsync("1000302", unitPrice: 100m);
        MoveClockTo(2026, 11, 6);
        await BillAsync(October);
        var payer = await RegisterAsync("1000302", "thanksgiving@batch.example", PortalRole.Admin);
        var bank = await InScopeAsync<BankAccounts, Outcome<BankAccount>>(p => p.AddAsync(payer, new BankAccountForm(BankCountry.US, "Grands Lacs Expédition — Détroit", null, null, "021000021", "123456789"), CancellationToken.None));
        var paid = await InScopeAsync<SubmitPayment, Outcome<Payment>>(p =>
            p.SubmitAsync(payer, new PaymentRequest("1000302", ["F000000001"], null, bank.Value!.Id, true, "us-thanksgiving", "127.0.0.1"), CancellationToken.None));
        Clock.SetUtcNow(new DateTimeOffset(2026, 11, 26, 3, 30, 0, TimeSpan.Zero));   // Wednesday 25 November, 22:30 in Toronto

        var batch = Assert.Single(await InScopeAsync<DebitBatches, IReadOnlyList<DebitBatch>>(async b => (await b.RunAsync(null, CancellationToken.None)).Value!));

        Assert.True(paid.Succeeded, paid.Error?.Code);
        Assert.EndsWith(new string('9', Nacha.RecordLength) + "\r\n", await FileOfAsync(batch), StringComparison.Ordinal);
        var lines = (await FileOfAsync(batch)).Split("\r\n");
        Assert.Equal(("261125", "2230"), (lines[0][23..29], lines[0][29..33]));
        Assert.Equal("261127", lines[1][69..75]);   // Thursday 26 is Thanksgiving: the Federal Reserve settles Friday 27
        var entry = Assert.Single(lines, l => l.StartsWith('6'));
        Assert.Equal(("P000000001     ", "GRANDS LACS EXPEDITION"), (entry[39..54], entry[54..76]));
    }
}

public sealed class DebitFileFieldTestsOnSqlite() : DebitFileFieldTests(DatabaseProvider.Sqlite);
public sealed class DebitFileFieldTestsOnPostgres() : DebitFileFieldTests(DatabaseProvider.Postgres);
