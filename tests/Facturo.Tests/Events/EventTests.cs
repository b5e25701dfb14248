using System.Net.Http.Json;
using Facturo.Accounts;
using Facturo.Billing;
using Facturo.Data;
using Facturo.Payments;
using Facturo.Platform;
using Facturo.Portal;
using Facturo.Staff;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Events;

/// <summary>Every business change the API announces writes its event once, in the change's own transaction.</summary>
public abstract class EventTests(DatabaseProvider provider) : PortalTest(provider)
{
    protected override IEnumerable<string> MoreHostArgs => ["--SalesLeads:MinimumRevenue=100"];

    [Fact]
    public async Task Each_action_writes_its_event_once_with_a_snapshot_of_what_changed()
    {
        await AddAccountAsync("1000401");
        await AddAccountAsync("1000402");
        await AddAccountAsync("1000403", BillingProgram.SmallBusiness);
        await PlaceOrderAsync("1000401", unitPrice: 100m);
        await PlaceOrderAsync("1000402", unitPrice: 200m);
        var staff = await CreateStaffAsync("admin@events.example", StaffRole.Administrator);
        MoveClockTo(2026, 11, 2);

        await BillAsync(October);
        await PayAsync("1000401", "F000000001");
        await PayAsync("1000402", "F000000002");
        var batch = Assert.Single(await InScopeAsync<DebitBatches, IReadOnlyList<DebitBatch>>(async b => (await b.RunAsync(null, CancellationToken.None)).Value!));
        var returns = ReturnFiles.Cpa005Returns(await FileOfAsync(batch), "901", returnedSegments: 1);
        var returned = await InScopeAsync<PaymentReturns, Outcome<BankFileImport>>(r => r.ImportAsync("returns.txt", returns, CancellationToken.None));
        MoveClockTo(2026, 11, 20);
        var settled = await InScopeAsync<PaymentSettlement, int>(s => s.SettleDueAsync(CancellationToken.None));
        var credited = await InScopeAsync<IssueCreditNote, Outcome<IssuedCreditNote>>(c =>
            c.HandleAsync(1, new IssueCreditNoteRequest(new Api.ApiAmount(100_00), "Returned debit written off"), CancellationToken.None));
        await CardOrderAsync("1000403", 150m);
        var leads = await InScopeAsync<Programs, IReadOnlyList<SalesLead>>(p => p.OpenLeadsAsync(CancellationToken.None));
        var converted = await AsStaffAsync(staff, s => s.GetRequiredService<Programs>().ToSmallBusinessAsync("1000402", new DateOnly(2026, 11, 15), "Agreement ended", CancellationToken.None));

        Assert.True(returned.Succeeded && credited.Succeeded && converted.Succeeded, returned.Error?.Code ?? credited.Error?.Code ?? converted.Error?.Code);
        Assert.Equal(1, settled);
        Assert.Single(leads);
        await using var db = Database.NewContext();
        var events = await db.Events.OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(
        [
            ("invoice.finalized", "1000401", "F000000001"), ("invoice.finalized", "1000402", "F000000002"),
            ("payment.submitted", "1000401", "P000000001"), ("invoice.paid", "1000401", "F000000001"),
            ("payment.submitted", "1000402", "P000000002"), ("invoice.paid", "1000402", "F000000002"),
            ("payment.sent", "1000401", "P000000001"), ("payment.sent", "1000402", "P000000002"),
            ("payment.returned", "1000401", "P000000001"),
            ("payment.settled", "1000402", "P000000002"),
            // The return reopened the invoice; the credit note brings it to zero again.
            ("credit_note.created", "1000401", credited.Value!.Number), ("invoice.paid", "1000401", "F000000001"),
            ("lead.opened", "1000403", $"L{leads[0].Id}"),
            ("account.program_changed", "1000402", "1000402"),
        ], events.Select(e => (e.Type, e.CustomerNumber, e.ObjectId)));
        Assert.Equal(EventTypes.All.Order(), events.Select(e => e.Type).Distinct().Order());
        // Stamped by the test's clock: billed on 2 November, the program changed on the 20th.
        Assert.Equal((new DateTimeOffset(2026, 11, 2, 15, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 20, 15, 0, 0, TimeSpan.Zero)), (events[0].CreatedAt, events[^1].CreatedAt));
        Assert.Equal("""{"number":"F000000001","customerNumber":"1000401","period":"2026-10","issueDate":"2026-11-02","dueDate":"2026-12-02","currency":"CAD","subtotal":"100.00","tax":"13.00","total":"113.00"}""", events[0].Payload);
        Assert.Equal("""{"reference":"P000000001","customerNumber":"1000401","currency":"CAD","amount":"113.00","returnCode":"901","invoices":["F000000001"]}""", events[8].Payload);
        Assert.Contains("\"from\":\"Commercial\",\"to\":\"SmallBusiness\"", events[^1].Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_credit_note_or_payment_writes_no_event()
    {
        await AddAccountAsync("1000404");
        await PlaceOrderAsync("1000404", unitPrice: 100m);
        MoveClockTo(2026, 11, 2);
        await BillAsync(October);
        await using var db = Database.NewContext();
        var before = await db.Events.CountAsync();

        var tooMuch = await InScopeAsync<IssueCreditNote, Outcome<IssuedCreditNote>>(c =>
            c.HandleAsync(1, new IssueCreditNoteRequest(new Api.ApiAmount(500_00), "More than the invoice"), CancellationToken.None));
        var payer = await RegisterAsync("1000404", "payer@1000404.example", PortalRole.Admin);
        var bank = await InScopeAsync<BankAccounts, Outcome<BankAccount>>(p => p.AddAsync(payer, new BankAccountForm(BankCountry.CA, "Payer Inc", "815", "30800", null, "1000404"), CancellationToken.None));
        var withoutAgreement = await InScopeAsync<SubmitPayment, Outcome<Payment>>(p =>
            p.SubmitAsync(payer, new PaymentRequest("1000404", ["F000000001"], null, bank.Value!.Id, false, "no-agreement", "127.0.0.1"), CancellationToken.None));

        Assert.Equal(("creditnote.invalid-amount", "payments.agreement-required"), (tooMuch.Error?.Code, withoutAgreement.Error?.Code));
        Assert.Equal(1, before);
        Assert.Equal(before, await db.Events.CountAsync());
        Assert.Equal(0, await db.CreditNotes.CountAsync() + await db.Payments.CountAsync());
    }

    [Fact]
    public async Task The_database_refuses_to_rewrite_or_delete_an_event()
    {
        await AddAccountAsync("1000405");
        await PlaceOrderAsync("1000405", unitPrice: 100m);
        MoveClockTo(2026, 11, 2);
        await BillAsync(October);
        await using var db = Database.NewContext();

        var update = await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync("UPDATE events SET payload = 'rewritten'"));
        var delete = await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync("DELETE FROM events"));

        Assert.Contains("append-only", update?.Message, StringComparison.Ordinal);
        Assert.Contains("append-only", delete?.Message, StringComparison.Ordinal);
        Assert.Equal(1, await db.Events.CountAsync());
    }

