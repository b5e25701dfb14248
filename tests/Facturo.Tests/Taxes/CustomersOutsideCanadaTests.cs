using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Facturo.Accounts;
using Facturo.Billing;
using Facturo.Data;
using Facturo.Infrastructure;
using Facturo.Ledger;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Taxes;

/// <summary>
/// A business in the United States is billed in US dollars at its US address with no Canadian tax: services to a
/// non-resident are zero-rated (Excise Tax Act, Schedule VI, Part V, s. 7; advertising, s. 8), so is freight
/// carried from Canada to a place outside Canada (Part VII), and property leased for use outside Canada is
/// supplied outside Canada (s. 142(2)). No province's tax applies to a supply made outside its province.
/// </summary>
public abstract class CustomersOutsideCanadaTests(DatabaseProvider provider) : Portal.PortalTest(provider)
{
    private static readonly PostalAddress Buffalo = Address("200 Delaware Avenue", "Buffalo", "US", "NY", "14202");

    [Fact]
    public async Task A_business_in_New_York_billed_by_a_bill_run_pays_no_Canadian_tax_and_each_line_says_why()
    {
        await AddAccountAsync("1000401", delivery: DeliveryPreference.Paper, currencyCode: "USD", address: Buffalo);
        await PlaceOrderAsync("1000401", unitPrice: 100m, category: "Shipping");
        await PlaceOrderAsync("1000401", unitPrice: 50m, category: "Lease");
        await PlaceOrderAsync("1000401", unitPrice: 20m, category: "DirectMail");
        MoveClockTo(2026, 11, 1);

        await BillAsync(October);

        await using var db = Database.NewContext();
        var invoice = await db.Invoices.Include(i => i.Lines).Include(i => i.Taxes).SingleAsync();
        Assert.Equal(("USD", 175_00L, 0L, 175_00L), (invoice.CurrencyCode, invoice.SubtotalCents, invoice.TaxCents, invoice.TotalCents));
        Assert.Empty(invoice.Taxes);
        Assert.Equal(("US", "NY", (Province?)null), (invoice.CustomerCountry, invoice.CustomerRegion, invoice.CustomerProvince));
        Assert.Equal("200 Delaware Avenue\nBuffalo, NY 14202\nUNITED STATES", invoice.CustomerAddress);
        Assert.Equal(
            [
                (ChargeCategory.Shipping, "US", "", OutsideCanadaReason.ExportedFreight),
                (ChargeCategory.Lease, "US", "", OutsideCanadaReason.PropertyOutsideCanada),
                (ChargeCategory.DirectMail, "US", "", OutsideCanadaReason.ExportedFreight),
                (ChargeCategory.PaperFee, "US", "", OutsideCanadaReason.ServiceToNonResident),
            ],
            invoice.Lines.OrderBy(l => l.LineNumber).Select(l => (l.Category, l.PlaceOfSupply, l.TaxCodes, l.OutsideCanada!.Value)));
        Assert.Empty(await db.LedgerEntries.Where(e => e.Account == LedgerAccount.GstHstPayable || e.Account == LedgerAccount.QstPayable || e.Account == LedgerAccount.PstPayable).ToListAsync());
        await LedgerAssertions.AssertBalancedAsync(Database);
    }

