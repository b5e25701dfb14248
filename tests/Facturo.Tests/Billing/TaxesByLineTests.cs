using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Facturo.Accounts;
using Facturo.Data;
using Facturo.Infrastructure;
using Facturo.Ledger;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Billing;

/// <summary>
/// Issue 12: a line is taxed by what it is and where it is supplied, and a credit note gives back
/// exactly the taxes of the lines it credits. Expected amounts are worked out by hand from the rates
/// (GST 5 %, HST ON 13 %, HST NS 14 % since 2025-04-01, PST BC 7 %) and the rules in docs/taxes.md.
/// </summary>
public abstract class TaxesByLineTests(DatabaseProvider provider) : FacturoTest(provider)
{
    private static readonly BillingPeriod October = BillingPeriod.Parse("2026-10");

    private Task<HttpResponseMessage> OrderAsync(string customerNumber, params object[] lines) =>
        Api.PostAsJsonAsync("/api/v1/orders", new { customerNumber, channel = "ShippingTool", paymentMethod = "OnAccount", lines });

    private static object Line(string category, decimal unitPrice, string? destinationProvince = null, string? destinationCountry = null) =>
        new { category, description = category, quantity = 1, unitPrice = unitPrice.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), destinationProvince, destinationCountry };

    private async Task<Invoice> BillOctoberAsync()
    {
        MoveClockTo(2026, 11, 1);
        var outcome = await InScopeAsync<BillRunner, Platform.Outcome<BillRunResult>>(runner => runner.RunAsync(October, 500, null, CancellationToken.None));
        Assert.True(outcome.Succeeded, outcome.Error?.Code);
        await using var db = Database.NewContext();
        return await db.Invoices.AsNoTracking().Include(i => i.Lines).Include(i => i.Taxes).SingleAsync();
    }

    private static IEnumerable<(string Code, long Base, long Amount)> TaxesOf(Invoice invoice) =>
        invoice.Taxes.OrderBy(t => t.Code, StringComparer.Ordinal).Select(t => (t.Code, t.BaseCents, t.AmountCents));

    [Fact]
    public async Task A_British_Columbia_customer_pays_PST_on_a_meter_lease_but_not_on_parcels()
    {
        await AddAccountAsync("1200001", province: Province.BC);
        (await OrderAsync("1200001", Line("Lease", 100m), Line("Shipping", 50m))).EnsureSuccessStatusCode();

        var invoice = await BillOctoberAsync();

        // GST 5 % on 150.00 = 7.50; PST 7 % on the lease's 100.00 only = 7.00 (before: 7 % on 150.00 = 10.50).
        Assert.Equal([("GST", 150_00L, 7_50L), ("PST-BC", 100_00L, 7_00L)], TaxesOf(invoice));
        Assert.Equal(150_00 + 14_50, invoice.TotalCents);
        Assert.Equal(["GST PST-BC", "GST"], invoice.Lines.OrderBy(l => l.LineNumber).Select(l => l.TaxCodes));
    }

    [Fact]
    public async Task A_parcel_is_taxed_where_it_goes_and_letter_mail_where_the_customer_is()
    {
        await AddAccountAsync("1200002", province: Province.ON);
        (await OrderAsync("1200002", Line("Shipping", 100m, destinationProvince: "NS"), Line("LetterMail", 10m), Line("Shipping", 20m, destinationCountry: "US"))).EnsureSuccessStatusCode();

        var invoice = await BillOctoberAsync();

        // Parcel to Nova Scotia: HST 14 % = 14.00; letter mail in Ontario: HST 13 % of 10.00 = 1.30; parcel to the US: zero-rated.
        Assert.Equal([("HST-NS", 100_00L, 14_00L), ("HST-ON", 10_00L, 1_30L)], TaxesOf(invoice));
        var lines = invoice.Lines.OrderBy(l => l.LineNumber).ToList();
        Assert.Equal(["CA-NS", "CA-ON", "US"], lines.Select(l => l.PlaceOfSupply));
        Assert.Equal(Taxes.OutsideCanadaReason.ExportedFreight, lines[2].OutsideCanada);
        Assert.Equal("", lines[2].TaxCodes);
    }

    [Theory]
    [InlineData("fr-CA", "seule une ligne d'expédition")]
    [InlineData("en-CA", "only a shipping line")]
    public async Task A_destination_on_anything_but_a_parcel_is_refused_and_nothing_is_recorded(string language, string expected)
    {
        await AddAccountAsync("1200003");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/orders")
        {
            Content = JsonContent.Create(new { customerNumber = "1200003", channel = "ShippingTool", paymentMethod = "OnAccount", lines = new[] { Line("Lease", 10m, destinationProvince: "NS") } }),
            Headers = { AcceptLanguage = { new(language) } },
        };

        var response = await Api.SendAsync(request);
        var unknownPlace = await OrderAsync("1200003", Line("Shipping", 10m, destinationProvince: "ZZ"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(expected, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknownPlace.StatusCode);
        await using var db = Database.NewContext();
        Assert.Equal(0, await db.Orders.CountAsync());
    }

    [Fact]
    public async Task A_credit_note_gives_back_exactly_the_taxes_of_the_lines_it_credits()
    {
        await AddAccountAsync("1200004", province: Province.BC);
        (await OrderAsync("1200004", Line("Lease", 100m), Line("Shipping", 50m))).EnsureSuccessStatusCode();
        var invoice = await BillOctoberAsync();

        var parcel = await Api.PostAsJsonAsync($"/api/v1/invoices/{invoice.Number}/credit-notes", new { reason = "Parcel lost", lines = new[] { new { line = 2, amount = "50.00" } } });
        var lease = await Api.PostAsJsonAsync($"/api/v1/invoices/{invoice.Number}/credit-notes", new { reason = "Meter returned", lines = new[] { new { line = 1, amount = "100.00" } } });

        var parcelNote = await parcel.Content.ReadFromJsonAsync<JsonElement>();
        var leaseNote = await lease.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (parcel.StatusCode, lease.StatusCode));
        // The parcel bore the GST only: 2.50 back. The lease bore GST and PST: 5.00 + 7.00 back.
        Assert.Equal([("GST", "2.50")], parcelNote.GetProperty("taxes").EnumerateArray().Select(t => (t.GetProperty("tax").GetString(), t.GetProperty("amount").GetString())));
        Assert.Equal([("GST", "5.00"), ("PST-BC", "7.00")], leaseNote.GetProperty("taxes").EnumerateArray().Select(t => (t.GetProperty("tax").GetString(), t.GetProperty("amount").GetString())));
        await AssertTaxAccountsAtZeroAsync();
    }

    [Fact]
    public async Task Credits_in_small_pieces_give_back_no_more_tax_than_one_credit_of_the_whole()
    {
        await AddAccountAsync("1200005", province: Province.ON);
        (await OrderAsync("1200005", Line("Shipping", 0.40m))).EnsureSuccessStatusCode();
        var invoice = await BillOctoberAsync();
        Assert.Equal(5, invoice.TaxCents); // 13 % of 0.40 = 0.052 -> 0.05

        // Each piece of 0.04 on its own would round 0.0052 up to 0.01: ten pieces would give back 0.10, twice the tax charged.
        for (var piece = 0; piece < 10; piece++)
        {
            (await Api.PostAsJsonAsync($"/api/v1/invoices/{invoice.Number}/credit-notes", new { amount = "0.04", reason = "Piece" })).EnsureSuccessStatusCode();
        }

        await using var db = Database.NewContext();
        Assert.Equal((40L, 5L), (await db.CreditNotes.SumAsync(n => n.SubtotalCents), await db.CreditNotes.SumAsync(n => n.TaxCents)));
        await AssertTaxAccountsAtZeroAsync();
    }

    [Theory]
    [InlineData("fr-CA", "La facture n'a pas de ligne 9")]
    [InlineData("en-CA", "The invoice has no line 9")]
    public async Task Crediting_a_line_the_invoice_does_not_have_or_more_than_it_has_left_changes_nothing(string language, string expected)
    {
        await AddAccountAsync("1200006", province: Province.ON);
        (await OrderAsync("1200006", Line("Shipping", 10m))).EnsureSuccessStatusCode();
        var invoice = await BillOctoberAsync();

        HttpRequestMessage Credit(object body) => new(HttpMethod.Post, $"/api/v1/invoices/{invoice.Number}/credit-notes")
        {
            Content = JsonContent.Create(body),
            Headers = { AcceptLanguage = { new(language) } },
        };
        var unknown = await Api.SendAsync(Credit(new { reason = "x", lines = new[] { new { line = 9, amount = "1.00" } } }));
        var tooMuch = await Api.SendAsync(Credit(new { reason = "x", lines = new[] { new { line = 1, amount = "10.01" } } }));
        var both = await Api.SendAsync(Credit(new { reason = "x", amount = "1.00", lines = new[] { new { line = 1, amount = "1.00" } } }));

        Assert.Equal([HttpStatusCode.UnprocessableEntity, HttpStatusCode.UnprocessableEntity, HttpStatusCode.UnprocessableEntity], new[] { unknown.StatusCode, tooMuch.StatusCode, both.StatusCode });
        Assert.Contains(expected, (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString(), StringComparison.Ordinal);
        await using var db = Database.NewContext();
        Assert.Equal(0, await db.CreditNotes.CountAsync());
    }

    [Fact]
    public async Task An_order_paid_by_card_is_taxed_line_by_line()
    {
        await AddAccountAsync("1200007", BillingProgram.SmallBusiness, province: Province.BC);

        var response = await Api.PostAsJsonAsync("/api/v1/orders", new
        {
            customerNumber = "1200007", channel = "Website", paymentMethod = "Card",
            card = new { number = "4242 4242 4242 4242", expiryMonth = 12, expiryYear = 2028, cvc = "123" },
            lines = new[] { Line("Lease", 100m), Line("Shipping", 50m) },
        });

        response.EnsureSuccessStatusCode();
        var order = await response.Content.ReadFromJsonAsync<JsonElement>();
        // GST 5 % of 150.00 = 7.50; PST 7 % of the lease's 100.00 = 7.00; none on the parcel.
        Assert.Equal(14.50m, order.GetProperty("taxes").GetDecimal());
    }

    /// <summary>Everything credited: what the invoices put in each tax payable account, the credit notes took out.</summary>
    private async Task AssertTaxAccountsAtZeroAsync()
    {
        await using var db = Database.NewContext();
        var taxAccounts = new[] { LedgerAccount.GstHstPayable, LedgerAccount.PstPayable, LedgerAccount.QstPayable };
        foreach (var account in taxAccounts)
        {
            Assert.Equal(0, await db.LedgerEntries.Where(e => e.Account == account).SumAsync(e => e.AmountCents));
        }
        await LedgerAssertions.AssertBalancedAsync(Database);
    }
}

public sealed class TaxesByLineTestsOnSqlite() : TaxesByLineTests(DatabaseProvider.Sqlite);
public sealed class TaxesByLineTestsOnPostgres() : TaxesByLineTests(DatabaseProvider.Postgres);