    private async Task PayAsync(string customerNumber, string invoice)
    {
        var payer = await RegisterAsync(customerNumber, $"payer@{customerNumber}.example", PortalRole.Admin);
        var bank = await InScopeAsync<BankAccounts, Outcome<BankAccount>>(p => p.AddAsync(payer, new BankAccountForm(BankCountry.CA, "Payer Inc", "815", "30800", null, customerNumber), CancellationToken.None));
        var paid = await InScopeAsync<SubmitPayment, Outcome<Payment>>(p =>
            p.SubmitAsync(payer, new PaymentRequest(customerNumber, [invoice], null, bank.Value!.Id, true, $"pay-{customerNumber}", "127.0.0.1"), CancellationToken.None));
        Assert.True(paid.Succeeded, paid.Error?.Code);
    }

    private Task<HttpResponseMessage> CardOrderAsync(string customerNumber, decimal unitPrice) =>
        Api.PostAsJsonAsync("/api/v1/orders", new
        {
            customerNumber,
            channel = "Website",
            paymentMethod = "Card",
            externalReference = $"card-{customerNumber}",
            lines = new[] { new { category = "Shipping", description = "Expedited Parcel", quantity = 1, unitPrice = unitPrice.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) } },
            card = new { number = "4242424242424242", expiryMonth = 12, expiryYear = 2028, cvc = "123" },
        });
}

public sealed class EventTestsOnSqlite() : EventTests(DatabaseProvider.Sqlite);
public sealed class EventTestsOnPostgres() : EventTests(DatabaseProvider.Postgres);
