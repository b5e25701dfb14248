using Facturo.Data;
using Facturo.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Cli;

/// <summary><c>facturo record-payment</c> reads its amount as the portal reads English amounts.</summary>
public sealed class RecordPaymentCommandTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await FacturoProcess.RunAsync(_database.Options, "migrate");
    }

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    [Fact]
    public async Task A_cheque_of_150_5_is_recorded_as_150_50()
    {
        var (exitCode, output, errors) = await RecordChequeAsync("150.5");

        Assert.True(exitCode == 0, errors);
        Assert.Contains("E000000001: Cheque 150.50 CAD", output, StringComparison.Ordinal);
        await using var db = _database.NewContext();
        Assert.Equal(15_050L, (await db.Receipts.SingleAsync()).AmountCents);
    }

    [Theory]
    [InlineData("1e3", "\"1e3\" is written as a power of ten")]
    [InlineData("12.345", "\"12.345\" can be read two ways")]
    [InlineData("=-100", "\"-100\" is negative")]
    [InlineData("12,34.5", "\"12,34.5\" has a misplaced separator")]
    public async Task An_amount_that_is_not_dollars_and_cents_is_a_command_line_error_and_records_nothing(string amount, string reason)
    {
        var (exitCode, _, errors) = await RecordChequeAsync(amount);

        Assert.Equal(FacturoCli.CommandLineError, exitCode);
        Assert.Contains(reason, errors, StringComparison.Ordinal);
        await using var db = _database.NewContext();
        Assert.Empty(await db.Receipts.ToListAsync());
    }

    /// <summary>"=-100" is passed glued to the option (<c>--amount=-100</c>), as a shell user would to keep it from reading as an option.</summary>
    private Task<(int ExitCode, string Output, string Errors)> RecordChequeAsync(string amount) =>
        amount.StartsWith('=')
            ? FacturoProcess.RunAsync(_database.Options, "record-payment", "--method", "Cheque", $"--amount{amount}", "--received", "2026-11-03", "--bank-reference", "CHQ-000150")
            : FacturoProcess.RunAsync(_database.Options, "record-payment", "--method", "Cheque", "--amount", amount, "--received", "2026-11-03", "--bank-reference", "CHQ-000150");
}
