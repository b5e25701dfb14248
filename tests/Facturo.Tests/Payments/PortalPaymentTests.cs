using Facturo.Accounts;
using Facturo.Data;
using Facturo.Infrastructure;
using Facturo.Ledger;
using Facturo.Payments;
using Facturo.Portal;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Facturo.Payments;

/// <summary>Paying invoices by debit in a real browser: bank account, agreement on the first debit only, reference shown and emailed.</summary>
public abstract class PortalPaymentTests(DatabaseProvider provider) : PortalTest(provider)
{
    [Fact]
    public async Task A_payer_adds_a_bank_account_accepts_the_pad_agreement_once_and_pays_with_a_reference_shown_and_emailed()
    {
        await AddAccountAsync("1000081");
        await PlaceOrderAsync("1000081", unitPrice: 100m);
        MoveClockTo(2026, 11, 1);
        await BillAsync(October);
        await PlaceOrderAsync("1000081", unitPrice: 100m);
        MoveClockTo(2026, 12, 1);
        await BillAsync(October.Next);
        var link = await InviteAndReadLinkAsync("1000081", "ap@payer.example", Language.En);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(BaseAddress, "en-CA");
        await RegisterAsync(page, link);

        await page.GetByRole(AriaRole.Link, new() { Name = "Payments", Exact = true }).ClickAsync();
        var badTransit = await AddBankAccountAsync(page, "3080", AriaRole.Alert);
        var added = await AddBankAccountAsync(page, "30800", AriaRole.Status);
        await page.GotoAsync("/payments/pay");
        await page.Locator("input[name=Invoices][value=F000000001]").CheckAsync();
        var agreement = await page.Locator("pre[data-testid^=agreement-]").InnerTextAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Review the payment" }).ClickAsync();
        var notAccepted = await page.GetByRole(AriaRole.Alert).InnerTextAsync();
        await page.Locator("input[name=Invoices][value=F000000001]").CheckAsync();
        await page.Locator("input[name=AcceptAgreement]").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Review the payment" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm payment" }).ClickAsync();
        var firstReference = await page.GetByTestId("payment-reference").InnerTextAsync();
        await page.GotoAsync("/payments/pay");
        var agreementsAskedAgain = await page.Locator("pre[data-testid^=agreement-]").CountAsync();
        await page.Locator("#AmountToPay").FillAsync("50.00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Review the payment" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm payment" }).ClickAsync();
        var secondReference = await page.GetByTestId("payment-reference").InnerTextAsync();
        await page.GotoAsync("/summary");
        var totalDue = await page.GetByTestId("total-due").InnerTextAsync();
        var recent = await page.GetByTestId("recent-payments").Locator("tbody tr").AllInnerTextsAsync();
        var emailed = await ReadEmailAsync("ap@payer.example", "Payment P000000001 received");
        await page.GotoAsync("/payments");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel the agreement" }).ClickAsync();
        await page.GotoAsync("/payments/pay");
        var askedAfterCancelling = await page.Locator("pre[data-testid^=agreement-]").CountAsync();

        Assert.Equal("The transit (branch) number has 5 digits.", badTransit);
        Assert.Equal("Bank account ••••6789 is added.", added);
        Assert.Contains("BUSINESS PAD AGREEMENT", agreement, StringComparison.Ordinal);
        Assert.Contains("www.payments.ca", agreement, StringComparison.Ordinal);
        Assert.Contains("first debit from bank account ••••6789", notAccepted, StringComparison.Ordinal);
        Assert.Equal(("P000000001", "P000000002"), (firstReference, secondReference));
        Assert.Equal(0, agreementsAskedAgain);
        Assert.Equal("$63.00", totalDue);
        Assert.Equal(2, recent.Count);
        Assert.Contains("Submitted", recent[0], StringComparison.Ordinal);
        Assert.Contains("$113.00", emailed, StringComparison.Ordinal);
        Assert.Contains("••••6789", emailed, StringComparison.Ordinal);
        Assert.DoesNotContain("123456789", emailed, StringComparison.Ordinal);
        Assert.Equal(1, askedAfterCancelling);
        await using var db = Database.NewContext();
        var authorization = await db.DebitAuthorizations.OrderBy(a => a.Id).FirstAsync();
        Assert.Equal((AuthorizationKind.BusinessPad, "2026-11", "Sam Client", "127.0.0.1"), (authorization.Kind, authorization.TextVersion, authorization.AcceptedByName, authorization.IpAddress));
        Assert.NotNull(authorization.CancelledAt);
        Assert.Equal(agreement, authorization.Text.Trim());
        var bank = await db.BankAccounts.SingleAsync();
        Assert.DoesNotContain("123456789", bank.ProtectedAccountNumber, StringComparison.Ordinal);
        Assert.Single(await db.OutboxEmails.Where(e => e.Kind == "bank-account-added").ToListAsync());
        await LedgerAssertions.AssertBalancedAsync(Database);
    }

    [Fact]
    public async Task A_payer_turns_on_automatic_debit_of_lease_invoices_and_sees_a_wire_not_yet_applied()
    {
        await AddAccountAsync("1000082", creditTermsDays: 15);
        await PlaceOrderAsync("1000082", unitPrice: 100m, category: "Lease");
        MoveClockTo(2026, 11, 1);
        await BillAsync(October);
        var link = await InviteAndReadLinkAsync("1000082", "lease@payer.example", Language.En);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(BaseAddress, "en-CA");
        await RegisterAsync(page, link);

        await page.GotoAsync("/payments");
        await AddBankAccountAsync(page, "30800", AriaRole.Status);
        await page.GetByRole(AriaRole.Button, new() { Name = "Read the automatic debit agreement" }).ClickAsync();
        var agreement = await page.GetByTestId("lease-agreement").InnerTextAsync();
        await page.Locator("input[name=AcceptLeaseAgreement]").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on automatic debit" }).ClickAsync();
        var enrolled = await page.GetByRole(AriaRole.Status).InnerTextAsync();
        var rows = await page.GetByTestId("automatic-debits").Locator("tbody tr").AllInnerTextsAsync();
        await Screenshot(page, "payments-automatic-debit-en");
        var wire = await InScopeAsync<Receipts, Platform.Outcome<Receipt>>(r => r.RecordAsync(
            new ReceiptEntry(ReceiptMethod.Wire, 15_000, "CAD", new DateOnly(2026, 11, 3), "F000000001", "WIRE-20261103-1"), "test", CancellationToken.None));
        await page.GotoAsync("/summary");
        var unapplied = await page.GetByTestId("unapplied").InnerTextAsync();
        var totalDue = await page.GetByTestId("total-due").InnerTextAsync();

        Assert.Contains("for the total of each lease invoice of customer account 1000082", agreement, StringComparison.Ordinal);
        Assert.Equal("The lease invoices of account 1000082 will be debited automatically on their due date.", enrolled);
        Assert.Contains("1000082", Assert.Single(rows), StringComparison.Ordinal);
        Assert.True(wire.Succeeded, wire.Error?.Code);
        Assert.Equal(("$37.00", "$0.00"), (unapplied, totalDue));
        await LedgerAssertions.AssertBalancedAsync(Database);
    }

    [Theory]
    [InlineData("en-CA", Language.En, "12.5", "$12.50", "Review the payment", "Change", "Confirm payment")]
    [InlineData("fr-CA", Language.Fr, "12,5", "12,50 $", "Vérifier le paiement", "Modifier", "Confirmer le paiement")]
    public async Task A_payer_typing_twelve_and_a_half_confirms_12_50_shown_in_their_language_and_is_debited_12_50(
        string locale, Language language, string typed, string shown, string review, string change, string confirm)
    {
        await TwoBilledInvoicesAsync("1000084");
        var payer = await RegisterAsync("1000084", "half@payer.example", PortalRole.Payer, language);
        await AddCanadianBankAccountAsync(payer);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(BaseAddress, locale);
        await SignInAsync(page, "half@payer.example", Password);

        await page.GotoAsync("/payments/pay");
        await page.Locator("#AmountToPay").FillAsync(typed);
        await page.Locator("input[name=AcceptAgreement]").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = review }).ClickAsync();
        var amount = Spaces(await page.GetByTestId("confirm-amount").InnerTextAsync());
        var bank = await page.GetByTestId("confirm-bank").InnerTextAsync();
        var customer = await page.GetByTestId("confirm-customer").InnerTextAsync();
        var invoices = await page.GetByTestId("confirm-invoices").Locator("li").AllInnerTextsAsync();
        var agreement = await page.GetByTestId("confirm-agreement").InnerTextAsync();
        await Screenshot(page, $"payments-confirm-{locale[..2]}");
        await using (var beforeConfirming = Database.NewContext())
        {
            Assert.Empty(await beforeConfirming.Payments.ToListAsync());
        }
        await page.GetByRole(AriaRole.Button, new() { Name = change }).ClickAsync();
        var kept = await page.Locator("#AmountToPay").InputValueAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = review }).ClickAsync();
        // A double click sends the confirmation twice with the same idempotency key: one debit.
        await page.GetByRole(AriaRole.Button, new() { Name = confirm }).DblClickAsync();
        var reference = await page.GetByTestId("payment-reference").InnerTextAsync();

        Assert.Equal(shown, amount);
        Assert.Contains("••••6789", bank, StringComparison.Ordinal);
        Assert.Equal("1000084", customer);
        Assert.Equal("F000000001", Assert.Single(invoices).Split(' ')[0]);
        Assert.Contains(shown, Spaces(invoices[0]), StringComparison.Ordinal);
        Assert.Contains("1000084", agreement, StringComparison.Ordinal);
        Assert.Equal(typed, kept);
        Assert.Equal("P000000001", reference);
        await using var db = Database.NewContext();
        var payment = await db.Payments.Include(p => p.Allocations).SingleAsync();
        Assert.Equal((1250L, 1L), (payment.AmountCents, payment.Allocations.Single().InvoiceId));
        await LedgerAssertions.AssertBalancedAsync(Database);
    }

    [Fact]
    public async Task Amounts_written_negative_as_a_power_of_ten_or_with_three_decimals_are_refused_where_typed_and_nothing_is_debited()
    {
        await TwoBilledInvoicesAsync("1000085");
        var payer = await RegisterAsync("1000085", "typos@payer.example", PortalRole.Payer);
        await AddCanadianBankAccountAsync(payer);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(BaseAddress, "en-CA");
        await SignInAsync(page, "typos@payer.example", Password);

        var refusals = new List<(string Message, string Kept)>();
        foreach (var typed in new[] { "-100", "1e3", "12.345", "1,5000" })
        {
            await page.GotoAsync("/payments/pay");
            await page.Locator("#AmountToPay").FillAsync(typed);
            await page.Locator("input[name=AcceptAgreement]").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Review the payment" }).ClickAsync();
            refusals.Add((await page.GetByRole(AriaRole.Alert).InnerTextAsync(), await page.Locator("#AmountToPay").InputValueAsync()));
        }
        var confirmations = await page.GetByTestId("confirm-amount").CountAsync();

        Assert.Equal(
        [
            ("\"-100\" is negative: the amount must be more than zero.", "-100"),
            ("\"1e3\" is written as a power of ten: write the amount in full, for example 1000.00.", "1e3"),
            ("\"12.345\" can be read two ways (thousands or decimals): write the cents, for example 1234.00 or 1,234.00.", "12.345"),
            ("\"1,5000\" has more than two decimals: write dollars and cents, for example 12.35.", "1,5000"),
        ], refusals);
        Assert.Equal(0, confirmations);
        await using var db = Database.NewContext();
        Assert.Empty(await db.Payments.ToListAsync());
        Assert.Empty(await db.DebitAuthorizations.ToListAsync());
    }

    /// <summary>F000000001 (October, due first) and F000000002 (November), $113.00 each.</summary>
    private async Task TwoBilledInvoicesAsync(string customerNumber)
    {
        await AddAccountAsync(customerNumber);
        await PlaceOrderAsync(customerNumber, unitPrice: 100m);
        MoveClockTo(2026, 11, 1);
        await BillAsync(October);
        await PlaceOrderAsync(customerNumber, unitPrice: 100m);
        MoveClockTo(2026, 12, 1);
        await BillAsync(October.Next);
    }

    private static async Task<string> AddBankAccountAsync(IPage page, string transit, AriaRole outcome)
    {
        await page.Locator("#HolderName").FillAsync("Client Payer Inc.");
        await page.Locator("#Institution").FillAsync("815");
        await page.Locator("#Transit").FillAsync(transit);
        await page.Locator("#AccountNumber").FillAsync("123456789");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the account" }).ClickAsync();
        return await page.GetByRole(outcome).InnerTextAsync();
    }
}

public sealed class PortalPaymentTestsOnSqlite() : PortalPaymentTests(DatabaseProvider.Sqlite);
public sealed class PortalPaymentTestsOnPostgres() : PortalPaymentTests(DatabaseProvider.Postgres);
