using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Facturo.Accounts;
using Facturo.Data;
using Facturo.Infrastructure;
using Microsoft.Playwright;

namespace Facturo.Portal;

/// <summary>
/// The invoice as customers and integrators see it, with taxes by line: an Ontario customer on paper delivery sends a
/// parcel to Nova Scotia and one to the United States. Expected taxes from the published rules: a parcel with a bill
/// of lading is supplied where it goes (Excise Tax Act, Schedule IX, Part V; GST/HST Memorandum 3.3.1); HST 13 % in
/// Ontario and 14 % in Nova Scotia from 2025-04-01; freight to a place outside Canada is zero-rated (Schedule VI,
/// Part VII). Lines: 100.00 parcel in Ontario, 50.00 to Nova Scotia, 80.00 to the US, 200.00 meter lease, 5.00 paper fee:
/// HST-ON 13 % on 305.00 = 39.65, HST-NS 14 % on 50.00 = 7.00, zero-rated 80.00; subtotal 435.00, total 481.65.
/// What the page must show is the CRA's and Revenu Québec's invoice content for an invoice of $100 or more
/// (Input Tax Credit Information (GST/HST) Regulations, s. 3; Guide RC4022; Revenu Québec, "Preparing Invoices").
/// </summary>
public abstract partial class InvoicePageTests(DatabaseProvider provider) : PortalTest(provider)
{
    [Theory]
    [InlineData("fr-CA", new[]
    {
        "Postes Test", "Date de la facture 1er novembre 2026", "N° d’inscription TPS/TVH : 123456789 RT0001", "Customer 1000071",
        "Conditions de paiement net 30 jours",
        "1 Colis accéléré 1 100,00 $ 100,00 $ H",
        "2 Xpresspost Halifax Destination : N.-É. 1 50,00 $ 50,00 $ H",
        "3 Colis international Buffalo Destination : États-Unis 1 80,00 $ 80,00 $ Z",
        "4 Location de machine à affranchir 1 200,00 $ 200,00 $ H",
        "5 Frais de facture papier 1 5,00 $ 5,00 $ H",
        "Sous-total 435,00 $", "TVH 13 % (Ont.) sur 305,00 $ 39,65 $", "TVH 14 % (N.-É.) sur 50,00 $ 7,00 $",
        "Détaxé : fret exporté, sur 80,00 $ 0,00 $", "Total 481,65 $",
        "Taxes par ligne : H = TVH 14 % (N.-É.), TVH 13 % (Ont.) · Z = détaxé",
    })]
    [InlineData("en-CA", new[]
    {
        "Postes Test", "Invoice date November 1, 2026", "GST/HST No.: 123456789 RT0001", "Customer 1000071",
        "Terms Net 30 days",
        "1 Colis accéléré 1 $100.00 $100.00 H",
        "2 Xpresspost Halifax Destination: NS 1 $50.00 $50.00 H",
        "3 Colis international Buffalo Destination: United States 1 $80.00 $80.00 Z",
        "4 Location de machine à affranchir 1 $200.00 $200.00 H",
        "5 Paper invoice fee 1 $5.00 $5.00 H",
        "Subtotal $435.00", "HST 13% (ON) on $305.00 $39.65", "HST 14% (NS) on $50.00 $7.00",
        "Zero-rated: exported freight, on $80.00 $0.00", "Total $481.65",
        "Taxes by line: H = HST 14% (NS), HST 13% (ON) · Z = zero-rated",
    })]
    public async Task An_invoice_with_parcels_to_Nova_Scotia_and_the_US_shows_each_tax_by_rate_and_province_and_the_status_of_each_line(string locale, string[] expected)
    {
        await BillParcelsAsync();
        var language = locale.StartsWith("fr", StringComparison.Ordinal) ? Language.Fr : Language.En;
        var link = await InviteAndReadLinkAsync("1000071", "ap@client.example", language);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(BaseAddress, locale);
        await RegisterAsync(page, link);

        await page.GotoAsync("/invoices/F000000001");
        var shown = Words(await page.Locator("main").InnerTextAsync());
        var pdf = Words(PdfText(await (await page.APIRequest.GetAsync("/invoices/F000000001/pdf")).BodyAsync()));

        Assert.All(expected, e => Assert.Contains(e, shown, StringComparison.Ordinal));
        Assert.Contains(language == Language.Fr ? "Total 481,65 $" : "Total $481.65", pdf, StringComparison.Ordinal);
        Assert.Contains(language == Language.Fr ? "TVH 14 % (N.-É.) sur 50,00 $ 7,00 $" : "HST 14% (NS) on $50.00 $7.00", pdf, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_British_Columbia_lease_invoice_and_a_small_Quebec_invoice_show_what_their_amounts_require()
    {
        // BC: GST 5 %; PST 7 % on a lease of equipment used in BC (Provincial Sales Tax Act, s. 37), not on a parcel service.
        // 200.00 lease + 10.00 parcel: GST on 210.00 = 10.50, PST on 200.00 = 14.00, total 234.50; the lines differ, so each shows its status.
        await AddAccountAsync("1000072", province: Province.BC);
        await PlaceOrderAsync("1000072", unitPrice: 200m, category: "Lease");
        await PlaceOrderAsync("1000072", unitPrice: 10m);
        // Under $30 in Québec: Revenu Québec still requires the QST charged. 20.00: GST 1.00, QST 9.975 % = 1.995, rounded up to 2.00.
        await AddAccountAsync("1000073", province: Province.QC);
        await PlaceOrderAsync("1000073", unitPrice: 20m);
        MoveClockTo(2026, 11, 1);
        await BillAsync(October);
        await using var browser = await Browser.LaunchAsync();
        var english = await browser.NewPageAsync(BaseAddress, "en-CA");
        await RegisterAsync(english, await InviteAndReadLinkAsync("1000072", "bc@client.example", Language.En));
        var french = await browser.NewPageAsync(BaseAddress, "fr-CA");
        await RegisterAsync(french, await InviteAndReadLinkAsync("1000073", "qc@client.example", Language.Fr));

        await english.GotoAsync("/invoices/F000000001");
        var lease = Words(await english.Locator("main").InnerTextAsync());
        await french.GotoAsync("/invoices/F000000002");
        var small = Words(await french.Locator("main").InnerTextAsync());

        Assert.All(["Postes Test", "GST/HST No.: 123456789 RT0001", "Customer 1000072", "Terms Net 30 days",
            "1 Postage meter lease 1 $200.00 $200.00 GP", "2 Expedited Parcel 1 $10.00 $10.00 G",
            "GST 5% $10.50", "PST 7% (BC) on $200.00 $14.00", "Total $234.50", "Taxes by line: G = GST 5% · P = PST 7% (BC)"],
            e => Assert.Contains(e, lease, StringComparison.Ordinal));
        Assert.All(["Postes Test", "Date de la facture 1er novembre 2026", "TPS 5 % 1,00 $", "TVQ 9,975 % 2,00 $", "Total 23,00 $"],
            e => Assert.Contains(e, small, StringComparison.Ordinal));
        Assert.DoesNotContain("Taxes par ligne", small, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_API_gives_each_line_its_place_of_supply_and_taxes_and_each_tax_its_province_and_base()
    {
        await BillParcelsAsync();

        var invoice = await Api.GetFromJsonAsync<JsonElement>("/api/v1/invoices/F000000001");

        var lines = invoice.GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal(["CA-ON", "CA-NS", "US", "CA-ON", "CA-ON"], lines.Select(l => l.GetProperty("placeOfSupply").GetString()));
        Assert.Equal(["HST-ON", "HST-NS", "", "HST-ON", "HST-ON"], lines.Select(l => string.Join(' ', l.GetProperty("taxes").EnumerateArray().Select(t => t.GetString()))));
        Assert.Equal("ExportedFreight", lines[2].GetProperty("outsideCanada").GetString());
        Assert.Equal(JsonValueKind.Null, lines[0].GetProperty("outsideCanada").ValueKind);
        Assert.All(lines, l => Assert.Empty(l.GetProperty("exemptionCertificates").EnumerateArray()));
        Assert.Equal("PaperFee", lines[4].GetProperty("category").GetString());
        var taxes = invoice.GetProperty("taxes").EnumerateArray()
            .Select(t => (t.GetProperty("code").GetString(), t.GetProperty("tax").GetString(), t.GetProperty("province").GetString(), t.GetProperty("rate").GetDecimal(), t.GetProperty("base").GetString(), t.GetProperty("amount").GetString()))
            .ToList();
        Assert.Equal([("HST-NS", "HST", "NS", 0.14m, "50.00", "7.00"), ("HST-ON", "HST", "ON", 0.13m, "305.00", "39.65")], taxes);
        Assert.Equal(("435.00", "46.65", "481.65"), (invoice.GetProperty("subtotal").GetString(), invoice.GetProperty("tax").GetString(), invoice.GetProperty("total").GetString()));
    }

    private async Task BillParcelsAsync()
    {
        await AddAccountAsync("1000071", province: Province.ON, delivery: DeliveryPreference.Paper);
        var order = await Api.PostAsJsonAsync("/api/v1/orders", new
        {
            customerNumber = "1000071",
            channel = "ShippingTool",
            paymentMethod = "OnAccount",
            lines = new object[]
            {
                new { category = "Shipping", description = "Colis accéléré", quantity = 1, unitPrice = "100.00" },
                new { category = "Shipping", description = "Xpresspost Halifax", quantity = 1, unitPrice = "50.00", destinationProvince = "NS" },
                new { category = "Shipping", description = "Colis international Buffalo", quantity = 1, unitPrice = "80.00", destinationCountry = "US" },
                new { category = "Lease", description = "Location de machine à affranchir", quantity = 1, unitPrice = "200.00" },
            },
        });
        Assert.True(order.IsSuccessStatusCode, await order.Content.ReadAsStringAsync());
        MoveClockTo(2026, 11, 1);
        await BillAsync(October);
    }

    /// <summary>The text as read: every run of white space (tabs between cells, no-break spaces) one space.</summary>
    private static string Words(string text) => WhiteSpace().Replace(text, " ");

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}

public sealed class InvoicePageTestsOnSqlite() : InvoicePageTests(DatabaseProvider.Sqlite);
public sealed class InvoicePageTestsOnPostgres() : InvoicePageTests(DatabaseProvider.Postgres);