    [Fact]
    public async Task A_small_business_in_New_York_paying_by_card_when_it_orders_pays_no_Canadian_tax()
    {
        await AddAccountAsync("1000402", BillingProgram.SmallBusiness, currencyCode: "USD", address: Buffalo);

        var response = await Api.PostAsJsonAsync("/api/v1/orders", new
        {
            customerNumber = "1000402",
            channel = "Website",
            paymentMethod = "Card",
            externalReference = "US-1",
            lines = new[] { new { category = "Shipping", description = "Expedited Parcel", quantity = 2, unitPrice = "40.00" } },
            card = new { number = "4242424242424242", expiryMonth = 12, expiryYear = 2028, cvc = "123" },
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var placed = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("USD", 80.00m, 0m, 80.00m), (placed.GetProperty("currency").GetString(), placed.GetProperty("subtotal").GetDecimal(),
            placed.GetProperty("taxes").GetDecimal(), placed.GetProperty("total").GetDecimal()));
        await using var db = Database.NewContext();
        Assert.Empty(await db.LedgerEntries.Where(e => e.Account == LedgerAccount.GstHstPayable || e.Account == LedgerAccount.QstPayable || e.Account == LedgerAccount.PstPayable).ToListAsync());
        Assert.Equal(80_00L, await db.LedgerEntries.Where(e => e.Account == LedgerAccount.CardClearing).SumAsync(e => e.AmountCents));
    }

    [Fact]
    public async Task Customer_relations_moves_an_account_to_New_York_and_an_address_that_does_not_hold_is_refused_in_both_languages_and_changes_nothing()
    {
        await AddAccountAsync("1000405", province: Province.ON);
        var agent = await CreateStaffAsync("desk@staff.example", Staff.StaffRole.CustomerRelations);
        Task<Platform.Outcome<CustomerAccount>> ChangeAsync(string country, string region, string postalCode) => AsStaffAsync(agent, s =>
            s.GetRequiredService<Staff.CustomerRelations>().ChangeNameAndAddressAsync("1000405",
                new Staff.AddressChange("Customer 1000405", "200 Delaware Avenue", null, "Buffalo", country, region, postalCode), CancellationToken.None));

        var provinceInTheUnitedStates = await ChangeAsync("US", "ON", "14202");
        var canadianPostalCodeInTheUnitedStates = await ChangeAsync("US", "NY", "K1A 0B1");
        await using (var unchanged = Database.NewContext())
        {
            var account = await unchanged.Accounts.SingleAsync();
            Assert.Equal(("CA", "ON", "1 Main Street"), (account.Country, account.Region, account.AddressLine1));
            Assert.Empty(await unchanged.StaffAuditEntries.ToListAsync());
        }
        var moved = await ChangeAsync("us", "ny", "14202 1234");

        Assert.Equal(
            ("Pays US : au Canada, choisissez la province ; aux États-Unis, l'État ; ailleurs, aucune région. Un compte hors du Canada n'a pas de province canadienne.",
             "Country US: in Canada, choose the province; in the United States, the state; elsewhere, no region. An account outside Canada has no Canadian province."),
            (provinceInTheUnitedStates.Error!.Message(Language.Fr), provinceInTheUnitedStates.Error.Message(Language.En)));
        Assert.Equal(
            ("Le code postal ne convient pas au pays US : au Canada « A1A 1A1 », aux États-Unis « 12345 » ou « 12345-6789 », ailleurs 10 lettres ou chiffres au plus.",
             "The postal code does not fit country US: in Canada \"A1A 1A1\", in the United States \"12345\" or \"12345-6789\", elsewhere 10 letters or digits at most."),
            (canadianPostalCodeInTheUnitedStates.Error!.Message(Language.Fr), canadianPostalCodeInTheUnitedStates.Error.Message(Language.En)));
        Assert.True(moved.Succeeded);
        await using var db = Database.NewContext();
        var now = await db.Accounts.SingleAsync();
        Assert.Equal(("US", "NY", "14202-1234", (Province?)null), (now.Country, now.Region, now.PostalCode, now.Province));
        Assert.Single(await db.StaffAuditEntries.Where(e => e.Action == "account.name-address").ToListAsync());
        var emailed = await db.OutboxEmails.SingleAsync(e => e.ToAddress == "billing@1000405.example");
        Assert.Contains("Now: Customer 1000405, 200 Delaware Avenue, Buffalo, NY, 14202-1234, US", emailed.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sizing_data_in_US_dollars_are_US_businesses_billed_with_no_Canadian_tax()
    {
        var loaded = await InScopeAsync<DemoData.SizingDataLoader, Platform.Outcome<DemoData.SizingDataProgress>>(l => l.LoadAsync(12, 3, October, Currency.Usd, demoBiller: true, null, CancellationToken.None));
        Assert.True(loaded.Succeeded);
        MoveClockTo(2026, 11, 1);

        await BillAsync(October);

        await using var db = Database.NewContext();
        var accounts = await db.Accounts.ToListAsync();
        Assert.All(accounts, a => Assert.True(PostalAddress.TryCreate(a.AddressLine1, a.AddressLine2, a.City, a.Country, a.Region, a.PostalCode, out var address, out _)
            && address.Country == "US" && a.CurrencyCode == "USD", $"{a.CustomerNumber}: {a.City} {a.Region} {a.PostalCode} {a.Country}"));
        var invoices = await db.Invoices.ToListAsync();
        Assert.Equal(12, invoices.Count);
        Assert.All(invoices, i => Assert.Equal((0L, i.SubtotalCents), (i.TaxCents, i.TotalCents)));
    }

    [Fact]
    public async Task The_account_API_gives_the_country_and_state_and_no_province_outside_Canada()
    {
        await AddAccountAsync("1000403", currencyCode: "USD", address: Buffalo);
        await AddAccountAsync("1000404", province: Province.NS);

        var american = await Api.GetFromJsonAsync<JsonElement>("/api/v1/accounts/1000403");
        var novaScotian = await Api.GetFromJsonAsync<JsonElement>("/api/v1/accounts/1000404");

        Assert.Equal(("US", "NY", JsonValueKind.Null), (american.GetProperty("country").GetString(), american.GetProperty("region").GetString(), american.GetProperty("province").ValueKind));
        Assert.Equal(("CA", "NS", "NS"), (novaScotian.GetProperty("country").GetString(), novaScotian.GetProperty("region").GetString(), novaScotian.GetProperty("province").GetString()));
    }
}

public sealed class CustomersOutsideCanadaTestsOnSqlite() : CustomersOutsideCanadaTests(DatabaseProvider.Sqlite);
public sealed class CustomersOutsideCanadaTestsOnPostgres() : CustomersOutsideCanadaTests(DatabaseProvider.Postgres);
